import BulletinModel

// Matching a host: its observations become STIX observed-data once (`ObservedData`, O(total
// observation size)); the rule set's `RuleIndex` then picks the rules worth evaluating, by hash
// and range lookups of each object's property values, so the cost per observation does not grow
// with the number of equality indicators (see `RuleIndex` for the anchors and why they are sound). Each candidate
// rule tests each of its bracketed observation expressions against each observed-data
// (O(rules x expressions x observations), each test a walk of one object path plus a hash lookup,
// a linear-time wildcard or automaton match, or a CIDR mask), and `BindingSearch` combines the
// matching observations under the pattern's operators and qualifiers. A pattern of one bracketed
// expression, most indicators, needs no search: its evidence is every matching observation. The
// search of compound patterns is bounded by a step budget, so no host can stall a build; a budget
// exhausted is reported as a warning, never silently.

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
        let data = ObservedData(host: host)
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        for (index, entries) in candidateRules(for: data) {
            let rule = ruleSet.rules[index]
            let evaluation = rule.compiled.evaluate(data, onlyEntries: rule.compiled.isSingleObservationExpression ? entries : nil)
            if !evaluation.isComplete {
                diagnostics.append(incompleteWarning(rule.indicator, host: host, matched: evaluation.matched))
            }
            guard evaluation.matched else { continue }
            let indicator = rule.indicator
            findings.append(Finding(
                indicatorID: indicator.id, title: indicator.title, verdict: indicator.verdict,
                confidence: indicator.confidence, cves: indicator.cves, remediation: indicator.remediation,
                evidence: evaluation.evidence.map { data.entries[$0].evidence }))
        }
        return Result(findings: findings, diagnostics: diagnostics)
    }

    // MARK: Candidate selection

    /// The rules worth evaluating on `data`, ascending (so findings stay sorted), each with the
    /// entries that made it a candidate, ascending. A rule left out here is never evaluated, so the
    /// index must never leave out a rule that could match: `RuleIndex` over-approximates, and the
    /// oracle and sample tests run through it. Asking per entry lets a single-expression pattern
    /// be tested on its anchored entries only, instead of on every observation of the host.
    private func candidateRules(for data: ObservedData) -> [(rule: Int, entries: [Int])] {
        var entriesByRule: [Int: [Int]] = [:]
        for (entry, observed) in data.entries.enumerated() {
            for rule in ruleSet.index.candidates(for: observed.objects) {
                entriesByRule[rule, default: []].append(entry)
            }
        }
        if data.entries.isEmpty {
            for rule in ruleSet.index.candidates(for: []) { entriesByRule[rule] = [] }
        }
        return entriesByRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private func incompleteWarning(_ indicator: Indicator, host: Host, matched: Bool) -> Diagnostic {
        let summary = matched
            ? "evidence of indicator '\(indicator.id)' on host '\(host.id.inert)' may be incomplete: the search for it was cut short"
            : "indicator '\(indicator.id)' could not be decided on host '\(host.id.inert)' within the search budget; the host is unchecked for it"
        return .warning(summary, id: "match.search-budget", at: host.location)
    }
}
