/// Where an organisation's report lives in the site: `organisations/<id>/`, the files of no other
/// organisation beside them.
public enum OrganisationFolder {
    /// The folder that holds every organisation's folder.
    public static let parent = "organisations"

    /// The folder of organisation `id`, relative to the site, without a trailing slash.
    public static func path(of id: String) -> String {
        parent + "/" + id
    }
}
