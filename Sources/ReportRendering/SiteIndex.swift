import BulletinModel

/// The view model of the site's `index.html`: every organisation with its status, worst first.
struct SiteIndex {
    var title: String
    var reportDate: String
    var advisories: [Advisory]
    var groups: [Group]
    var organisationCount: Int
    var affectedCount: Int
    /// The user's stylesheet, inlined (trusted: it comes from the templates folder, not from data).
    var stylesheet = ""

    struct Advisory {
        var id: String
        var title: String
        var severity: String
        /// Relative link to the advisory's page.
        var link: String
    }

    /// Organisations of one status.
    struct Group {
        var status: OrganisationReport.StatusView
        var count: Int
        var organisations: [Row]
    }

    struct Row {
        var id: String
        var name: String
        var sector: String?
        var hostCount: Int
        /// Hosts at undetermined or worse.
        var affectedHostCount: Int
        /// Hosts where an indicator matched.
        var hostsWithFindings: Int
        /// Relative link to the report, when one was rendered.
        var link: String?
    }

    init(summaries: [OrganisationSummary], advisories: [BulletinModel.Advisory], reportDate: String) {
        title = "Notification status"
        self.reportDate = reportDate
        self.advisories = advisories.map { Advisory(id: $0.id, title: $0.title, severity: $0.severity.rawValue, link: "advisories/\($0.slug)/index.html") }
        organisationCount = summaries.count
        affectedCount = summaries.filter(\.isAffected).count
        let byStatus = Dictionary(grouping: summaries, by: \.status)
        groups = HostStatus.allCases.reversed().compactMap { status in
            guard let members = byStatus[status], !members.isEmpty else { return nil }
            return Group(
                status: OrganisationReport.StatusView(status), count: members.count,
                organisations: members.sorted { $0.id < $1.id }.map { summary in
                    Row(
                        id: summary.id, name: summary.name, sector: summary.sector, hostCount: summary.hostCount,
                        affectedHostCount: summary.affectedHostCount, hostsWithFindings: summary.hostsWithFindings,
                        link: summary.rendered ? "organisations/\(summary.id)/index.html" : nil)
                })
        }
    }
}
