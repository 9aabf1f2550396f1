import BulletinModel

/// What the site-level pages (index, index.json, briefing, findings.csv, manifest) need to know
/// about one organisation, taken from its assessment when its report is rendered.
///
/// A summary is small (no observations, except the evidence rows of `findings.csv`), so a build
/// keeps one per organisation while the assessments themselves come and go; incremental builds
/// and shards store it (`write(to:)`) so that later builds or `bulletin merge` read it back
/// (`init(reading:)`).
public struct OrganisationSummary: Sendable {
    /// The organisation id: the folder of its report and the order of every listing.
    public var id: String
    var name: String
    var sector: String?
    var status: HostStatus
    var hostCount: Int
    /// Hosts at undetermined or worse on any advisory.
    var affectedHostCount: Int
    /// Hosts where any indicator matched.
    var hostsWithFindings: Int
    /// Whether its report was rendered (affected, or `--all`).
    public var rendered: Bool
    /// Its entry in `index.json`.
    var index: IndexDocument.OrganisationEntry
    /// Exposed hosts by "product branch", one per host and advisory, for the briefing; sorted by
    /// build and each build once. An array rather than a dictionary: one or two entries, kept
    /// for every organisation, for which a dictionary's table was twice the size.
    var builds: [(key: String, value: Int)]
    /// For each indicator that matched, how many of its hosts it matched and the indicator's title.
    var indicators: [String: IndicatorCount]
    /// The day of the earliest evidence of compromise, `YYYY-MM-DD`.
    var firstCompromiseDay: String?
    /// Its rows of `findings.csv`, sorted; empty when its report is not rendered.
    var findingRows: [[String]]
    /// Its rendered files, for the manifest, in path order.
    var files: [File]

    struct IndicatorCount: Sendable {
        var title: String
        var hosts: Int
    }

    /// One rendered file as the manifest lists it. At national scale a build keeps a million of
    /// these, so the path is not stored whole (it is the organisation's folder and a short name
    /// that fits in a `String` without an allocation) and the digest is its 32 bytes.
    struct File: Sendable {
        /// The path under the organisation's folder; or, for a path that is not under it, the
        /// whole path (`inFolder` is then false).
        var name: String
        var inFolder: Bool
        var sha256: SHA256.Digest
        var size: Int

        init(path: String, organisation id: String, sha256: SHA256.Digest, size: Int) {
            let folder = OrganisationSummary.folder(of: id)
            inFolder = path.hasPrefix(folder)
            name = inFolder ? String(path.dropFirst(folder.count)) : path
            self.sha256 = sha256
            self.size = size
        }
    }

    /// Makes the summary hold `id`, when it is the same text as its own, rather than the copy
    /// decoded from the scan: a build keeps the catalogue's copy of every id anyway, and a
    /// second one per organisation is a few dozen megabytes at national scale.
    public mutating func share(id: String) {
        guard id == self.id else { return }
        self.id = id
        index.id = id
        for row in findingRows.indices where findingRows[row].first == id { findingRows[row][0] = id }
    }

    /// The folder of an organisation's report, relative to the output folder.
    static func folder(of id: String) -> String {
        "organisations/\(id)/"
    }

    /// The path of one of its files, relative to the output folder.
    func path(of file: File) -> String {
        file.inFolder ? Self.folder(of: id) + file.name : file.name
    }

    /// The paths of its rendered files, relative to the output folder.
    public var filePaths: [String] { files.map(path(of:)) }

    /// Its files as the manifest lists them.
    var manifestEntries: [Manifest.Entry] {
        files.map { Manifest.Entry(path: path(of: $0), sha256: $0.sha256.hex, size: $0.size) }
    }

    /// Whether the organisation gets a report by default.
    public var isAffected: Bool { status.isAffected }

    init(assessment: OrganisationAssessment, rendered files: [RenderedFile], includeUnaffected: Bool) {
        let scan = assessment.scan
        let organisation = scan.organisation
        id = organisation.id
        name = organisation.name
        sector = organisation.sector
        status = assessment.status
        hostCount = scan.hosts.count
        affectedHostCount = Set(assessment.advisories.flatMap { $0.hosts.filter { $0.status.isAffected }.map(\.hostID) }).count
        hostsWithFindings = Set(assessment.advisories.flatMap { $0.hosts.filter { !$0.findings.isEmpty }.map(\.hostID) }).count
        rendered = !files.isEmpty
        index = IndexDocument.OrganisationEntry(assessment)
        var builds: [String: Int] = [:]
        var indicatorHosts: [String: Set<String>] = [:]
        var titles: [String: String] = [:]
        var firstDay: String?
        for advisory in assessment.advisories {
            for host in advisory.hosts {
                if let exposure = host.decisiveExposure, exposure.status >= .undetermined {
                    builds[exposure.product + " " + (exposure.branch ?? exposure.version ?? "(unknown build)"), default: 0] += 1
                }
                for finding in host.findings {
                    indicatorHosts[finding.indicatorID, default: []].insert(host.hostID)
                    titles[finding.indicatorID] = finding.title
                    guard finding.verdict == .compromised else { continue }
                    for time in finding.evidence.compactMap(\.time) {
                        let day = String(time.prefix(10))
                        if firstDay.map({ day < $0 }) ?? true { firstDay = day }
                    }
                }
            }
        }
        self.builds = builds.sorted { $0.key < $1.key }
        indicators = indicatorHosts.mapValues { IndicatorCount(title: "", hosts: $0.count) }
        for (id, title) in titles { indicators[id]?.title = title }
        firstCompromiseDay = firstDay
        findingRows = includeUnaffected || assessment.isAffected ? FindingsCSV.rows(of: assessment) : []
        self.files = files.sorted { $0.path < $1.path }.map { File(path: $0.path, organisation: organisation.id, sha256: SHA256.Digest(of: $0.contents), size: $0.contents.count) }
    }
}

/// Stored by incremental builds and shards as one compact line (`BuildState`), read back with
/// `init(reading:)`. Keys are sorted, so a line is the same whatever order a build made it in.
extension OrganisationSummary: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("affectedHostCount")
            writer.number(affectedHostCount)
            writer.key("builds")
            // Sorted as `sortedObject` sorts.
            writer.object { writer in
                for (build, hosts) in builds {
                    writer.key(build)
                    writer.number(hosts)
                }
            }
            writer.key("files")
            writer.array(files) { writer, file in
                Manifest.Entry(path: path(of: file), sha256: file.sha256.hex, size: file.size).write(to: &writer)
            }
            writer.key("findingRows")
            writer.array(findingRows) { writer, row in writer.array(row) }
            writer.key("firstCompromiseDay")
            writer.string(firstCompromiseDay)
            writer.key("hostCount")
            writer.number(hostCount)
            writer.key("hostsWithFindings")
            writer.number(hostsWithFindings)
            writer.key("id")
            writer.string(id)
            writer.key("index")
            index.write(to: &writer)
            writer.key("indicators")
            writer.sortedObject(indicators) { writer, count in
                writer.object { writer in
                    writer.key("hosts")
                    writer.number(count.hosts)
                    writer.key("title")
                    writer.string(count.title)
                }
            }
            writer.key("name")
            writer.string(name)
            writer.key("rendered")
            writer.bool(rendered)
            writer.key("sector")
            writer.string(sector)
            writer.key("status")
            writer.string(status.rawValue)
        }
    }
}
