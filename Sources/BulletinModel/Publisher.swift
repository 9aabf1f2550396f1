/// Who publishes the reports, from `Content/site.yml`: the sender a recipient must be able to
/// recognise, verify and reach. Phishing after a campaign is common, so every report says how to
/// check that it is genuine.
public struct Publisher: Sendable, Hashable {
    /// The team's name, such as `Example National CERT`.
    public var name: String
    public var website: String?
    public var email: String?
    public var phone: String?
    /// CommonMark: how a recipient can verify the notice through a channel they already trust.
    public var verification: String
    /// Where the settings were read.
    public var location: SourceLocation

    public init(name: String, website: String?, email: String?, phone: String?, verification: String, location: SourceLocation) {
        self.name = name
        self.website = website
        self.email = email
        self.phone = phone
        self.verification = verification
        self.location = location
    }
}
