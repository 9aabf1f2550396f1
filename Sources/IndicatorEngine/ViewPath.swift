/// A property of the STIX view of an observation, as an interned object path: the object type and
/// the keys from the object down to a value (`file:hashes.'SHA-256'`).
///
/// These are every place where `ObservationView` puts a value, nested references included (a
/// directory's path is both `directory:path` and `file:parent_directory_ref.path`). Naming them
/// once lets consumers of the view decide per path, before any observation is seen, what they
/// need there: the `RuleIndex` resolves each to its trie node when it is built, so probing an
/// observation is a table lookup per property instead of a walk of nested dictionaries.
///
/// `networkTrafficFields` is *open*: its values sit one key further down, under the name of the
/// log column (`x_fields.AnchorMailbox`), which only the observation knows.
enum ViewPath: Int, CaseIterable, Sendable {
    case fileType, fileName, fileSHA256, fileSHA1, fileMD5, fileSize, fileCreated, fileModified
    case fileDirectoryType, fileDirectoryPath, filePath
    case directoryType, directoryPath
    case networkTrafficType, networkTrafficSourceType, networkTrafficSourceValue, networkTrafficSourcePort
    case networkTrafficDestinationType, networkTrafficDestinationValue, networkTrafficDestinationPort
    case networkTrafficProtocols
    case requestMethod, requestValue, requestUserAgent, requestHost
    case networkTrafficStatus, networkTrafficLog, networkTrafficFields
    case ipv4Type, ipv4Value, ipv6Type, ipv6Value
    case logLineType, logLineLog, logLineText
    case eventType, eventChannel, eventProvider, eventID, eventLevel, eventMessage
    case processType, processCommandLine, processUser, processImageType, processImageName
    case processParentType, processParentImageType, processParentImageName
    case detectionType, detectionName, detectionCVE, detectionURL, detectionDetail
    case softwareType, softwareName, softwareVersion, softwareVendor

    /// The type of the object the path starts from.
    var objectType: String {
        switch self {
        case .fileType, .fileName, .fileSHA256, .fileSHA1, .fileMD5, .fileSize, .fileCreated, .fileModified,
            .fileDirectoryType, .fileDirectoryPath, .filePath:
            "file"
        case .directoryType, .directoryPath: "directory"
        case .networkTrafficType, .networkTrafficSourceType, .networkTrafficSourceValue, .networkTrafficSourcePort,
            .networkTrafficDestinationType, .networkTrafficDestinationValue, .networkTrafficDestinationPort,
            .networkTrafficProtocols, .requestMethod, .requestValue, .requestUserAgent, .requestHost,
            .networkTrafficStatus, .networkTrafficLog, .networkTrafficFields:
            "network-traffic"
        case .ipv4Type, .ipv4Value: "ipv4-addr"
        case .ipv6Type, .ipv6Value: "ipv6-addr"
        case .logLineType, .logLineLog, .logLineText: "x-log-line"
        case .eventType, .eventChannel, .eventProvider, .eventID, .eventLevel, .eventMessage: "x-windows-event"
        case .processType, .processCommandLine, .processUser, .processImageType, .processImageName,
            .processParentType, .processParentImageType, .processParentImageName:
            "process"
        case .detectionType, .detectionName, .detectionCVE, .detectionURL, .detectionDetail: "x-detection"
        case .softwareType, .softwareName, .softwareVersion, .softwareVendor: "software"
        }
    }

    /// The keys from the object to the value (for an open path, to the object holding the values).
    var keys: [String] { ViewPath.keyLists[rawValue] }

    /// `keys` of every path, made once: building a view asks for them at every property.
    private static let keyLists = allCases.map(\.spelledKeys)

    private var spelledKeys: [String] {
        switch self {
        case .fileType, .directoryType, .networkTrafficType, .ipv4Type, .ipv6Type, .logLineType, .eventType,
            .processType, .detectionType, .softwareType:
            ["type"]
        case .fileName, .detectionName, .softwareName: ["name"]
        case .fileSHA256: ["hashes", "SHA-256"]
        case .fileSHA1: ["hashes", "SHA-1"]
        case .fileMD5: ["hashes", "MD5"]
        case .fileSize: ["size"]
        case .fileCreated: ["ctime"]
        case .fileModified: ["mtime"]
        case .fileDirectoryType: ["parent_directory_ref", "type"]
        case .fileDirectoryPath: ["parent_directory_ref", "path"]
        case .filePath: ["x_path"]
        case .directoryPath: ["path"]
        case .networkTrafficSourceType: ["src_ref", "type"]
        case .networkTrafficSourceValue: ["src_ref", "value"]
        case .networkTrafficSourcePort: ["src_port"]
        case .networkTrafficDestinationType: ["dst_ref", "type"]
        case .networkTrafficDestinationValue: ["dst_ref", "value"]
        case .networkTrafficDestinationPort: ["dst_port"]
        case .networkTrafficProtocols: ["protocols"]
        case .requestMethod: ["extensions", "http-request-ext", "request_method"]
        case .requestValue: ["extensions", "http-request-ext", "request_value"]
        case .requestUserAgent: ["extensions", "http-request-ext", "request_header", "User-Agent"]
        case .requestHost: ["extensions", "http-request-ext", "request_header", "Host"]
        case .networkTrafficStatus: ["x_status"]
        case .networkTrafficLog: ["x_log"]
        case .networkTrafficFields: ["x_fields"]
        case .ipv4Value, .ipv6Value: ["value"]
        case .logLineLog: ["log"]
        case .logLineText: ["text"]
        case .eventChannel: ["channel"]
        case .eventProvider: ["provider"]
        case .eventID: ["event_id"]
        case .eventLevel: ["level"]
        case .eventMessage: ["message"]
        case .processCommandLine: ["command_line"]
        case .processUser: ["x_user"]
        case .processImageType: ["image_ref", "type"]
        case .processImageName: ["image_ref", "name"]
        case .processParentType: ["parent_ref", "type"]
        case .processParentImageType: ["parent_ref", "image_ref", "type"]
        case .processParentImageName: ["parent_ref", "image_ref", "name"]
        case .detectionCVE: ["cve"]
        case .detectionURL: ["url"]
        case .detectionDetail: ["detail"]
        case .softwareVersion: ["version"]
        case .softwareVendor: ["vendor"]
        }
    }

    /// Whether the values lie one key below `keys`, under names the observation gives.
    var isOpen: Bool { self == .networkTrafficFields }

    /// The `type` property of objects of `objectType`, when the stream has such objects: every
    /// object the stream begins puts its own.
    static func typePath(of objectType: String) -> ViewPath? {
        allCases.first { $0.objectType == objectType && $0.keys == ["type"] }
    }
}
