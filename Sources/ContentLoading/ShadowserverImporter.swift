import BulletinModel
import Foundation

/// Imports Shadowserver's "Vulnerable Exchange Server" CSV reports: each row becomes a host of the
/// organisation that owns its address (by the organisation directory), with the Exchange build
/// Shadowserver read from outside as a software entry and its tag as `detection` observations.
///
/// Shadowserver's tag is a `;`-separated list that starts with the product: `exchange;cve-2021-26855`
/// (an active probe confirmed the request forgery), `exchange;webshell` (a known web shell path
/// answered). Each part after `exchange` becomes one detection named `exchange;<part>`, the names the
/// advisory's indicators match; a bare `exchange` (a server seen, nothing proven) gives only the
/// software entry.
///
/// Hosts are named by their address, so that rows of several days and ports about one address
/// merge into one host. Columns are found by name, in any order; columns this version does not use
/// are read and kept in the unassigned report only.
public struct ShadowserverImporter: Sendable {
    let directory: OrganisationDirectory

    /// The columns a report must have; the others are optional.
    public static let requiredColumns = ["timestamp", "ip", "tag"]
    /// The columns the unassigned report lists, in this order.
    public static let reportColumns = [
        "timestamp", "ip", "port", "hostname", "tag", "asn", "geo", "region", "city", "naics", "sic", "sector",
        "version", "servername", "url", "severity", "protocol", "hostname_source",
    ]

    public init(directory: OrganisationDirectory) {
        self.directory = directory
    }

    /// Reads every report in `files`, in the order given.
    public func importReports(_ files: [String]) -> ImportReport {
        var report = ImportReport()
        var hosts: [String: [String: Host]] = [:]
        var scannedAt: [String: Instant] = [:]
        // Sightings already written, by host address, tag and time.
        var seen: Set<[String]> = []
        for file in files {
            let table = CSVReader(file: file).readFile()
            report.diagnostics += table.diagnostics
            // Malformed records are rows the file had: they count as read and rejected.
            let rejectedRecords = table.diagnostics.filter { $0.severity == .error && !CSVReader.fileLevelProblems.contains($0.id) }
            for _ in rejectedRecords { report.count("(malformed)", \.read); report.count("(malformed)", \.rejected) }
            let missing = table.missingColumns(Self.requiredColumns, what: "a Shadowserver Vulnerable Exchange Server report")
            report.diagnostics += missing
            guard missing.isEmpty else {
                for _ in table.rows { report.count("(no columns)", \.read); report.count("(no columns)", \.rejected) }
                continue
            }
            for row in table.rows {
                read(row, file: file, into: &hosts, scannedAt: &scannedAt, seen: &seen, report: &report)
            }
        }
        report.organisations = hosts.keys.sorted().compactMap { id in
            guard let entry = directory.entry(id: id), let byAddress = hosts[id] else { return nil }
            return OrganisationScan(
                organisation: entry.organisation, hosts: byAddress.values.sorted { $0.id < $1.id },
                scanners: ["shadowserver"], scannedAt: scannedAt[id]?.description, sources: [])
        }
        return report
    }

    private func read(
        _ row: CSVRow, file: String, into hosts: inout [String: [String: Host]], scannedAt: inout [String: Instant], seen: inout Set<[String]>, report: inout ImportReport
    ) {
        let tag = (row.value("tag") ?? "").lowercased()
        // The summary prints the kind on a terminal: made inert like any scan text in a message.
        let kind = tag.isEmpty ? "(no tag)" : tag.inert
        report.count(kind, \.read)
        guard let address = row.value("ip"), AddressRange(cidr: address) != nil, !address.contains("/") else {
            let shown = row.value("ip").map { "'\($0.inert)'" } ?? "no address"
            report.diagnostics.append(.error(
                "row has \(shown) in column 'ip', not an IPv4 or IPv6 address; the row is not imported, correct the address or remove the row",
                id: "shadowserver.invalid-address", at: row.location(of: "ip", in: file)))
            report.count(kind, \.rejected)
            return
        }
        var time: Instant?
        if let text = row.value("timestamp") {
            time = Self.instant(text)
            if time == nil {
                report.diagnostics.append(.warning(
                    "timestamp '\(text.inert)' is not a date and time such as 2021-03-09 10:41:22 (UTC); the row is imported without a time",
                    id: "shadowserver.invalid-timestamp", at: row.location(of: "timestamp", in: file)))
            }
        }
        var asn: Int?
        if let text = row.value("asn") {
            asn = Int(text)
            if asn == nil {
                report.diagnostics.append(.warning(
                    "AS number '\(text.inert)' is not a number; it is not used to find the organisation",
                    id: "shadowserver.invalid-asn", at: row.location(of: "asn", in: file)))
            }
        }
        let hostname = row.value("hostname")
        guard let owner = directory.owner(address: address, hostname: hostname, asn: asn) else {
            var fields: [String: String] = [:]
            for name in row.header.names where !name.isEmpty { fields[name.lowercased()] = row[name] }
            report.unassigned.append(UnassignedRow(location: SourceLocation(file: file, line: row.line), fields: fields))
            report.count(kind, \.unassigned)
            return
        }
        let organisation = owner.entry.organisation.id
        let origin = SourceLocation(file: file, line: row.line, column: 1)
        // Mutated in place in the dictionary: a copy would copy the host's observations per row.
        hosts[organisation, default: [:]][address, default: Host(id: address, hostname: nil, addresses: [address], software: [], observations: [], location: origin)]
            .absorb(row, hostname: hostname, time: time, origin: origin, importer: self, seen: &seen, report: &report, file: file)
        if let time, time > (scannedAt[organisation] ?? Instant(microseconds: .min)) { scannedAt[organisation] = time }
        report.count(kind, \.written)
    }
}

extension Host {
    /// Adds what one Shadowserver row says about this host: its name, its build, its tags.
    fileprivate mutating func absorb(_ row: CSVRow, hostname: String?, time: Instant?, origin: SourceLocation, importer: ShadowserverImporter, seen: inout Set<[String]>, report: inout ImportReport, file: String) {
        let tag = (row.value("tag") ?? "").lowercased()
        if self.hostname == nil { self.hostname = hostname }
        if let version = row.value("version") {
            let product = ShadowserverImporter.product(ofBuild: version)
            if product == nil {
                report.diagnostics.append(.warning(
                    "version '\(version.inert)' is not an Exchange 2010, 2013, 2016 or 2019 build; it is kept as 'Microsoft Exchange Server', which no advisory assesses",
                    id: "shadowserver.unknown-build", at: row.location(of: "version", in: file)))
            }
            let entry = SoftwareEntry(product: product ?? "Microsoft Exchange Server", version: version, vendor: "Microsoft", source: "shadowserver", location: origin)
            if !software.contains(where: { $0.product == entry.product && $0.version == entry.version }) {
                software.append(entry)
            }
        }
        let parts = tag.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for part in parts.dropFirst() where parts.first == "exchange" {
            let cve = part.hasPrefix("cve-") ? part.uppercased() : nil
            let detection = Observation.Detection(name: "exchange;\(part)", cve: cve, url: row.value("url"), detail: importer.detail(row))
            let observation = Observation(kind: .detection(detection), time: time?.description, source: "shadowserver", origin: origin)
            // The same tag at the same time is the same sighting, in two reports or one report twice.
            if seen.insert([id, observation.kind.typeName, "exchange;\(part)", observation.time ?? ""]).inserted {
                observations.append(observation)
            }
        }
        if parts.first != "exchange" {
            report.diagnostics.append(.warning(
                "tag '\(tag.inert)' is not an Exchange tag; only the address and version of the row are imported",
                id: "shadowserver.unknown-tag", at: row.location(of: "tag", in: file)))
        }
    }
}

extension ShadowserverImporter {
    /// What the row says beyond the tag, for the report's evidence.
    fileprivate func detail(_ row: CSVRow) -> String {
        var parts = ["Shadowserver Vulnerable Exchange Server report"]
        if let port = row.value("port") { parts.append("port \(port)") }
        if let severity = row.value("severity") { parts.append("severity \(severity)") }
        if let name = row.value("servername") { parts.append("server name \(name)") }
        return parts.joined(separator: ", ")
    }

    /// Shadowserver writes UTC times as `2021-03-09 10:41:22`; an RFC 3339 time is accepted too.
    static func instant(_ text: String) -> Instant? {
        if let instant = Instant(rfc3339: text) { return instant }
        let bytes = Array(text.utf8)
        guard bytes.count == 19, bytes[10] == 0x20 else { return nil }
        return Instant(rfc3339: text.replacingOccurrences(of: " ", with: "T") + "Z")
    }

    /// The product an Exchange build belongs to, by its major and minor version.
    static func product(ofBuild version: String) -> String? {
        let parts = version.split(separator: ".").prefix(2).map { Int($0) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1] else { return nil }
        switch (major, minor) {
        case (14, _): return "Exchange Server 2010"
        case (15, 0): return "Exchange Server 2013"
        case (15, 1): return "Exchange Server 2016"
        case (15, 2): return "Exchange Server 2019"
        default: return nil
        }
    }
}
