/// An indicator that matched on a host, with every observation that satisfied it.
public struct Finding: Sendable, Hashable {
    public var indicatorID: String
    public var title: String
    public var verdict: Verdict
    public var confidence: Confidence
    public var cves: [String]
    /// Remediation step ids this finding calls for.
    public var remediation: [String]
    /// The observations that satisfied the pattern, in the order read.
    public var evidence: [Observation]

    public init(indicatorID: String, title: String, verdict: Verdict, confidence: Confidence, cves: [String], remediation: [String], evidence: [Observation]) {
        self.indicatorID = indicatorID
        self.title = title
        self.verdict = verdict
        self.confidence = confidence
        self.cves = cves
        self.remediation = remediation
        self.evidence = evidence
    }

    /// What a match of the indicator means.
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case compromised
        case suspicious
        /// An active probe proved the host exposed.
        case vulnerable

        /// The host status the verdict implies at least.
        public var hostStatus: HostStatus {
            switch self {
            case .compromised: .compromised
            case .suspicious: .suspicious
            case .vulnerable: .vulnerable
            }
        }
    }

    /// How sure the indicator's author is that a match means what the verdict says.
    public enum Confidence: String, Sendable, Hashable, CaseIterable {
        case high, medium, low
    }
}
