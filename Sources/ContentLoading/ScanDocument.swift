import BulletinModel

/// One scan document (`bulletin.scan/1`) as read from its parsed JSON: the organisations it
/// describes and every problem found in it, located by JSON pointer and byte offset.
///
/// It reads both object shapes of the format, one organisation and a batch; JSON Lines files hold
/// one such document per line.
struct ScanDocument {
    /// The organisations of the document.
    var organisations: [Part] = []
    var problems: [ScanProblem] = []

    /// One organisation's body: its metadata and hosts as one document saw them.
    struct Part: Sendable {
        var organisation: Organisation
        var hosts: [Host]
        var scanner: String?
        var scannedAt: String?
        /// Where messages about the organisation point: a batch's element, or the `organisation`
        /// object of a one-organisation document.
        var pointer: String
        var offset: Int
    }

    /// The only format this version reads.
    static let format = "bulletin.scan/1"

    /// Where the document was read.
    struct Origin: Sendable {
        var file: String
        /// The line of a JSON Lines document, 0 for a whole-file document.
        var line: Int
    }

    init(_ root: JSONValue, origin: Origin) {
        var problems: [ScanProblem] = []
        defer { self.problems = problems }
        guard var document = ObjectReader(root, pointer: "", role: "scan document", problems: &problems) else { return }
        let format = document.string("format", required: true, problems: &problems)
        if let format, format != Self.format {
            problems.append(ScanProblem(
                severity: .error, pointer: "/format", offset: document.offset(of: "format") ?? root.offset,
                summary: "unsupported format '\(format.inert)'; this version of bulletin reads '\(Self.format)'", id: "scan.format"))
            return
        }
        if document.has("organisations") {
            document.array("organisations", problems: &problems) { element, pointer, problems in
                if let part = Self.readBody(element, pointer: pointer, origin: origin, problems: &problems) {
                    organisations.append(part)
                }
            }
            for key: StaticString in ["organisation", "hosts"] {
                guard let offset = document.offset(of: key) else { continue }
                problems.append(ScanProblem(
                    severity: .error, pointer: "/\(key)", offset: offset,
                    summary: "a batch document has '\(key)' beside 'organisations'; put it inside one of the organisations", id: "scan.shape"))
            }
            document.accept("scanner", "scanned_at")
            document.reportUnknownKeys(problems: &problems)
        } else if let part = Self.readBody(root, pointer: "", origin: origin, problems: &problems, isRoot: true) {
            organisations.append(part)
        }
    }

    /// Reads an organisation body: `organisation`, `hosts`, `scanner`, `scanned_at`.
    private static func readBody(_ value: JSONValue, pointer: String, origin: Origin, problems: inout [ScanProblem], isRoot: Bool = false) -> Part? {
        guard var body = ObjectReader(value, pointer: pointer, role: isRoot ? "scan document" : "organisation entry", problems: &problems) else { return nil }
        if isRoot { body.accept("format") }
        let scanner = readScanner(&body, problems: &problems)
        let scannedAt = body.string("scanned_at", problems: &problems)
        if let scannedAt, Instant(rfc3339: scannedAt) == nil {
            problems.append(invalidTime("scanned_at", scannedAt, at: pointer + "/scanned_at", offset: body.offset(of: "scanned_at") ?? body.offset))
        }
        let organisationValue = body.nested("organisation", required: true, problems: &problems)
        let organisation = organisationValue.flatMap { readOrganisation($0, pointer: pointer + "/organisation", problems: &problems) }
        var hosts: [Host] = []
        var seen: [String: String] = [:]
        let reader = HostReader(origin: origin)
        body.array("hosts", required: true, problems: &problems) { element, hostPointer, problems in
            guard let (host, idOffset) = reader.read(element, pointer: hostPointer, problems: &problems) else { return }
            if let first = seen[host.id] {
                problems.append(ScanProblem(
                    severity: .error, pointer: hostPointer + "/id", offset: idOffset,
                    summary: "host '\(host.id.inert)' is declared twice in organisation '\(organisation?.id ?? "?")' (first at \(first)); give each host a unique id",
                    id: "scan.duplicate-host"))
                return
            }
            seen[host.id] = hostPointer
            hosts.append(host)
        }
        body.reportUnknownKeys(problems: &problems)
        guard let organisation, let organisationValue else { return nil }
        return isRoot
            ? Part(organisation: organisation, hosts: hosts, scanner: scanner, scannedAt: scannedAt, pointer: "/organisation", offset: organisationValue.offset)
            : Part(organisation: organisation, hosts: hosts, scanner: scanner, scannedAt: scannedAt, pointer: pointer, offset: value.offset)
    }

    private static func readScanner(_ body: inout ObjectReader, problems: inout [ScanProblem]) -> String? {
        guard let value = body.nested("scanner", problems: &problems),
            var scanner = ObjectReader(value, pointer: body.pointer + "/scanner", role: "scanner", problems: &problems)
        else { return nil }
        let name = scanner.string("name", problems: &problems)
        let version = scanner.string("version", problems: &problems)
        scanner.reportUnknownKeys(problems: &problems)
        return [name, version].compactMap { $0 }.joined(separator: " ")
    }

    private static func readOrganisation(_ value: JSONValue, pointer: String, problems: inout [ScanProblem]) -> Organisation? {
        guard var object = ObjectReader(value, pointer: pointer, role: "organisation", problems: &problems) else { return nil }
        let id = object.string("id", required: true, problems: &problems)
        let name = object.string("name", required: true, problems: &problems)
        let sector = object.string("sector", problems: &problems)
        let country = object.string("country", problems: &problems)
        let reference = object.string("reference", problems: &problems)
        let language = object.string("language", problems: &problems)
        var contacts: [Organisation.Contact] = []
        object.array("contacts", problems: &problems) { element, contactPointer, problems in
            guard var contact = ObjectReader(element, pointer: contactPointer, role: "contact", problems: &problems) else { return }
            contacts.append(Organisation.Contact(
                name: contact.string("name", problems: &problems), email: contact.string("email", problems: &problems),
                role: contact.string("role", problems: &problems)))
            contact.reportUnknownKeys(problems: &problems)
        }
        object.reportUnknownKeys(problems: &problems)
        guard let id, let name else { return nil }
        if let problem = Organisation.idProblem(id) {
            problems.append(ScanProblem(
                severity: .error, pointer: pointer + "/id", offset: object.offset(of: "id") ?? object.offset,
                summary: "organisation id '\(id.inert)' is not valid: \(problem)",
                id: "scan.invalid-organisation-id"))
            return nil
        }
        return Organisation(id: id, name: name, sector: sector, country: country, contacts: contacts, reference: reference, language: language)
    }

    static func invalidTime(_ key: String, _ value: String, at pointer: String, offset: Int) -> ScanProblem {
        ScanProblem(
            severity: .error, pointer: pointer, offset: offset,
            summary: "'\(key)' value '\(value.inert)' is not an RFC 3339 time such as 2021-03-09T12:00:00Z", id: "scan.invalid-time")
    }
}
