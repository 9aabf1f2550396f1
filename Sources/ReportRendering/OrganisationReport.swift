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
    /// Who sends the report and how to verify it.
    var publisher = PublisherView()
    /// The user's stylesheet, inlined (trusted: it comes from the templates folder, not from data).
    var stylesheet = ""

    /// The sender, from `site.yml`.
    struct PublisherView {
        var name = ""
        var website: String?
        var email: String?
        var phone: String?
        var verificationHTML = ""
        var verificationMarkdown = ""
    }

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
        /// Relative link to the advisory's page in the site.
        var link: String
        var title: String
        var summary: String
        var severity: String
        var status: StatusView
        var meaning: String
        var cves: String
        var hosts: [HostRow]
        var hostPlans: [HostPlan]
        var hasPlans: Bool
        /// Hosts with indicator findings, worst first.
        var evidence: [HostEvidence]
        var hasEvidence: Bool
        var references: [Reference]
    }

    struct HostRow {
        var id: String
        var hostname: String?
        var addresses: String
        var product: String?
        var version: String?
        var status: StatusView
        /// The CVEs the host is exposed to, `nil` when none (named apart from the advisory's `cves`,
        /// which a Mustache lookup of a missing value would fall back to).
        var hostCVEs: String?
        var reason: String
        var findings: String
        /// How far back the host's logs reach, when the scan measured it: a clean result says
        /// nothing about older activity, and the reader must know.
        var logReach: String?
    }

    /// The findings on one host.
    struct HostEvidence {
        var host: String
        var findings: [FindingView]
    }

    /// One indicator that matched, with the observations that satisfied it.
    struct FindingView {
        var id: String
        var title: String
        var verdict: String
        var confidence: String
        /// `nil` when the indicator names no CVE (Mustache sections treat "" as present). Named apart
        /// from the advisory's `cves`, which a Mustache lookup of a missing value would fall back to.
        var indicatorCVEs: String?
        /// The first observations, up to `evidenceLimit`.
        var lines: [EvidenceLine]
        /// How many more observations matched than are listed; `nil` when none (Mustache treats 0
        /// as present).
        var more: Int?
    }

    /// How many observations a finding lists before "and N more".
    static let evidenceLimit = 20

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
