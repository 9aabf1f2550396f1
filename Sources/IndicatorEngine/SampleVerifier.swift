import BulletinModel

/// Proves every indicator against its own sample data, as Sigma's CI does for rules: each `match`
/// sample must match, each `no_match` sample must not. A failure is an error located at the sample
/// in `indicators.yml`, and `bulletin build` publishes nothing while one stands.
public struct SampleVerifier: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// What verification found: how many samples were checked, and every failure.
    public struct Report: Sendable {
        public var samplesChecked: Int
        public var diagnostics: [Diagnostic]
    }

    /// Runs every indicator of `indicators` against its samples.
    public func verify(_ indicators: [Indicator]) -> Report {
        let matcher = Matcher(ruleSet: ruleSet)
        var diagnostics: [Diagnostic] = []
        var checked = 0
        for indicator in indicators {
            for sample in indicator.matchSamples {
                checked += 1
                if finding(of: indicator, on: sample, matcher: matcher) == nil {
                    diagnostics.append(.error(
                        "indicator '\(indicator.id)' does not match its match sample \(describe(sample)); fix the pattern or the sample",
                        id: "verify.match-failed", at: sample.location))
                }
            }
            for sample in indicator.noMatchSamples {
                checked += 1
                if let finding = finding(of: indicator, on: sample, matcher: matcher) {
                    let evidence = finding.evidence.first.map { " (it matched \($0.kind.typeName) at \($0.origin.citation))" } ?? ""
                    diagnostics.append(.error(
                        "indicator '\(indicator.id)' matches its no_match sample \(describe(sample))\(evidence); the pattern is broader than intended",
                        id: "verify.no-match-failed", at: sample.location))
                }
            }
        }
        return Report(samplesChecked: checked, diagnostics: diagnostics)
    }

    private func finding(of indicator: Indicator, on sample: Indicator.Sample, matcher: Matcher) -> Finding? {
        matcher.findings(for: sample.host).first { $0.indicatorID == indicator.id }
    }

    private func describe(_ sample: Indicator.Sample) -> String {
        let file = sample.host.observations.first?.origin.file ?? sample.host.location.file
        return sample.host.id == "sample" ? "(inline)" : "host '\(sample.host.id.inert)' of \(file)"
    }
}
