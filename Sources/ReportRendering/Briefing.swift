import BulletinModel

/// The view model of the briefing pack (`briefing.html`, `briefing.md`): where all organisations
/// stand, for the managers who decide where help goes first.
struct Briefing {
    var title = "Briefing"
    var reportDate: String
    var advisories: [SiteIndex.Advisory]
    var organisationCount: Int
    var affectedCount: Int
    var compromisedCount: Int
    var hostCount: Int
    var byStatus: Breakdown
    var bySector: Breakdown
    var byBuild: Breakdown
    var byIndicator: Breakdown
    var timeline: Breakdown
    var hasTimeline: Bool
    var stylesheet = ""

    /// A count per category: the chart and the table of the same numbers.
    struct Breakdown {
        var title: String
        var description: String
        var rows: [Row]
        var svg: String

        struct Row {
            var label: String
            var count: Int
        }

        init(title: String, description: String, bars: [BarChart.Bar]) {
            self.title = title
            self.description = description
            rows = bars.map { Row(label: $0.label, count: $0.value) }
            svg = BarChart(title: title, description: description, bars: bars).svg
        }
    }

    init(summaries: [OrganisationSummary], advisories: [Advisory], reportDate: String) {
        self.reportDate = reportDate
        self.advisories = advisories.map {
            SiteIndex.Advisory(id: $0.id, title: $0.title, severity: $0.severity.rawValue, link: "advisories/\($0.slug)/index.html")
        }
        organisationCount = summaries.count
        // Counted in passes over the summaries: filtered or grouped copies of them were tens of
        // megabytes each at national scale.
        affectedCount = summaries.count { $0.isAffected }
        compromisedCount = summaries.count { $0.status == .compromised }
        hostCount = summaries.reduce(0) { $0 + $1.hostCount }

        var statusCounts: [HostStatus: Int] = [:]
        for summary in summaries { statusCounts[summary.status, default: 0] += 1 }
        byStatus = Breakdown(
            title: "Organisations by status",
            description: "How many organisations are at each status, worst first.",
            bars: HostStatus.allCases.reversed().compactMap { status in
                statusCounts[status].map { BarChart.Bar(label: status.label, value: $0, cssClass: StatusWording.cssClass(status)) }
            })

        var sectors: [String: Int] = [:]
        for summary in summaries where summary.isAffected { sectors[summary.sector ?? "(no sector given)", default: 0] += 1 }
        bySector = Breakdown(
            title: "Affected organisations by sector",
            description: "How many affected organisations each sector has.",
            bars: Self.ranked(sectors).map { BarChart.Bar(label: $0.key, value: $0.value, cssClass: nil) })

        var builds: [String: Int] = [:]
        var indicators: [String: Int] = [:]
        var titles: [String: String] = [:]
        var firstEvidence: [String] = []
        // In id order, so that the last title seen of an indicator is the same in every build.
        let inOrder = zip(summaries, summaries.dropFirst()).allSatisfy { $0.id < $1.id }
        for summary in inOrder ? summaries : summaries.sorted(by: { $0.id < $1.id }) {
            for (build, hosts) in summary.builds { builds[build, default: 0] += hosts }
            for (id, count) in summary.indicators {
                indicators[id, default: 0] += count.hosts
                titles[id] = count.title
            }
            if let day = summary.firstCompromiseDay { firstEvidence.append(day) }
        }
        byBuild = Breakdown(
            title: "Exposed hosts by product and cumulative update",
            description: "Hosts whose build is vulnerable, has no fix or could not be determined, by the release they run.",
            bars: Self.ranked(builds).prefix(15).map { BarChart.Bar(label: $0.key, value: $0.value, cssClass: nil) })
        byIndicator = Breakdown(
            title: "Most frequent indicators",
            description: "How many hosts each indicator matched.",
            bars: Self.ranked(indicators).prefix(15).map {
                BarChart.Bar(label: "\($0.key): \(titles[$0.key] ?? "")", value: $0.value, cssClass: nil)
            })
        let days = Dictionary(grouping: firstEvidence, by: { $0 }).mapValues(\.count)
        timeline = Breakdown(
            title: "First compromise evidence, by day",
            description: "For each compromised organisation, the day of the earliest evidence of compromise; the number of organisations per day.",
            bars: days.sorted { $0.key < $1.key }.map { BarChart.Bar(label: $0.key, value: $0.value, cssClass: "status-compromised") })
        hasTimeline = !days.isEmpty
    }

    /// Highest count first, then by label, so the order is stable.
    private static func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    }
}
