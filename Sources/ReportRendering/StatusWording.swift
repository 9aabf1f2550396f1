import BulletinModel

/// What a status means for the reader, in one plain sentence, and the CSS class that colours it.
enum StatusWording {
    /// "What this means for you": one sentence per status of an organisation on an advisory.
    static func meaning(_ status: HostStatus) -> String {
        switch status {
        case .compromised:
            "We found evidence that at least one of your servers has been compromised. Treat this as a security incident today: an update alone will not remove the attacker."
        case .suspicious:
            "We found signs on at least one of your servers that need investigating; they may be harmless, but must be checked."
        case .vulnerableNoFix:
            "At least one of your servers runs a build for which no security update exists. It must be upgraded to a supported release and then updated; until then it is exposed."
        case .vulnerable:
            "At least one of your servers is missing the security update. Install it as soon as possible and check the server for signs of compromise."
        case .undetermined:
            "We could not tell from the outside whether the update is installed on at least one of your servers. Please check the build on the server itself."
        case .patched:
            "Your servers have the security update installed. No action is needed for the vulnerability itself."
        case .notAffected:
            "Your servers are not affected by this advisory."
        case .unknown:
            "We have no information about the affected products on your servers."
        }
    }

    /// A class name for styling, such as `status-vulnerable-no-fix`: the raw value with dashes,
    /// made once per status rather than character by character for every row of every report.
    static func cssClass(_ status: HostStatus) -> String {
        cssClasses[status.rank]
    }

    /// By `rank`, which numbers the cases in order.
    private static let cssClasses = HostStatus.allCases.map { "status-" + String($0.rawValue.map { $0 == "_" ? "-" : $0 }) }
}
