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
        var organisations: Rows
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

    /// The rows of one group, each made from its summary when the template reaches it: at
    /// national scale a list of every row, beside copies of the summaries grouped by status, was
    /// as large as the page.
    struct Rows: RandomAccessCollection, TemplateList {
        let summaries: [OrganisationSummary]
        /// Positions in `summaries`, in id order.
        let members: [Int32]

        var startIndex: Int { 0 }
        var endIndex: Int { members.count }

        subscript(position: Int) -> Row {
            let summary = summaries[Int(members[position])]
            return Row(
                id: summary.id, name: summary.name, sector: summary.sector, hostCount: summary.hostCount,
                affectedHostCount: summary.affectedHostCount, hostsWithFindings: summary.hostsWithFindings,
                link: summary.rendered ? "organisations/\(summary.id)/index.html" : nil)
        }

        func forEachContext(_ body: (TemplateValue) -> Void) {
            for row in self { body(.object(row)) }
        }
    }

    init(summaries: [OrganisationSummary], advisories: [BulletinModel.Advisory], reportDate: String) {
        title = "Notification status"
        self.reportDate = reportDate
        self.advisories = advisories.map { Advisory(id: $0.id, title: $0.title, severity: $0.severity.rawValue, link: "advisories/\($0.slug)/index.html") }
        organisationCount = summaries.count
        affectedCount = summaries.count { $0.isAffected }
        var byStatus: [HostStatus: [Int32]] = [:]
        for (position, summary) in summaries.enumerated() { byStatus[summary.status, default: []].append(Int32(position)) }
        groups = HostStatus.allCases.reversed().compactMap { status in
            guard var members = byStatus[status], !members.isEmpty else { return nil }
            if !zip(members, members.dropFirst()).allSatisfy({ summaries[Int($0)].id < summaries[Int($1)].id }) {
                members.sort { summaries[Int($0)].id < summaries[Int($1)].id }
            }
            return Group(status: OrganisationReport.StatusView(status), count: members.count, organisations: Rows(summaries: summaries, members: members))
        }
    }
}
