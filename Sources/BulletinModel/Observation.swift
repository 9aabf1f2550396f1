/// One thing a scanner saw on a host: a file, a log row, an event. The indicator engine matches
/// patterns against these; reports cite them as evidence, with where each was read.
public struct Observation: Sendable, Hashable {
    public var kind: Kind
    /// When it happened (RFC 3339), if the scanner knows.
    public var time: String?
    /// The log or tool it came from.
    public var source: String?
    /// Where it was read: file, line and JSON pointer.
    public var origin: SourceLocation

    public init(kind: Kind, time: String?, source: String?, origin: SourceLocation) {
        self.kind = kind
        self.time = time
        self.source = source
        self.origin = origin
    }

    /// The observation types of the scan format, each with its fields.
    public enum Kind: Sendable, Hashable {
        case file(File)
        case httpRequest(HTTPRequest)
        case logLine(LogLine)
        case event(WindowsEvent)
        case connection(Connection)
        case process(Process)
        case detection(Detection)
        /// A type this version does not know; kept and addressable as `x-<type>`.
        case other(type: String, fields: [String: String])

        /// The `type` string as written in scan documents.
        public var typeName: String {
            switch self {
            case .file: "file"
            case .httpRequest: "http-request"
            case .logLine: "log-line"
            case .event: "event"
            case .connection: "connection"
            case .process: "process"
            case .detection: "detection"
            case .other(let type, _): type
            }
        }
    }

    /// A file on the host.
    public struct File: Sendable, Hashable {
        /// The path as on the host, Windows backslashes kept.
        public var path: String
        /// Lower-case hex.
        public var sha256: String?
        public var sha1: String?
        public var md5: String?
        public var size: Int?
        public var created: String?
        public var modified: String?

        public init(path: String, sha256: String? = nil, sha1: String? = nil, md5: String? = nil, size: Int? = nil, created: String? = nil, modified: String? = nil) {
            self.path = path
            self.sha256 = sha256
            self.sha1 = sha1
            self.md5 = md5
            self.size = size
            self.created = created
            self.modified = modified
        }
    }

    /// A row of a web server or proxy log.
    public struct HTTPRequest: Sendable, Hashable {
        public var method: String?
        /// Path and query.
        public var url: String?
        public var status: Int?
        public var clientIP: String?
        public var userAgent: String?
        public var host: String?
        /// The log it was read from: `HttpProxy/Ecp`, `IIS/W3SVC1`.
        public var log: String?
        /// Further log columns as strings (`AnchorMailbox`, `RoutingHint`, ...).
        public var fields: [String: String]

        public init(method: String? = nil, url: String? = nil, status: Int? = nil, clientIP: String? = nil, userAgent: String? = nil, host: String? = nil, log: String? = nil, fields: [String: String] = [:]) {
            self.method = method
            self.url = url
            self.status = status
            self.clientIP = clientIP
            self.userAgent = userAgent
            self.host = host
            self.log = log
            self.fields = fields
        }
    }

    /// A line of an application log.
    public struct LogLine: Sendable, Hashable {
        public var log: String?
        public var text: String

        public init(log: String?, text: String) {
            self.log = log
            self.text = text
        }
    }

    /// A Windows event log record.
    public struct WindowsEvent: Sendable, Hashable {
        public var channel: String?
        public var provider: String?
        public var eventID: Int?
        public var level: String?
        public var message: String?

        public init(channel: String? = nil, provider: String? = nil, eventID: Int? = nil, level: String? = nil, message: String? = nil) {
            self.channel = channel
            self.provider = provider
            self.eventID = eventID
            self.level = level
            self.message = message
        }
    }

    /// A network connection seen on the host.
    public struct Connection: Sendable, Hashable {
        /// `inbound` or `outbound`.
        public var direction: String?
        public var localIP: String?
        public var localPort: Int?
        public var remoteIP: String?
        public var remotePort: Int?
        public var proto: String?

        public init(direction: String? = nil, localIP: String? = nil, localPort: Int? = nil, remoteIP: String? = nil, remotePort: Int? = nil, proto: String? = nil) {
            self.direction = direction
            self.localIP = localIP
            self.localPort = localPort
            self.remoteIP = remoteIP
            self.remotePort = remotePort
            self.proto = proto
        }
    }

    /// A running or recorded process.
    public struct Process: Sendable, Hashable {
        public var name: String?
        public var commandLine: String?
        public var parentName: String?
        public var user: String?

        public init(name: String? = nil, commandLine: String? = nil, parentName: String? = nil, user: String? = nil) {
            self.name = name
            self.commandLine = commandLine
            self.parentName = parentName
            self.user = user
        }
    }

    /// A verdict an upstream scanner already made.
    public struct Detection: Sendable, Hashable {
        /// `exchange;webshell`, `exchange;cve-2021-26855`.
        public var name: String
        public var cve: String?
        public var url: String?
        public var detail: String?

        public init(name: String, cve: String? = nil, url: String? = nil, detail: String? = nil) {
            self.name = name
            self.cve = cve
            self.url = url
            self.detail = detail
        }
    }
}
