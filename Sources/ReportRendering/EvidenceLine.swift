import BulletinModel

/// One observation as a report shows it in the evidence list: what was seen, when, and where it was
/// read. All of it is scan data, so templates escape every field.
struct EvidenceLine {
    /// The observation type as scan documents name it (`file`, `http-request`, ...).
    var kind: String
    /// The observation in one line: a file's path and hash, a request line with its log fields.
    var summary: String
    /// `summary` as a Markdown code span, made here (not by a template) so that it is inert:
    /// paths keep their backslashes and nothing inside is a link or mention.
    var summaryCode: String
    var time: String?
    /// Where it was read: `scan.json, /hosts/0/observations/3` or `batch.jsonl:12`.
    var source: String

    init(_ observation: Observation) {
        kind = observation.kind.typeName
        time = observation.time
        source = observation.origin.citation
        summary = Self.summary(of: observation.kind)
        summaryCode = TextEscaping.markdownCodeSpan(summary)
    }

    /// The fields that identify an observation, in the order an analyst reads them.
    static func summary(of kind: Observation.Kind) -> String {
        switch kind {
        case .file(let file):
            return join([file.path, file.sha256.map { "SHA-256 \($0)" }, file.size.map { "\($0) bytes" }, file.modified.map { "modified \($0)" }])
        case .httpRequest(let request):
            let line = join([request.method, request.url, request.status.map(String.init)], separator: " ")
            let fields = request.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return join([request.log.map { "[\($0)]" }, line, request.clientIP.map { "from \($0)" }, request.userAgent.map { "UA \($0)" }] + fields)
        case .logLine(let log):
            return join([log.log.map { "[\($0)]" }, log.text], separator: " ")
        case .event(let event):
            return join([event.channel, event.provider, event.eventID.map { "event \($0)" }, event.level, event.message])
        case .connection(let connection):
            let local = join([connection.localIP, connection.localPort.map(String.init)], separator: ":")
            let remote = join([connection.remoteIP, connection.remotePort.map(String.init)], separator: ":")
            return join([connection.direction, connection.proto, local.isEmpty ? nil : "local \(local)", remote.isEmpty ? nil : "remote \(remote)"])
        case .process(let process):
            return join([process.name, process.commandLine, process.parentName.map { "parent \($0)" }, process.user.map { "user \($0)" }])
        case .detection(let detection):
            return join([detection.name, detection.cve, detection.url, detection.detail])
        case .other(_, let fields):
            return fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }
    }

    private static func join(_ parts: [String?], separator: String = ", ") -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: separator)
    }
}
