import BulletinModel
import Foundation

/// Reads one host of a scan document: identity, software and observations, each observation
/// remembering where it was read so that findings can cite it.
struct HostReader {
    let origin: ScanDocument.Origin

    func read(_ decoder: any Decoder, path: [JSONPathComponent], problems: inout [ScanProblem]) -> Host? {
        guard var object = ObjectReader(decoder, path: path, role: "host", problems: &problems) else { return nil }
        let id = object.string("id", required: true, problems: &problems)
        if let id, id.isEmpty || id.utf8.count > 255 {
            problems.append(ScanProblem(severity: .error, path: path + [.key("id")], summary: "host id must have 1 to 255 characters", id: "scan.invalid-host-id"))
        }
        let hostname = object.string("hostname", problems: &problems)
        let addresses = object.strings("addresses", problems: &problems)
        var software: [SoftwareEntry] = []
        object.array("software", problems: &problems) { element, entryPath, problems in
            guard var entry = ObjectReader(element, path: entryPath, role: "software entry", problems: &problems) else { return }
            let product = entry.string("product", required: true, problems: &problems)
            let version = entry.string("version", problems: &problems)
            let vendor = entry.string("vendor", problems: &problems)
            let source = entry.string("source", problems: &problems)
            entry.reportUnknownKeys(problems: &problems)
            if let product {
                software.append(SoftwareEntry(product: product, version: version, vendor: vendor, source: source, location: location(entryPath)))
            }
        }
        var observations: [Observation] = []
        object.array("observations", problems: &problems) { element, observationPath, problems in
            if let observation = readObservation(element, path: observationPath, problems: &problems) {
                observations.append(observation)
            }
        }
        let logAgeDays = object.numberMap("log_age_days", problems: &problems)
        for (log, days) in logAgeDays.sorted(by: { $0.key < $1.key }) where !(days >= 0) || !days.isFinite {
            problems.append(ScanProblem(
                severity: .error, path: path + [.key("log_age_days"), .key(log)],
                summary: "log age of '\(log.inert)' must be a number of days, 0 or more", id: "scan.invalid-value"))
        }
        object.reportUnknownKeys(problems: &problems)
        guard let id, !id.isEmpty, id.utf8.count <= 255 else { return nil }
        var host = Host(id: id, hostname: hostname, addresses: addresses, software: software, observations: observations, location: location(path))
        host.logAgeDays = logAgeDays.filter { $0.value >= 0 && $0.value.isFinite }
        return host
    }

    /// The location of a value: file, JSON Lines line, and pointer. Line and column of values in
    /// whole-file documents are resolved only for diagnostics, where they are worth a rescan.
    private func location(_ path: [JSONPathComponent]) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line, column: 0, jsonPointer: JSONPathComponent.pointer(path))
    }

    /// Reads one observation; also used for the inline samples of `indicators.yml`.
    func readObservation(_ decoder: any Decoder, path: [JSONPathComponent], problems: inout [ScanProblem]) -> Observation? {
        guard var object = ObjectReader(decoder, path: path, role: "observation", problems: &problems) else { return nil }
        guard let type = object.string("type", required: true, problems: &problems) else { return nil }
        let time = object.string("time", problems: &problems)
        if let time, Instant(rfc3339: time) == nil {
            problems.append(ScanDocument.invalidTime("time", time, at: path + [.key("time")]))
        }
        let source = object.string("source", problems: &problems)
        let kind: Observation.Kind?
        switch type {
        case "file": kind = readFile(&object, path: path, problems: &problems)
        case "http-request":
            kind = .httpRequest(Observation.HTTPRequest(
                method: object.string("method", problems: &problems), url: object.string("url", problems: &problems),
                status: object.int("status", problems: &problems), clientIP: object.string("client_ip", problems: &problems),
                userAgent: object.string("user_agent", problems: &problems), host: object.string("host", problems: &problems),
                log: object.string("log", problems: &problems), fields: object.stringMap("fields", problems: &problems)))
        case "log-line":
            let log = object.string("log", problems: &problems)
            kind = object.string("text", required: true, problems: &problems).map { .logLine(Observation.LogLine(log: log, text: $0)) }
        case "event":
            kind = .event(Observation.WindowsEvent(
                channel: object.string("channel", problems: &problems), provider: object.string("provider", problems: &problems),
                eventID: object.int("event_id", problems: &problems), level: object.string("level", problems: &problems),
                message: object.string("message", problems: &problems)))
        case "connection":
            let direction = object.string("direction", problems: &problems)
            if let direction, direction != "inbound", direction != "outbound" {
                problems.append(ScanProblem(severity: .error, path: path + [.key("direction")], summary: "'direction' must be 'inbound' or 'outbound', not '\(direction.inert)'", id: "scan.invalid-value"))
            }
            kind = .connection(Observation.Connection(
                direction: direction, localIP: object.string("local_ip", problems: &problems),
                localPort: object.int("local_port", problems: &problems), remoteIP: object.string("remote_ip", problems: &problems),
                remotePort: object.int("remote_port", problems: &problems), proto: object.string("protocol", problems: &problems)))
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
                severity: .warning, path: path + [.key("type")],
                summary: "unknown observation type '\(type.inert)' is kept and can be matched as 'x-\(type.inert)'",
                id: "scan.unknown-observation-type", onceKey: "type.\(type)"))
            object.accept("type")
            return Observation(kind: .other(type: type, fields: object.remainingScalars()), time: time, source: source, origin: location(path))
        }
        object.accept("type")
        object.reportUnknownKeys(problems: &problems)
        return kind.map { Observation(kind: $0, time: time, source: source, origin: location(path)) }
    }

    private func readFile(_ object: inout ObjectReader, path: [JSONPathComponent], problems: inout [ScanProblem]) -> Observation.Kind? {
        let filePath = object.string("path", required: true, problems: &problems)
        func hash(_ key: String, length: Int) -> String? {
            guard let value = object.string(key, problems: &problems) else { return nil }
            let lowered = value.lowercased()
            guard lowered.utf8.count == length, lowered.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
                problems.append(ScanProblem(severity: .error, path: path + [.key(key)], summary: "'\(key)' must be \(length) hex digits", id: "scan.invalid-hash"))
                return nil
            }
            return lowered
        }
        let sha256 = hash("sha256", length: 64)
        let sha1 = hash("sha1", length: 40)
        let md5 = hash("md5", length: 32)
        let size = object.int("size", problems: &problems)
        var times: [String: String] = [:]
        for key in ["created", "modified"] {
            guard let value = object.string(key, problems: &problems) else { continue }
            if Instant(rfc3339: value) == nil {
                problems.append(ScanDocument.invalidTime(key, value, at: path + [.key(key)]))
            }
            times[key] = value
        }
        guard let filePath else { return nil }
        return .file(Observation.File(path: filePath, sha256: sha256, sha1: sha1, md5: md5, size: size, created: times["created"], modified: times["modified"]))
    }
}
