import BulletinModel

// Matching a host: the rule set's `RuleIndex` picks the rules worth evaluating, by hash and range
// lookups of the observations' property values, read straight from the scan model through
// `ObservationView`'s property stream: no STIX object is built to ask it, the observation is not
// copied either (`InPlaceObservation`), and a property no indicator looks at is never read. The
// cost per observation is a bit test per property of its kind plus the index's lookups of the
// properties indicators use; it does not grow with the number of equality indicators (see
// `RuleIndex` for the anchors and why they are sound). When the index's hash table outgrows the
// cache, a host's hash lookups are made together once it is streamed, so that their waits for
// memory overlap (`DeferredLookup`). The index answers per observation, so a pattern of one
// bracketed expression (most indicators) is tested only on the observations that hold one of its
// anchors, and its evidence is every one that satisfies it, with no search. That test also runs on
// the property stream, reading only the properties its comparisons name; only a comparison on a
// nested object as a whole (`file:hashes`) or an observation of unknown type needs the STIX
// objects, which are then built for that observation alone (`LazyObservedData`). Compound patterns
// test each bracketed expression on every observation (O(expressions x observations)), and
// `BindingSearch` combines the matching observations under the pattern's operators and qualifiers.
// Its search is bounded by a step budget, so no host can stall a build; a budget exhausted is
// reported as a warning, never silently.

/// Runs a `RuleSet` against hosts: every indicator that matches a host becomes a `Finding` citing
/// the observations that satisfied it.
///
/// Findings are sorted by indicator id; their evidence is the observations that take part in at
/// least one satisfying binding, in host order. A match that rests on the host's software entries
/// cites each as a synthetic observation of type `software` located at the entry (see
/// `ObservedData.evidence(for:)`), so every finding shows where its evidence was read.
public struct Matcher: Sendable {
    /// The compiled indicators.
    public let ruleSet: RuleSet

    /// Creates a matcher for `ruleSet`.
    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// What matching one host produced.
    public struct Result: Sendable, Hashable {
        /// The findings, sorted by indicator id.
        public var findings: [Finding]
        /// Warnings about evaluations cut short by the step budget.
        public var diagnostics: [Diagnostic]
    }

    /// The findings on `host`.
    public func findings(for host: BulletinModel.Host) -> [Finding] {
        match(host).findings
    }

    /// The findings on `host`, with warnings about any evaluation that could not finish.
    public func match(_ host: BulletinModel.Host) -> Result {
        let candidates = candidateEntries(for: host)
        let unanchored = ruleSet.index.unanchored
        if candidates.isEmpty && unanchored.isEmpty { return Result(findings: [], diagnostics: []) }
        var data = LazyObservedData(host: host)
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        // Anchored and unanchored rules, merged in ascending order so that findings stay sorted.
        // An unanchored rule may match on any entry; so may a compound pattern, whose other
        // observation expressions need not hold an anchor.
        let anchored = candidates.byPattern()
        var a = 0
        var u = 0
        while a < anchored.count || u < unanchored.count {
            let index: Int
            var entries: [Int]?
            if u == unanchored.count || (a < anchored.count && anchored[a].pattern < unanchored[u]) {
                index = anchored[a].pattern
                entries = anchored[a].entries
                a += 1
            } else {
                index = unanchored[u]
                u += 1
            }
            let rule = ruleSet.rules[index]
            if !rule.compiled.isSingleObservationExpression { entries = nil }
            let evaluation = rule.compiled.evaluate(&data, onlyEntries: entries)
            if !evaluation.isComplete {
                diagnostics.append(incompleteWarning(rule.indicator, host: host, matched: evaluation.matched))
            }
            guard evaluation.matched else { continue }
            let indicator = rule.indicator
            findings.append(Finding(
                indicatorID: indicator.id, title: indicator.title, verdict: indicator.verdict,
                confidence: indicator.confidence, cves: indicator.cves, remediation: indicator.remediation,
                evidence: evaluation.evidence.map { data.evidence(of: $0) }))
        }
        return Result(findings: findings, diagnostics: diagnostics)
    }

    // MARK: Candidate selection

    /// The anchored rules worth evaluating on `host`, each with the entries (software first, then
    /// observations) that made it a candidate. A rule left out here is never evaluated, so the
    /// index must never leave out a rule that could match: `RuleIndex` over-approximates, and the
    /// oracle and sample tests run through it. Asking per entry lets a single-expression pattern
    /// be tested on its anchored entries only, instead of on every observation of the host.
    private func candidateEntries(for host: BulletinModel.Host) -> EntryCandidates {
        let tables = ruleSet.index.tables
        var probe = ObservationProbe(tables, sink: EntryCandidates(entries: host.software.count + host.observations.count, tables: tables))
        host.software.withUnsafeBufferPointer { software in
            for index in software.indices {
                probe.add(software[index])
                probe.sink.entry += 1
            }
        }
        // In place: the probe reads only the fields the index has anchors on (`InPlaceObservation`).
        InPlaceObservation.forEach(in: host.observations) { observation in
            probe.add(observation)
            probe.sink.entry += 1
        }
        probe.sink.resolveDeferred(in: tables)
        return probe.sink
    }

    private func incompleteWarning(_ indicator: Indicator, host: Host, matched: Bool) -> Diagnostic {
        let summary = matched
            ? "evidence of indicator '\(indicator.id)' on host '\(host.id.inert)' may be incomplete: the search for it was cut short"
            : "indicator '\(indicator.id)' could not be decided on host '\(host.id.inert)' within the search budget; the host is unchecked for it"
        return .warning(summary, id: "match.search-budget", at: host.location)
    }
}
