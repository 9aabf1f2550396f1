import BulletinModel

extension OrganisationSummary {
    /// Reads a summary as `write(to:)` wrote it. Keys may come in any order; a key this version
    /// does not know is skipped, a missing one (other than those that may be `null`) is a failure.
    public init(reading reader: inout JSONReader) throws {
        var id: String?
        var name: String?
        var sector: String?
        var status: HostStatus?
        var hostCount: Int?
        var affectedHostCount: Int?
        var hostsWithFindings: Int?
        var rendered: Bool?
        var index: IndexDocument.OrganisationEntry?
        var builds: [(key: String, value: Int)]?
        var indicators: [String: IndicatorCount]?
        var firstCompromiseDay: String?
        var findingRows: [[String]]?
        var files: [(path: String, sha256: SHA256.Digest, size: Int)]?
        let start = reader.offset
        try reader.object { reader, key in
            switch key {
            case "affectedHostCount": affectedHostCount = try reader.integer()
            case "builds":
                var counts: [String: Int] = [:]
                try reader.object { reader, build in counts[build] = try reader.integer() }
                builds = counts.sorted { $0.key < $1.key }
            case "files":
                var entries: [(path: String, sha256: SHA256.Digest, size: Int)] = []
                try reader.array { reader in
                    let entry = try Manifest.Entry(reading: &reader)
                    guard let digest = SHA256.Digest(hex: entry.sha256) else { throw JSONReader.Failure(offset: reader.offset) }
                    entries.append((entry.path, digest, entry.size))
                }
                files = entries
            case "findingRows":
                var rows: [[String]] = []
                try reader.array { rows.append(try $0.strings()) }
                findingRows = rows
            case "firstCompromiseDay": firstCompromiseDay = try reader.optionalString()
            case "hostCount": hostCount = try reader.integer()
            case "hostsWithFindings": hostsWithFindings = try reader.integer()
            case "id": id = try reader.string()
            case "index": index = try IndexDocument.OrganisationEntry(reading: &reader)
            case "indicators":
                var counts: [String: IndicatorCount] = [:]
                try reader.object { reader, indicator in counts[indicator] = try IndicatorCount(reading: &reader) }
                indicators = counts
            case "name": name = try reader.string()
            case "rendered": rendered = try reader.bool()
            case "sector": sector = try reader.optionalString()
            case "status":
                let text = try reader.string()
                guard let value = HostStatus(rawValue: text) else { throw JSONReader.Failure(offset: reader.offset) }
                status = value
            default: try reader.skipValue()
            }
        }
        guard let id, let name, let status, let hostCount, let affectedHostCount, let hostsWithFindings, let rendered, var index, let builds,
            let indicators, let findingRows, let files
        else { throw JSONReader.Failure(offset: start) }
        // The same text as the summary's own, shared rather than held twice.
        if index.id == id { index.id = id }
        if index.name == name { index.name = name }
        self.id = id
        self.name = name
        self.sector = sector
        self.status = status
        self.hostCount = hostCount
        self.affectedHostCount = affectedHostCount
        self.hostsWithFindings = hostsWithFindings
        self.rendered = rendered
        self.index = index
        self.builds = builds
        self.indicators = indicators
        self.firstCompromiseDay = firstCompromiseDay
        self.findingRows = findingRows
        self.files = files.map { File(path: $0.path, organisation: id, sha256: $0.sha256, size: $0.size) }
    }
}

extension OrganisationSummary.IndicatorCount {
    init(reading reader: inout JSONReader) throws {
        var title: String?
        var hosts: Int?
        try reader.object { reader, key in
            switch key {
            case "hosts": hosts = try reader.integer()
            case "title": title = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let title, let hosts else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(title: title, hosts: hosts)
    }
}

extension Manifest.Entry {
    init(reading reader: inout JSONReader) throws {
        var path: String?
        var sha256: String?
        var size: Int?
        try reader.object { reader, key in
            switch key {
            case "path": path = try reader.string()
            case "sha256": sha256 = try reader.string()
            case "size": size = try reader.integer()
            default: try reader.skipValue()
            }
        }
        guard let path, let sha256, let size else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(path: path, sha256: sha256, size: size)
    }
}

extension IndexDocument.OrganisationEntry {
    init(reading reader: inout JSONReader) throws {
        var id: String?
        var name: String?
        var status: String?
        var advisories: [IndexDocument.AdvisoryEntry]?
        try reader.object { reader, key in
            switch key {
            case "advisories":
                var entries: [IndexDocument.AdvisoryEntry] = []
                try reader.array { entries.append(try IndexDocument.AdvisoryEntry(reading: &$0)) }
                advisories = entries
            case "id": id = try reader.string()
            case "name": name = try reader.string()
            case "status": status = HostStatus.shared(try reader.string())
            default: try reader.skipValue()
            }
        }
        guard let id, let name, let status, let advisories else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(id: id, name: name, status: status, advisories: advisories)
    }
}

extension IndexDocument.AdvisoryEntry {
    init(reading reader: inout JSONReader) throws {
        var id: String?
        var status: String?
        var hosts: [IndexDocument.HostEntry]?
        try reader.object { reader, key in
            switch key {
            case "hosts":
                var entries: [IndexDocument.HostEntry] = []
                try reader.array { entries.append(try IndexDocument.HostEntry(reading: &$0)) }
                hosts = entries
            case "id": id = try reader.string()
            case "status": status = HostStatus.shared(try reader.string())
            default: try reader.skipValue()
            }
        }
        guard let id, let status, let hosts else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(id: id, status: status, hosts: hosts)
    }
}

extension IndexDocument.HostEntry {
    init(reading reader: inout JSONReader) throws {
        var id: String?
        var status: String?
        var product: String?
        var version: String?
        var findings: [String]?
        try reader.object { reader, key in
            switch key {
            case "findings": findings = try reader.strings()
            case "id": id = try reader.string()
            case "product": product = try reader.optionalString()
            case "status": status = HostStatus.shared(try reader.string())
            case "version": version = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        guard let id, let status, let findings else { throw JSONReader.Failure(offset: reader.offset) }
        self.init(id: id, status: status, product: product, version: version, findings: findings)
    }
}

extension HostStatus {
    /// `text`, as the status's own name when it is one: that string is the program's, so a
    /// status read back costs no storage (`vulnerable_no_fix` is too long to fit in a `String`).
    static func shared(_ text: String) -> String {
        HostStatus(rawValue: text)?.rawValue ?? text
    }
}
