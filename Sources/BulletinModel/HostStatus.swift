/// Where a host, an organisation or an advisory stands, from best to worst.
///
/// The order is the one `spec/advisory-format.md` gives: the status of anything made of parts is the
/// worst of its parts' statuses, so `Comparable` here means "less bad than".
public enum HostStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// No data about the advisory's products on this host.
    case unknown
    /// The product is not affected, or the build already includes the fix.
    case notAffected = "not_affected"
    /// The security update for the host's branch is installed.
    case patched
    /// The build cannot be told from the outside (three-part build on a branch) or was unreadable.
    case undetermined
    /// Vulnerable, and an update exists for the running branch.
    case vulnerable
    /// Vulnerable, and no update exists for the running build: upgrade first.
    case vulnerableNoFix = "vulnerable_no_fix"
    /// An indicator of lower confidence matched (attacker address, user agent).
    case suspicious
    /// An indicator of compromise matched.
    case compromised

    /// Position in the severity order (the order of the cases); higher is worse. A switch, not a
    /// search of `allCases`, which made an array for every comparison of every sort.
    public var rank: Int {
        switch self {
        case .unknown: 0
        case .notAffected: 1
        case .patched: 2
        case .undetermined: 3
        case .vulnerable: 4
        case .vulnerableNoFix: 5
        case .suspicious: 6
        case .compromised: 7
        }
    }

    public static func < (lhs: HostStatus, rhs: HostStatus) -> Bool { lhs.rank < rhs.rank }

    /// Whether an organisation with this status gets a report by default.
    public var isAffected: Bool { self >= .undetermined }

    /// Words for people, used in reports ("vulnerable, no fix").
    public var label: String {
        switch self {
        case .unknown: "unknown"
        case .notAffected: "not affected"
        case .patched: "patched"
        case .undetermined: "undetermined"
        case .vulnerable: "vulnerable"
        case .vulnerableNoFix: "vulnerable, no fix for this build"
        case .suspicious: "suspicious"
        case .compromised: "compromised"
        }
    }
}

extension Sequence where Element == HostStatus {
    /// The worst status of the sequence, or `unknown` when it is empty.
    public var worst: HostStatus { self.max() ?? .unknown }
}
