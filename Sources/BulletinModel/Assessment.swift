/// Where one organisation stands on every advisory: the result of the match and assess stages,
/// and the input of rendering.
public struct OrganisationAssessment: Sendable, Hashable {
    public var scan: OrganisationScan
    /// One entry per advisory, in advisory id order.
    public var advisories: [AdvisoryAssessment]

    public init(scan: OrganisationScan, advisories: [AdvisoryAssessment]) {
        self.scan = scan
        self.advisories = advisories
    }

    /// The organisation's worst status across advisories.
    public var status: HostStatus { advisories.map(\.status).worst }

    /// Whether the organisation gets a report by default.
    public var isAffected: Bool { status.isAffected }
}

/// One organisation's standing on one advisory.
public struct AdvisoryAssessment: Sendable, Hashable {
    public var advisoryID: String
    /// One entry per host, in host id order.
    public var hosts: [HostAssessment]

    public init(advisoryID: String, hosts: [HostAssessment]) {
        self.advisoryID = advisoryID
        self.hosts = hosts
    }

    /// The worst status of the organisation's hosts.
    public var status: HostStatus { hosts.map(\.status).worst }
}

/// One host's standing on one advisory.
public struct HostAssessment: Sendable, Hashable {
    public var hostID: String
    /// Version assessments of the host's software entries that the advisory concerns.
    public var exposures: [Exposure]
    /// Indicator findings on this host.
    public var findings: [Finding]

    public init(hostID: String, exposures: [Exposure], findings: [Finding]) {
        self.hostID = hostID
        self.exposures = exposures
        self.findings = findings
    }

    /// The worst of the version assessments and the findings' verdicts; `unknown` with neither.
    public var status: HostStatus {
        (exposures.map(\.status) + findings.map(\.verdict.hostStatus)).worst
    }

    /// The exposure that decides the host's version status (the worst one), if any.
    public var decisiveExposure: Exposure? { exposures.max { $0.status < $1.status } }
}
