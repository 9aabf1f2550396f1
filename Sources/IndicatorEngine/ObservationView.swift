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
///
/// The view is written once, as a stream of properties (`properties(of:into:)`, see
/// `ViewPropertySink`); the nested objects are built from it for the evaluator, and the index
/// probes the stream without building them.
public enum ObservationView {
    /// The STIX objects that stand for `observation`, primary object first.
    public static func objects(for observation: Observation) -> [STIXObject] {
        if case .other(let type, let fields) = observation.kind {
            return [customObject(type: type, fields: fields)]
        }
        var builder = STIXObjectBuilder()
        InPlaceObservation.with(observation) { properties(of: $0, into: &builder) }
        return builder.objects
    }

    /// The STIX `software` object for a product a scanner found on a host.
    public static func objects(for software: SoftwareEntry) -> [STIXObject] {
        var builder = STIXObjectBuilder()
        properties(of: software, into: &builder)
        return builder.objects
    }

    /// The object of an observation of a type this version does not know: `x-<type>` with each
    /// field a string property. It has no fixed shape, so it has no stream.
    static func customObject(type: String, fields: [String: String]) -> STIXObject {
        var properties = fields.mapValues { STIXValue.string($0) }
        properties["type"] = .string("x-" + type)
        return STIXObject(type: "x-" + type, properties: properties)
    }

    // MARK: The stream

    /// Writes the view of `observation` to `sink`, for every kind but `.other`
    /// (`customObject(type:fields:)`). Each field is read only when its path is wanted (see
    /// `InPlaceObservation` for why the observation is not simply borrowed).
    @inline(__always)
    static func properties(of observation: InPlaceObservation, into sink: inout some ViewPropertySink) {
        switch observation.kind {
        case .file: fileProperties(observation, into: &sink)
        case .httpRequest: httpRequestProperties(observation, into: &sink)
        case .connection: connectionProperties(observation, into: &sink)
        case .logLine:
            sink.beginObject("x-log-line")
            sink.put(.logLineType, string: "x-log-line")
            sink.put(.logLineLog, string: observation.logLine { $0.log })
            sink.put(.logLineText, string: observation.logLine { $0.text })
        case .event:
            sink.beginObject("x-windows-event")
            sink.put(.eventType, string: "x-windows-event")
            sink.put(.eventChannel, string: observation.event { $0.channel })
            sink.put(.eventProvider, string: observation.event { $0.provider })
            sink.put(.eventID, observation.event { $0.eventID }.map(STIXValue.integer))
            sink.put(.eventLevel, string: observation.event { $0.level })
            sink.put(.eventMessage, string: observation.event { $0.message })
        case .process: processProperties(observation, into: &sink)
        case .detection:
            sink.beginObject("x-detection")
            sink.put(.detectionType, string: "x-detection")
            sink.put(.detectionName, string: observation.detection { $0.name })
            sink.put(.detectionCVE, string: observation.detection { $0.cve })
            sink.put(.detectionURL, string: observation.detection { $0.url })
            sink.put(.detectionDetail, string: observation.detection { $0.detail })
        case .other:
            break
        }
    }

    /// Writes the view of a host's software entry to `sink`.
    static func properties(of software: SoftwareEntry, into sink: inout some ViewPropertySink) {
        sink.beginObject("software")
        sink.put(.softwareType, string: "software")
        sink.put(.softwareName, string: software.product)
        sink.put(.softwareVersion, string: software.version)
        sink.put(.softwareVendor, string: software.vendor)
    }

    // MARK: Observation types

    @inline(__always)
    private static func fileProperties(_ observation: InPlaceObservation, into sink: inout some ViewPropertySink) {
        // Splitting the path allocates; only a sink that wants a part of it pays for it.
        lazy var split = splitPath(observation.file { $0.path })
        sink.beginObject("file")
        sink.put(.fileType, string: "file")
        sink.put(.fileName, string: split.name)
        sink.put(.fileSHA256, string: observation.file { $0.sha256 })
        sink.put(.fileSHA1, string: observation.file { $0.sha1 })
        sink.put(.fileMD5, string: observation.file { $0.md5 })
        sink.put(.fileSize, observation.file { $0.size }.map(STIXValue.integer))
        sink.put(.fileCreated, observation.file { $0.created }.map(timestamp))
        sink.put(.fileModified, observation.file { $0.modified }.map(timestamp))
        sink.put(.fileDirectoryType, split.directory.map { _ in .string("directory") })
        sink.put(.fileDirectoryPath, string: split.directory)
        sink.put(.filePath, string: observation.file { $0.path })
        if sink.wants(.directoryType) || sink.wants(.directoryPath), let directory = split.directory {
            sink.beginObject("directory")
            sink.put(.directoryType, string: "directory")
            sink.put(.directoryPath, string: directory)
        }
    }

    @inline(__always)
    private static func httpRequestProperties(_ observation: InPlaceObservation, into sink: inout some ViewPropertySink) {
        sink.beginObject("network-traffic")
        sink.put(.networkTrafficType, string: "network-traffic")
        sink.put(.networkTrafficSourceType, observation.httpRequest { $0.clientIP }.map { .string(addressType($0)) })
        sink.put(.networkTrafficSourceValue, string: observation.httpRequest { $0.clientIP })
        sink.put(.requestMethod, string: observation.httpRequest { $0.method })
        sink.put(.requestValue, string: observation.httpRequest { $0.url })
        sink.put(.requestUserAgent, string: observation.httpRequest { $0.userAgent })
        sink.put(.requestHost, string: observation.httpRequest { $0.host })
        sink.put(.networkTrafficStatus, observation.httpRequest { $0.status }.map(STIXValue.integer))
        sink.put(.networkTrafficLog, string: observation.httpRequest { $0.log })
        if sink.wants(.networkTrafficFields) {
            for (key, value) in observation.httpRequest({ $0.fields }) { sink.property(.networkTrafficFields, key: key, .string(value)) }
        }
        addressObject(observation.httpRequest { $0.clientIP }, into: &sink)
    }

    /// Inbound traffic flows from the remote side to the host, outbound from the host. Without a
    /// direction neither side can be called the source, so the ends and ports are left out and only
    /// the addresses (and the protocol) remain matchable.
    private static func connectionProperties(_ observation: InPlaceObservation, into sink: inout some ViewPropertySink) {
        lazy var ends = observation.connection { connection -> (source: (address: String?, port: Int?), destination: (address: String?, port: Int?)) in
            switch connection.direction {
            case "inbound": ((connection.remoteIP, connection.remotePort), (connection.localIP, connection.localPort))
            case "outbound": ((connection.localIP, connection.localPort), (connection.remoteIP, connection.remotePort))
            default: ((nil, nil), (nil, nil))
            }
        }
        sink.beginObject("network-traffic")
        sink.put(.networkTrafficType, string: "network-traffic")
        sink.put(.networkTrafficProtocols, observation.connection { $0.proto }.map { .list([.string(asciiLowercased($0))]) })
        sink.put(.networkTrafficSourceType, ends.source.address.map { .string(addressType($0)) })
        sink.put(.networkTrafficSourceValue, string: ends.source.address)
        sink.put(.networkTrafficSourcePort, ends.source.port.map(STIXValue.integer))
        sink.put(.networkTrafficDestinationType, ends.destination.address.map { .string(addressType($0)) })
        sink.put(.networkTrafficDestinationValue, string: ends.destination.address)
        sink.put(.networkTrafficDestinationPort, ends.destination.port.map(STIXValue.integer))
        addressObject(observation.connection { $0.remoteIP }, into: &sink)
        addressObject(observation.connection { $0.localIP }, into: &sink)
    }

    private static func processProperties(_ observation: InPlaceObservation, into sink: inout some ViewPropertySink) {
        sink.beginObject("process")
        sink.put(.processType, string: "process")
        sink.put(.processCommandLine, string: observation.process { $0.commandLine })
        sink.put(.processImageType, observation.process { $0.name }.map { _ in .string("file") })
        sink.put(.processImageName, string: observation.process { $0.name })
        sink.put(.processParentType, observation.process { $0.parentName }.map { _ in .string("process") })
        sink.put(.processParentImageType, observation.process { $0.parentName }.map { _ in .string("file") })
        sink.put(.processParentImageName, string: observation.process { $0.parentName })
        sink.put(.processUser, string: observation.process { $0.user })
        if sink.wants(.fileType) || sink.wants(.fileName), let image = observation.process({ $0.name }) {
            sink.beginObject("file")
            sink.put(.fileType, string: "file")
            sink.put(.fileName, string: image)
        }
        let wantsParentProcess = sink.wants(.processType) || sink.wants(.processImageType) || sink.wants(.processImageName)
        let wantsParentImage = sink.wants(.fileType) || sink.wants(.fileName)
        if wantsParentProcess || wantsParentImage, let parentImage = observation.process({ $0.parentName }) {
            if wantsParentProcess {
                sink.beginObject("process")
                sink.put(.processType, string: "process")
                sink.put(.processImageType, string: "file")
                sink.put(.processImageName, string: parentImage)
            }
            if wantsParentImage {
                sink.beginObject("file")
                sink.put(.fileType, string: "file")
                sink.put(.fileName, string: parentImage)
            }
        }
    }

    // MARK: Building blocks

    /// The object of an address a property refers to: `ipv6-addr` for text with a colon,
    /// `ipv4-addr` otherwise (the value is kept as written). The address is read only when a
    /// sink wants such an object.
    @inline(__always)
    private static func addressObject(_ address: @autoclosure () -> String?, into sink: inout some ViewPropertySink) {
        guard sink.wants(.ipv4Type) || sink.wants(.ipv4Value) || sink.wants(.ipv6Type) || sink.wants(.ipv6Value),
            let value = address()
        else { return }
        if isIPv6(value) {
            sink.beginObject("ipv6-addr")
            sink.put(.ipv6Type, string: "ipv6-addr")
            sink.put(.ipv6Value, string: value)
        } else {
            sink.beginObject("ipv4-addr")
            sink.put(.ipv4Type, string: "ipv4-addr")
            sink.put(.ipv4Value, string: value)
        }
    }

    /// The type of the address object for `value` (see `addressObject`).
    private static func addressType(_ value: String) -> String {
        isIPv6(value) ? "ipv6-addr" : "ipv4-addr"
    }

    /// Whether `value` contains the character `:`. Text without the byte cannot; only text with
    /// it pays for the character-wise search, which a colon followed by a combining mark fails.
    private static func isIPv6(_ value: String) -> Bool {
        let colon = UInt8(ascii: ":")
        let hasColonByte = value.utf8.withContiguousStorageIfAvailable { $0.contains(colon) } ?? value.utf8.contains(colon)
        return hasColonByte && value.contains(":")
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
