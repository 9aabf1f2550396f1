import BulletinModel

/// Reads one host of a scan document: identity, software and observations, each observation
/// remembering where it was read so that findings can cite it.
struct HostReader {
    let origin: ScanDocument.Origin

    /// What each integer field may hold; anything else is an error, never clamped or wrapped.
    /// File sizes are never negative; HTTP status codes have three digits (0 is kept, as some
    /// proxies log it for requests that never got an answer); Windows event ids are 32-bit
    /// (the 16-bit id with its qualifiers); ports are 16-bit.
    static let sizeRange = 0...Int.max
    static let statusRange = 0...999
    static let eventIDRange = 0...Int(UInt32.max)
    static let portRange = 0...65535

    /// Reads the host at `value`, with where its id starts (for messages about the host's identity).
    func read(_ value: JSONValue, pointer: String, problems: inout [ScanProblem]) -> (host: Host, idOffset: Int)? {
        guard var object = ObjectReader(value, pointer: pointer, role: "host", problems: &problems) else { return nil }
        let id = object.string("id", required: true, problems: &problems)
        let idOffset = object.offset(of: "id") ?? object.offset
        if let id, id.isEmpty || id.utf8.count > 255 {
            problems.append(ScanProblem(severity: .error, pointer: pointer + "/id", offset: idOffset, summary: "host id must have 1 to 255 characters", id: "scan.invalid-host-id"))
        }
        let hostname = object.string("hostname", problems: &problems)
        let addresses = object.strings("addresses", problems: &problems)
        var software: [SoftwareEntry] = []
        object.array("software", problems: &problems) { element, entryPointer, problems in
            guard var entry = ObjectReader(element, pointer: entryPointer, role: "software entry", problems: &problems) else { return }
            let product = entry.string("product", required: true, problems: &problems)
            let version = entry.string("version", problems: &problems)
            let vendor = entry.string("vendor", problems: &problems)
            let source = entry.string("source", problems: &problems)
            entry.reportUnknownKeys(problems: &problems)
            if let product {
                software.append(SoftwareEntry(product: product, version: version, vendor: vendor, source: source, location: location(entryPointer)))
            }
        }
        var observations: [Observation] = []
        object.array("observations", problems: &problems) { element, observationPointer, problems in
            if let observation = readObservation(element, pointer: observationPointer, problems: &problems) {
                observations.append(observation)
            }
        }
        let logAgeDays = object.numberMap("log_age_days", minimum: 0, problems: &problems)
        object.reportUnknownKeys(problems: &problems)
        guard let id, !id.isEmpty, id.utf8.count <= 255 else { return nil }
        var host = Host(id: id, hostname: hostname, addresses: addresses, software: software, observations: observations, location: location(pointer))
        host.logAgeDays = logAgeDays
        return (host, idOffset)
    }

    /// The location of a value: file, JSON Lines line, and pointer. The model keeps no line and
    /// column for values of whole-file documents; diagnostics resolve them when they need them.
    private func location(_ pointer: String) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line, column: 0, jsonPointer: pointer)
    }

    /// Reads one observation; also used for the inline samples of `indicators.yml`.
    func readObservation(_ value: JSONValue, pointer: String, problems: inout [ScanProblem]) -> Observation? {
        guard var object = ObjectReader(value, pointer: pointer, role: "observation", problems: &problems) else { return nil }
        guard let type = object.string("type", required: true, problems: &problems) else { return nil }
        let time = object.string("time", problems: &problems)
        if let time, Instant(rfc3339: time) == nil {
            problems.append(ScanDocument.invalidTime("time", time, at: pointer + "/time", offset: object.offset(of: "time") ?? object.offset))
        }
        let source = object.string("source", problems: &problems)
        let kind: Observation.Kind?
        switch type {
        case "file": kind = readFile(&object, problems: &problems)
        case "http-request":
            kind = .httpRequest(Observation.HTTPRequest(
                method: object.string("method", problems: &problems), url: object.string("url", problems: &problems),
                status: object.int("status", in: Self.statusRange, problems: &problems), clientIP: object.string("client_ip", problems: &problems),
                userAgent: object.string("user_agent", problems: &problems), host: object.string("host", problems: &problems),
                log: object.string("log", problems: &problems), fields: object.stringMap("fields", problems: &problems)))
        case "log-line":
            let log = object.string("log", problems: &problems)
            kind = object.string("text", required: true, problems: &problems).map { .logLine(Observation.LogLine(log: log, text: $0)) }
        case "event":
            kind = .event(Observation.WindowsEvent(
                channel: object.string("channel", problems: &problems), provider: object.string("provider", problems: &problems),
                eventID: object.int("event_id", in: Self.eventIDRange, problems: &problems), level: object.string("level", problems: &problems),
                message: object.string("message", problems: &problems)))
        case "connection":
            let direction = object.string("direction", problems: &problems)
            if let direction, direction != "inbound", direction != "outbound" {
                problems.append(ScanProblem(severity: .error, pointer: pointer + "/direction", offset: object.offset(of: "direction") ?? object.offset, summary: "'direction' must be 'inbound' or 'outbound', not '\(direction.inert)'", id: "scan.invalid-value"))
            }
            kind = .connection(Observation.Connection(
                direction: direction, localIP: object.string("local_ip", problems: &problems),
                localPort: object.int("local_port", in: Self.portRange, problems: &problems), remoteIP: object.string("remote_ip", problems: &problems),
                remotePort: object.int("remote_port", in: Self.portRange, problems: &problems), proto: object.string("protocol", problems: &problems)))
        case "process":
            kind = .process(Observation.Process(
                name: object.string("name", problems: &problems), commandLine: object.string("command_line", problems: &problems),
                parentName: object.string("parent_name", problems: &problems), user: object.string("user", problems: &problems)))
        case "detection":
            let name = object.string("name", required: true, problems: &problems)
            let detection = name.map {
                Observation.Detection(
                    name: $0, cve: object.string("cve", problems: &problems), url: object.string("url", problems: &problems),
                    detail: object.string("detail", problems: &problems))
            }
            kind = detection.map { .detection($0) }
        default:
            problems.append(ScanProblem(
                severity: .warning, pointer: pointer + "/type", offset: object.offset(of: "type") ?? object.offset,
                summary: "unknown observation type '\(type.inert)' is kept and can be matched as 'x-\(type.inert)'",
                id: "scan.unknown-observation-type", onceKey: "type.\(type)"))
            object.accept("type")
            return Observation(kind: .other(type: type, fields: object.remainingScalars(problems: &problems)), time: time, source: source, origin: location(pointer))
        }
        object.accept("type")
        object.reportUnknownKeys(problems: &problems)
        return kind.map { Observation(kind: $0, time: time, source: source, origin: location(pointer)) }
    }

    private func readFile(_ object: inout ObjectReader, problems: inout [ScanProblem]) -> Observation.Kind? {
        let filePath = object.string("path", required: true, problems: &problems)
        let sha256 = object.hexString("sha256", digits: 64, problems: &problems)
        let sha1 = object.hexString("sha1", digits: 40, problems: &problems)
        let md5 = object.hexString("md5", digits: 32, problems: &problems)
        let size = object.int("size", in: Self.sizeRange, problems: &problems)
        func time(_ key: StaticString) -> String? {
            guard let value = object.string(key, problems: &problems) else { return nil }
            if Instant(rfc3339: value) == nil {
                problems.append(ScanDocument.invalidTime("\(key)", value, at: object.pointer + "/\(key)", offset: object.offset(of: key) ?? object.offset))
            }
            return value
        }
        let created = time("created")
        let modified = time("modified")
        guard let filePath else { return nil }
        return .file(Observation.File(path: filePath, sha256: sha256, sha1: sha1, md5: md5, size: size, created: created, modified: modified))
    }
}
