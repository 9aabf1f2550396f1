import BulletinModel
import Foundation

/// One scan document (`bulletin.scan/1`) as decoded from JSON: the organisations it describes and
/// every problem found in it, still located by JSON path.
///
/// It reads both object shapes of the format, one organisation and a batch; JSON Lines files hold
/// one such document per line.
struct ScanDocument: Decodable {
    /// The organisations of the document, each with the path of its body.
    var organisations: [Part] = []
    var problems: [ScanProblem] = []

    /// One organisation's body: its metadata and hosts as one document saw them.
    struct Part: Sendable {
        var organisation: Organisation
        var hosts: [Host]
        var scanner: String?
        var scannedAt: String?
        /// Where the body starts in the document, for messages about the organisation.
        var path: [JSONPathComponent]
    }

    /// The only format this version reads.
    static let format = "bulletin.scan/1"

    /// Where the document was read: set by the loader through `userInfo`.
    struct Origin: Sendable {
        var file: String
        /// The line of a JSON Lines document, 0 for a whole-file document.
        var line: Int
    }

    static let originKey = CodingUserInfoKey(rawValue: "bulletin.scan.origin")!

    init(from decoder: any Decoder) throws {
        let origin = decoder.userInfo[Self.originKey] as? Origin ?? Origin(file: "", line: 0)
        var problems: [ScanProblem] = []
        defer { self.problems = problems }
        guard var root = ObjectReader(decoder, path: [], role: "scan document", problems: &problems) else { return }
        let format = root.string("format", required: true, problems: &problems)
        if let format, format != Self.format {
            problems.append(ScanProblem(
                severity: .error, path: [.key("format")],
                summary: "unsupported format '\(format)'; this version of bulletin reads '\(Self.format)'", id: "scan.format"))
            return
        }
        if root.has("organisations") {
            root.array("organisations", problems: &problems) { element, path, problems in
                if let part = Self.readBody(element, path: path, origin: origin, problems: &problems) {
                    organisations.append(part)
                }
            }
            for key in ["organisation", "hosts"] where root.has(key) {
                problems.append(ScanProblem(
                    severity: .error, path: [.key(key)],
                    summary: "a batch document has '\(key)' beside 'organisations'; put it inside one of the organisations", id: "scan.shape"))
                root.accept(key)
            }
            root.accept("scanner", "scanned_at")
            root.reportUnknownKeys(problems: &problems)
        } else if let part = Self.readBody(decoder, path: [], origin: origin, problems: &problems, isRoot: true) {
            organisations.append(part)
        }
    }

    /// Reads an organisation body: `organisation`, `hosts`, `scanner`, `scanned_at`.
    private static func readBody(
        _ decoder: any Decoder, path: [JSONPathComponent], origin: Origin, problems: inout [ScanProblem], isRoot: Bool = false
    ) -> Part? {
        guard var body = ObjectReader(decoder, path: path, role: isRoot ? "scan document" : "organisation entry", problems: &problems) else { return nil }
        if isRoot { body.accept("format") }
        let scanner = readScanner(&body, problems: &problems)
        let scannedAt = body.string("scanned_at", problems: &problems)
        if let scannedAt, Instant(rfc3339: scannedAt) == nil {
            problems.append(invalidTime("scanned_at", scannedAt, at: path + [.key("scanned_at")]))
        }
        let organisation = body.nested("organisation", required: true, problems: &problems).flatMap {
            readOrganisation($0, path: path + [.key("organisation")], problems: &problems)
        }
        var hosts: [Host] = []
        var seen: [String: [JSONPathComponent]] = [:]
        body.array("hosts", required: true, problems: &problems) { element, hostPath, problems in
            guard let host = HostReader(origin: origin).read(element, path: hostPath, problems: &problems) else { return }
            if let first = seen[host.id] {
                problems.append(ScanProblem(
                    severity: .error, path: hostPath + [.key("id")],
                    summary: "host '\(host.id)' is declared twice in organisation '\(organisation?.id ?? "?")' (first at \(JSONPathComponent.pointer(first))); give each host a unique id",
                    id: "scan.duplicate-host"))
                return
            }
            seen[host.id] = hostPath
            hosts.append(host)
        }
        body.reportUnknownKeys(problems: &problems)
        guard let organisation else { return nil }
        return Part(organisation: organisation, hosts: hosts, scanner: scanner, scannedAt: scannedAt, path: path)
    }

    private static func readScanner(_ body: inout ObjectReader, problems: inout [ScanProblem]) -> String? {
        guard let decoder = body.nested("scanner", problems: &problems),
            var scanner = ObjectReader(decoder, path: body.path + [.key("scanner")], role: "scanner", problems: &problems)
        else { return nil }
        let name = scanner.string("name", problems: &problems)
        let version = scanner.string("version", problems: &problems)
        scanner.reportUnknownKeys(problems: &problems)
        return [name, version].compactMap { $0 }.joined(separator: " ")
    }

    private static func readOrganisation(_ decoder: any Decoder, path: [JSONPathComponent], problems: inout [ScanProblem]) -> Organisation? {
        guard var object = ObjectReader(decoder, path: path, role: "organisation", problems: &problems) else { return nil }
        let id = object.string("id", required: true, problems: &problems)
        let name = object.string("name", required: true, problems: &problems)
        let sector = object.string("sector", problems: &problems)
        let country = object.string("country", problems: &problems)
        let reference = object.string("reference", problems: &problems)
        let language = object.string("language", problems: &problems)
        var contacts: [Organisation.Contact] = []
        object.array("contacts", problems: &problems) { element, contactPath, problems in
            guard var contact = ObjectReader(element, path: contactPath, role: "contact", problems: &problems) else { return }
            contacts.append(Organisation.Contact(
                name: contact.string("name", problems: &problems), email: contact.string("email", problems: &problems),
                role: contact.string("role", problems: &problems)))
            contact.reportUnknownKeys(problems: &problems)
        }
        object.reportUnknownKeys(problems: &problems)
        guard let id, let name else { return nil }
        guard Organisation.isValidID(id) else {
            problems.append(ScanProblem(
                severity: .error, path: path + [.key("id")],
                summary: "organisation id '\(id.inert)' is not valid: it names the output folder, so it must match \(Organisation.idPattern) (lower-case letters, digits, '.', '_', '-')",
                id: "scan.invalid-organisation-id"))
            return nil
        }
        return Organisation(id: id, name: name, sector: sector, country: country, contacts: contacts, reference: reference, language: language)
    }

    static func invalidTime(_ key: String, _ value: String, at path: [JSONPathComponent]) -> ScanProblem {
        ScanProblem(
            severity: .error, path: path,
            summary: "'\(key)' value '\(value.inert)' is not an RFC 3339 time such as 2021-03-09T12:00:00Z", id: "scan.invalid-time")
    }
}

extension String {
    /// The string made safe to quote in a one-line terminal message: control characters, bidi
    /// overrides and other invisible characters escaped, and cut to 80 characters, because scan
    /// data is attacker-controlled and diagnostics reach terminals and CI logs.
    var inert: String {
        var result = ""
        for scalar in unicodeScalars.prefix(80) {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return unicodeScalars.count > 80 ? result + "…" : result
    }
}
