import BulletinModel

@testable import IndicatorEngine

/// Small hosts for matcher tests: observations located at `scan.json` line n (the n-th observation),
/// so evidence can be checked by where it was read.
enum Fixture {
    /// An observation of `kind`, optionally timed, read from line `line` of `scan.json`.
    static func observation(_ kind: Observation.Kind, time: String? = nil, line: Int = 1) -> Observation {
        Observation(kind: kind, time: time, source: nil, origin: SourceLocation(file: "scan.json", line: line, column: 5))
    }

    /// A host whose observations are read from lines 1, 2, 3, ... in order.
    static func host(_ observations: [(Observation.Kind, String?)], software: [SoftwareEntry] = []) -> Host {
        Host(
            id: "mail01", hostname: nil, addresses: [], software: software,
            observations: observations.enumerated().map { observation($1.0, time: $1.1, line: $0 + 1) },
            location: SourceLocation(file: "scan.json", line: 1, column: 1))
    }

    /// A host of untimed observations.
    static func host(_ kinds: Observation.Kind...) -> Host {
        host(kinds.map { ($0, nil) })
    }

    /// Whether `pattern` matches `host`; a pattern that does not compile is a test failure.
    static func matches(_ pattern: String, _ host: Host) throws -> Bool {
        try evaluate(pattern, host).matched
    }

    /// The evaluation of `pattern` on `host`.
    static func evaluate(_ pattern: String, _ host: Host) throws -> PatternEvaluation {
        let (_, compiled) = try RuleCompiler().compile(pattern: pattern)
        return compiled.evaluate(ObservedData(host: host))
    }

    /// `2021-03-03T07:00:00Z` plus `seconds`.
    static func time(_ seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "2021-03-03T\(two(7 + seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    static let webShell = Observation.Kind.file(Observation.File(
        path: "C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx",
        sha256: "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", size: 1712,
        created: "2021-03-03T07:00:00Z", modified: "2021-03-03T08:02:11+01:00"))
    static let logLine = Observation.Kind.logLine(Observation.LogLine(log: "OABGeneratorLog", text: "Download failed and temporary file removed"))
    static let otherLogLine = Observation.Kind.logLine(Observation.LogLine(log: "OABGeneratorLog", text: "Download failed again"))
    static let event = Observation.Kind.event(Observation.WindowsEvent(
        channel: "Application", provider: "MSExchange Unified Messaging", eventID: 4007, level: "Error", message: "Watson report"))
    static let request = Observation.Kind.httpRequest(Observation.HTTPRequest(
        method: "POST", url: "/ecp/y.js", status: 200, clientIP: "203.0.113.7", userAgent: "python-requests/2.25.1",
        host: "mail.example", log: "HttpProxy/Ecp", fields: ["AnchorMailbox": "ServerInfo~a]@mail01:444/ecp/y.js"]))
}
