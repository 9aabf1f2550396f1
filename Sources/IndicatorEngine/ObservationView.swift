import BulletinModel

/// How a scan observation looks to a STIX pattern: the STIX 2.1 Cyber-observable objects that the
/// table in `spec/scan-format.md` ("How indicators see observations") defines for it.
///
/// Each scan observation (and each host `software` entry) is one STIX *observed-data* holding the
/// objects returned here, with `first_observed = last_observed =` the observation's `time` and
/// `number_observed = 1`. Two consequences follow from STIX itself:
///
/// - A reference (`src_ref`, `parent_directory_ref`, `image_ref`, `parent_ref`) must resolve inside
///   the same observed-data, so every referenced object is also an object of the observation and
///   can be matched on its own: a `file` observation also shows a `directory`, an `http-request`
///   its client's `ipv4-addr`, a `connection` both addresses, a `process` its image `file` and its
///   parent `process`. References are stored resolved, as nested `.object` values, so that a path
///   such as `network-traffic:src_ref.value` is a plain walk.
/// - Pattern-level AND, OR and FOLLOWEDBY combine *different* observed-data, so two objects of one
///   observation can satisfy one bracketed expression each only through separate observations.
///
/// The primary object comes first. Every object, nested ones included, carries its `type` as a
/// property, as STIX objects do (`network-traffic:src_ref.type = 'ipv6-addr'`). Identifiers
/// (`id`, `spec_version`) are not modelled: nothing a scanner saw is in them.
public enum ObservationView {
    /// The STIX objects that stand for `observation`, primary object first.
    public static func objects(for observation: Observation) -> [STIXObject] {
        switch observation.kind {
        case .file(let file): fileObjects(file)
        case .httpRequest(let request): httpRequestObjects(request)
        case .connection(let connection): connectionObjects(connection)
        case .logLine(let line):
            [object("x-log-line", ["log": line.log.map(STIXValue.string), "text": .string(line.text)])]
        case .event(let event):
            [object("x-windows-event", [
                "channel": event.channel.map(STIXValue.string), "provider": event.provider.map(STIXValue.string),
                "event_id": event.eventID.map(STIXValue.integer), "level": event.level.map(STIXValue.string),
                "message": event.message.map(STIXValue.string),
            ])]
        case .process(let process): processObjects(process)
        case .detection(let detection):
            [object("x-detection", [
                "name": .string(detection.name), "cve": detection.cve.map(STIXValue.string),
                "url": detection.url.map(STIXValue.string), "detail": detection.detail.map(STIXValue.string),
            ])]
        case .other(let type, let fields):
            [object("x-" + type, fields.mapValues { STIXValue.string($0) })]
        }
    }

    /// The STIX `software` object for a product a scanner found on a host.
    public static func objects(for software: SoftwareEntry) -> [STIXObject] {
        [object("software", [
            "name": .string(software.product), "version": software.version.map(STIXValue.string),
            "vendor": software.vendor.map(STIXValue.string),
        ])]
    }

    // MARK: Observation types

    private static func fileObjects(_ file: Observation.File) -> [STIXObject] {
        let (directory, name) = splitPath(file.path)
        var hashes: [String: STIXValue] = [:]
        hashes["SHA-256"] = file.sha256.map(STIXValue.string)
        hashes["SHA-1"] = file.sha1.map(STIXValue.string)
        hashes["MD5"] = file.md5.map(STIXValue.string)
        let directoryObject = directory.map { object("directory", ["path": .string($0)]) }
        let primary = object("file", [
            "name": name.map(STIXValue.string), "hashes": hashes.isEmpty ? nil : .object(hashes),
            "size": file.size.map(STIXValue.integer), "ctime": file.created.map(timestamp),
            "mtime": file.modified.map(timestamp), "parent_directory_ref": directoryObject.map(nested),
            "x_path": .string(file.path),
        ])
        return [primary] + (directoryObject.map { [$0] } ?? [])
    }

    private static func httpRequestObjects(_ request: Observation.HTTPRequest) -> [STIXObject] {
        let client = request.clientIP.map(address)
        var headers: [String: STIXValue] = [:]
        headers["User-Agent"] = request.userAgent.map(STIXValue.string)
        headers["Host"] = request.host.map(STIXValue.string)
        var extensionProperties: [String: STIXValue] = [:]
        extensionProperties["request_method"] = request.method.map(STIXValue.string)
        extensionProperties["request_value"] = request.url.map(STIXValue.string)
        extensionProperties["request_header"] = headers.isEmpty ? nil : .object(headers)
        let primary = object("network-traffic", [
            "src_ref": client.map(nested),
            "extensions": extensionProperties.isEmpty ? nil : .object(["http-request-ext": .object(extensionProperties)]),
            "x_status": request.status.map(STIXValue.integer), "x_log": request.log.map(STIXValue.string),
            "x_fields": request.fields.isEmpty ? nil : .object(request.fields.mapValues(STIXValue.string)),
        ])
        return [primary] + (client.map { [$0] } ?? [])
    }

    /// Inbound traffic flows from the remote side to the host, outbound from the host. Without a
    /// direction neither side can be called the source, so the ends and ports are left out and only
    /// the addresses (and the protocol) remain matchable.
    private static func connectionObjects(_ connection: Observation.Connection) -> [STIXObject] {
        let local = connection.localIP.map(address)
        let remote = connection.remoteIP.map(address)
        var properties: [String: STIXValue?] = [
            "protocols": connection.proto.map { .list([.string(asciiLowercased($0))]) }
        ]
        switch connection.direction {
        case "inbound":
            properties["src_ref"] = remote.map(nested)
            properties["src_port"] = connection.remotePort.map(STIXValue.integer)
            properties["dst_ref"] = local.map(nested)
            properties["dst_port"] = connection.localPort.map(STIXValue.integer)
        case "outbound":
            properties["src_ref"] = local.map(nested)
            properties["src_port"] = connection.localPort.map(STIXValue.integer)
            properties["dst_ref"] = remote.map(nested)
            properties["dst_port"] = connection.remotePort.map(STIXValue.integer)
        default:
            break
        }
        return [object("network-traffic", properties)] + [remote, local].compactMap { $0 }
    }

    private static func processObjects(_ process: Observation.Process) -> [STIXObject] {
        let image = process.name.map { object("file", ["name": .string($0)]) }
        let parentImage = process.parentName.map { object("file", ["name": .string($0)]) }
        let parent = parentImage.map { object("process", ["image_ref": nested($0)]) }
        let primary = object("process", [
            "command_line": process.commandLine.map(STIXValue.string), "image_ref": image.map(nested),
            "parent_ref": parent.map(nested), "x_user": process.user.map(STIXValue.string),
        ])
        return [primary] + [image, parent, parentImage].compactMap { $0 }
    }

    // MARK: Building blocks

    /// An object with its `type` property; absent (`nil`) properties are left out.
    private static func object(_ type: String, _ properties: [String: STIXValue?]) -> STIXObject {
        var present = properties.compactMapValues { $0 }
        present["type"] = .string(type)
        return STIXObject(type: type, properties: present)
    }

    /// A referenced object, as the value of a `_ref` property.
    private static func nested(_ object: STIXObject) -> STIXValue {
        .object(object.properties)
    }

    /// An `ipv6-addr` for text with a colon, an `ipv4-addr` otherwise (the value is kept as written).
    private static func address(_ value: String) -> STIXObject {
        object(value.contains(":") ? "ipv6-addr" : "ipv4-addr", ["value": .string(value)])
    }

    /// A timestamp in STIX form (UTC, `Z`); text that is no RFC 3339 date-time is kept as written,
    /// where only string comparisons can match it.
    private static func timestamp(_ text: String) -> STIXValue {
        .timestamp(Instant.stixText(of: text) ?? text)
    }

    /// Splits a path at its last `\` or `/`: the directory without trailing separators (a root
    /// such as `/` stays itself) and the last component (`nil` when empty).
    static func splitPath(_ path: String) -> (directory: String?, name: String?) {
        let scalars = path.unicodeScalars
        guard let cut = scalars.lastIndex(where: { $0 == "\\" || $0 == "/" }) else {
            return (nil, path.isEmpty ? nil : path)
        }
        let name = String(scalars[scalars.index(after: cut)...])
        var directoryEnd = cut
        while directoryEnd > scalars.startIndex,
            case let previous = scalars[scalars.index(before: directoryEnd)], previous == "\\" || previous == "/"
        {
            directoryEnd = scalars.index(before: directoryEnd)
        }
        let directory = directoryEnd == scalars.startIndex
            ? String(scalars[...cut]) : String(scalars[scalars.startIndex..<directoryEnd])
        return (directory, name.isEmpty ? nil : name)
    }

    /// Protocol names are lower-case in STIX; only ASCII letters are folded.
    private static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0
        }))
    }
}
