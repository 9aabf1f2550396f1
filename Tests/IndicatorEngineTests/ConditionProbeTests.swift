import BulletinModel
import Testing

@testable import IndicatorEngine

/// Bracketed expressions decided on an observation's property stream give the verdict they have
/// on the observation's built STIX objects, for every kind of observation.
@Suite struct ConditionProbeTests {
    static let observations: [Observation.Kind] = [
        Fixture.webShell, Fixture.logLine, Fixture.event, Fixture.request,
        .httpRequest(Observation.HTTPRequest(url: "/", clientIP: "2001:db8::7")),
        .connection(Observation.Connection(direction: "inbound", localIP: "198.51.100.10", localPort: 443, remoteIP: "203.0.113.7", remotePort: 51234, proto: "TCP")),
        .connection(Observation.Connection(localIP: "198.51.100.10", remoteIP: "203.0.113.7")),
        .process(Observation.Process(name: "cmd.exe", commandLine: "cmd /c whoami", parentName: "w3wp.exe", user: "SYSTEM")),
        .process(Observation.Process(commandLine: "powershell")),
        .detection(Observation.Detection(name: "exchange;webshell", cve: "CVE-2021-27065")),
        .file(Observation.File(path: "notes.txt")),
    ]

    static let expressions = [
        "file:hashes.'SHA-256' = 'b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0'",
        "file:name LIKE '%.aspx' AND file:size > 1000",
        "file:name NOT LIKE '%.aspx'",
        "NOT EXISTS file:hashes.'MD5'",
        "NOT EXISTS file:x_unknown",
        "EXISTS file:name",
        "file:type = 'file' AND directory:path = 'x'",
        "file:mtime = t'2021-03-03T07:02:11Z'",
        "directory:path = 'C:\\\\inetpub\\\\wwwroot\\\\aspnet_client'",
        "file:parent_directory_ref.path LIKE 'C:%'",
        "network-traffic:extensions.'http-request-ext'.request_method = 'POST' AND network-traffic:x_status = 200",
        "network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%'",
        "NOT EXISTS network-traffic:x_fields.RoutingHint",
        "network-traffic:src_ref.type = 'ipv6-addr' OR network-traffic:dst_port = 443",
        "network-traffic:protocols[*] = 'tcp'",
        "network-traffic:protocols[1] = 'tcp'",
        "ipv4-addr:value ISSUBSET '203.0.113.0/24'",
        "ipv6-addr:value = '2001:db8::7'",
        "x-log-line:text MATCHES '^Download'",
        "x-windows-event:event_id IN (4007, 4008)",
        "process:parent_ref.image_ref.name = 'w3wp.exe'",
        "NOT EXISTS process:image_ref.name",
        "x-detection:cve != 'CVE-2021-26855'",
        "NOT EXISTS x-detection:url",
    ]

    @Test(arguments: expressions)
    func streamAgreesWithBuiltObjects(expression: String) throws {
        let (_, compiled) = try RuleCompiler().compile(pattern: "[\(expression)]")
        let paths = try #require(compiled.streamPaths[0], "\(expression) is decidable on the stream")
        for kind in Self.observations {
            let observation = Fixture.observation(kind)
            let condition = compiled.conditions[0]
            #expect(
                ConditionProbe.holds(condition, paths: paths, in: observation)
                    == condition.holds(forAnyOf: ObservationView.objects(for: observation)),
                "\(expression) on \(kind.typeName)")
        }
    }

    @Test func softwareEntries() throws {
        let entry = SoftwareEntry(product: "Exchange Server 2016", version: "15.1.2106.2", vendor: nil, source: nil, location: SourceLocation(file: "scan.json"))
        let (_, compiled) = try RuleCompiler().compile(pattern: "[software:name LIKE 'Exchange%' AND NOT EXISTS software:vendor]")
        let paths = try #require(compiled.streamPaths[0])
        #expect(ConditionProbe.holds(compiled.conditions[0], paths: paths, in: entry))
    }

    /// Comparisons on a nested object as a whole need the built objects.
    @Test func nestedObjectsAreLeftToTheBuiltView() throws {
        let (_, compiled) = try RuleCompiler().compile(pattern: "[EXISTS file:hashes AND file:name = 'a']")
        #expect(compiled.streamPaths[0] == nil)
    }
}
