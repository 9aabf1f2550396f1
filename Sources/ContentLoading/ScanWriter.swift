import BulletinModel
import Foundation

/// Turns organisations into `bulletin.scan/1` documents (docs/scan-format.md), the format
/// `ScanLoader` reads: what the importers of foreign formats produce, so that everything after
/// them is the one path every scan takes.
///
/// Output is deterministic: keys sorted, hosts in id order, observations in the order given, two
/// spaces of indentation and a final newline, so that a re-import of the same input gives the same
/// bytes and a diff between two imports shows what changed.
public struct ScanWriter: Sendable {
    /// The tool named as the document's `scanner`.
    public var scannerName: String
    public var scannerVersion: String

    public init(scannerName: String, scannerVersion: String) {
        self.scannerName = scannerName
        self.scannerVersion = scannerVersion
    }

    /// One organisation document, UTF-8 JSON.
    public func document(_ scan: OrganisationScan) -> Data {
        let document = Document(
            format: "bulletin.scan/1", scanner: Scanner(name: scannerName, version: scannerVersion), scanned_at: scan.scannedAt,
            organisation: OrganisationBody(scan.organisation), hosts: scan.hosts.sorted { $0.id < $1.id }.map(HostBody.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        var data = (try? encoder.encode(document)) ?? Data()
        data.append(0x0A)
        return data
    }

    private struct Document: Encodable {
        var format: String
        var scanner: Scanner
        var scanned_at: String?
        var organisation: OrganisationBody
        var hosts: [HostBody]
    }

    private struct Scanner: Encodable {
        var name: String
        var version: String
    }

    private struct OrganisationBody: Encodable {
        var id: String
        var name: String
        var sector: String?
        var country: String?
        var contacts: [ContactBody]?
        var reference: String?
        var language: String?

        init(_ organisation: Organisation) {
            id = organisation.id
            name = organisation.name
            sector = organisation.sector
            country = organisation.country
            contacts = organisation.contacts.isEmpty ? nil : organisation.contacts.map { ContactBody(name: $0.name, email: $0.email, role: $0.role) }
            reference = organisation.reference
            language = organisation.language
        }
    }

    private struct ContactBody: Encodable {
        var name: String?
        var email: String?
        var role: String?
    }

    private struct HostBody: Encodable {
        var id: String
        var hostname: String?
        var addresses: [String]?
        var software: [SoftwareBody]?
        var observations: [ObservationBody]?
        var log_age_days: [String: Double]?

        init(_ host: Host) {
            id = host.id
            hostname = host.hostname
            addresses = host.addresses.isEmpty ? nil : host.addresses
            software = host.software.isEmpty ? nil : host.software.map {
                SoftwareBody(product: $0.product, version: $0.version, vendor: $0.vendor, source: $0.source)
            }
            observations = host.observations.isEmpty ? nil : host.observations.map(ObservationBody.init)
            log_age_days = host.logAgeDays.isEmpty ? nil : host.logAgeDays
        }
    }

    private struct SoftwareBody: Encodable {
        var product: String
        var version: String?
        var vendor: String?
        var source: String?
    }

    /// One observation: `type`, `time`, `source` and the fields of its kind, as the format names them.
    private struct ObservationBody: Encodable {
        var observation: Observation

        init(_ observation: Observation) {
            self.observation = observation
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: FieldKey.self)
            func put(_ key: String, _ value: String?) throws {
                if let value { try container.encode(value, forKey: FieldKey(key)) }
            }
            func put(_ key: String, _ value: Int?) throws {
                if let value { try container.encode(value, forKey: FieldKey(key)) }
            }
            try put("type", observation.kind.typeName)
            try put("time", observation.time)
            try put("source", observation.source)
            switch observation.kind {
            case .file(let file):
                try put("path", file.path)
                try put("sha256", file.sha256)
                try put("sha1", file.sha1)
                try put("md5", file.md5)
                try put("size", file.size)
                try put("created", file.created)
                try put("modified", file.modified)
            case .httpRequest(let request):
                try put("method", request.method)
                try put("url", request.url)
                try put("status", request.status)
                try put("client_ip", request.clientIP)
                try put("user_agent", request.userAgent)
                try put("host", request.host)
                try put("log", request.log)
                if !request.fields.isEmpty { try container.encode(request.fields, forKey: FieldKey("fields")) }
            case .logLine(let line):
                try put("log", line.log)
                try put("text", line.text)
            case .event(let event):
                try put("channel", event.channel)
                try put("provider", event.provider)
                try put("event_id", event.eventID)
                try put("level", event.level)
                try put("message", event.message)
            case .connection(let connection):
                try put("direction", connection.direction)
                try put("local_ip", connection.localIP)
                try put("local_port", connection.localPort)
                try put("remote_ip", connection.remoteIP)
                try put("remote_port", connection.remotePort)
                try put("protocol", connection.proto)
            case .process(let process):
                try put("name", process.name)
                try put("command_line", process.commandLine)
                try put("parent_name", process.parentName)
                try put("user", process.user)
            case .detection(let detection):
                try put("name", detection.name)
                try put("cve", detection.cve)
                try put("url", detection.url)
                try put("detail", detection.detail)
            case .other(_, let fields):
                for (key, value) in fields where key != "type" && key != "time" && key != "source" {
                    try put(key, value)
                }
            }
        }
    }
}

/// A key of the scan format written by name: observations have different fields by kind, so
/// `ObservationBody` writes its keys one by one.
private struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) {
        stringValue = string
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        nil
    }
}
