/// What one software entry of a host means under one `affected` entry of an advisory: the version
/// assessment, with the facts a remediation step needs.
public struct Exposure: Sendable, Hashable {
    /// The status the version assessment gives (never `unknown` or `compromised`).
    public var status: HostStatus
    /// The affected product's display name.
    public var product: String
    /// The version as the scan wrote it.
    public var version: String?
    /// The branch the build is on (`CU19`), if any.
    public var branch: String?
    /// The first fixed build of that branch.
    public var fixed: String?
    /// The update that fixes the branch (`KB5000871`).
    public var update: String?
    /// The first build of the product that is not affected.
    public var fixedFrom: String?
    /// CVEs of the advisory that the host is exposed to (empty when patched or not affected).
    public var cves: [String]
    /// One sentence for people: why this status.
    public var reason: String
    /// Where the software entry was read.
    public var location: SourceLocation

    public init(
        status: HostStatus, product: String, version: String?, branch: String?, fixed: String?, update: String?,
        fixedFrom: String?, cves: [String], reason: String, location: SourceLocation
    ) {
        self.status = status
        self.product = product
        self.version = version
        self.branch = branch
        self.fixed = fixed
        self.update = update
        self.fixedFrom = fixedFrom
        self.cves = cves
        self.reason = reason
        self.location = location
    }
}
