/// One remediation step from an advisory's `remediation/` folder.
public struct RemediationStep: Sendable, Hashable {
    /// The file's `id`, referenced by indicators' `remediation` lists.
    public var id: String
    public var title: String
    /// Steps are shown in ascending order.
    public var order: Int
    public var category: Category
    /// The host statuses that call for this step.
    public var when: [HostStatus]
    /// Due date is the report date plus this many days.
    public var dueDays: Int?
    /// The CommonMark body with `{{placeholder}}` fields still to fill per host.
    public var body: String
    /// Where the file was read.
    public var location: SourceLocation

    public init(
        id: String, title: String, order: Int, category: Category, when: [HostStatus], dueDays: Int?,
        body: String, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.order = order
        self.category = category
        self.when = when
        self.dueDays = dueDays
        self.body = body
        self.location = location
    }

    /// CSAF 2.0 remediation categories, plus the two this tool adds for detection and response.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case vendorFix = "vendor_fix"
        case mitigation
        case workaround
        case noneAvailable = "none_available"
        case noFixPlanned = "no_fix_planned"
        case detection
        case incidentResponse = "incident_response"

        /// Words for people.
        public var label: String {
            switch self {
            case .vendorFix: "vendor fix"
            case .mitigation: "mitigation"
            case .workaround: "workaround"
            case .noneAvailable: "none available"
            case .noFixPlanned: "no fix planned"
            case .detection: "detection"
            case .incidentResponse: "incident response"
            }
        }
    }

    /// The placeholders a step body may use, filled from the host's facts.
    public static let placeholders = ["host", "product", "version", "branch", "fixed", "update", "fixed_from"]
}
