import BulletinModel

/// The view model of one organisation's report, shared by the HTML and Markdown templates.
///
/// Templates see only these plain values. Strings from scan data are left raw here: the template's
/// content type escapes them for its language. Fields named `…HTML` hold markup this tool made
/// (libcmark output) and are the only ones templates insert unescaped.
struct OrganisationReport {
    var title: String
    var reportDate: String
    var tlp: TLPMarking
    var organisation: OrganisationFacts
    var status: StatusView
    var advisories: [AdvisorySection]
    var scanners: String
    var scannedAt: String?
    /// The way back to the site index, relative to the report's folder.
    var indexLink: String
    /// The user's stylesheet, inlined (trusted: it comes from the templates folder, not from data).
    var stylesheet = ""

    struct TLPMarking {
        var marking: String
        var cssClass: String
        var meaning: String
    }

    struct OrganisationFacts {
        var id: String
        var name: String
        var sector: String?
        var country: String?
        var reference: String?
        var contacts: [Contact]
        var hasContacts: Bool
    }

    struct Contact {
        var name: String?
        var email: String?
        var role: String?
    }

    struct StatusView {
        var value: String
        var label: String
        var cssClass: String
    }

    struct AdvisorySection {
        var id: String
        var title: String
        var summary: String
        var severity: String
        var status: StatusView
        var meaning: String
        var cves: String
        var hosts: [HostRow]
        var hostPlans: [HostPlan]
        var hasPlans: Bool
        var references: [Reference]
    }

    struct HostRow {
        var id: String
        var hostname: String?
        var addresses: String
        var product: String?
        var version: String?
        var status: StatusView
        var cves: String
        var reason: String
        var findings: String
    }

    struct HostPlan {
        var host: String
        var status: StatusView
        var steps: [Step]
    }

    struct Step {
        var number: Int
        var title: String
        var category: String
        var due: String?
        var bodyHTML: String
        var bodyMarkdown: String
    }

    struct Reference {
        var title: String
        var url: String
    }
}
