import BulletinModel
import Testing

@testable import IndicatorEngine

/// The STIX objects each scan observation becomes: the table of spec/scan-format.md, object by object.
@Suite struct ObservationViewTests {
    private func object(_ type: String, _ properties: [String: STIXValue]) -> STIXObject {
        STIXObject(type: type, properties: properties.merging(["type": .string(type)]) { $1 })
    }

    private func nested(_ type: String, _ properties: [String: STIXValue]) -> STIXValue {
        .object(properties.merging(["type": .string(type)]) { $1 })
    }

    @Test func fileWithWindowsPath() {
        let objects = ObservationView.objects(for: Fixture.observation(Fixture.webShell))
        let directory = ["path": STIXValue.string("C:\\inetpub\\wwwroot\\aspnet_client")]
        #expect(objects == [
            object("file", [
                "name": .string("supp0rt.aspx"),
                "hashes": .object(["SHA-256": .string("b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0")]),
                "size": .integer(1712),
                "ctime": .timestamp("2021-03-03T07:00:00Z"),
                // Rewritten in UTC, as STIX timestamps are.
                "mtime": .timestamp("2021-03-03T07:02:11Z"),
                "parent_directory_ref": nested("directory", directory),
                "x_path": .string("C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx"),
            ]),
            object("directory", directory),
        ])
    }

    @Test func fileHashesAllThree() {
        let file = Observation.File(path: "/tmp/x", sha256: "a", sha1: "b", md5: "c")
        let objects = ObservationView.objects(for: Fixture.observation(.file(file)))
        #expect(objects.first?.properties["hashes"] == .object(["SHA-256": .string("a"), "SHA-1": .string("b"), "MD5": .string("c")]))
    }

    @Test(arguments: [
        ("C:\\inetpub\\x.aspx", "C:\\inetpub", "x.aspx"),
        ("/var/www/html/shell.php", "/var/www/html", "shell.php"),
        ("/shell.php", "/", "shell.php"),
        ("C:\\x.aspx", "C:", "x.aspx"),
        ("C:\\dir\\\\x.aspx", "C:\\dir", "x.aspx"),
        ("C:/mixed\\sep/x.aspx", "C:/mixed\\sep", "x.aspx"),
    ])
    func pathSplitting(path: String, directory: String, name: String) {
        let split = ObservationView.splitPath(path)
        #expect(split.directory == directory)
        #expect(split.name == name)
    }

    @Test func pathWithoutDirectoryOrName() {
        #expect(ObservationView.splitPath("notes.txt").directory == nil)
        #expect(ObservationView.splitPath("notes.txt").name == "notes.txt")
        #expect(ObservationView.splitPath("C:\\dir\\").directory == "C:\\dir")
        #expect(ObservationView.splitPath("C:\\dir\\").name == nil)
    }

    @Test func httpRequest() {
        let objects = ObservationView.objects(for: Fixture.observation(Fixture.request))
        let client = ["value": STIXValue.string("203.0.113.7")]
        #expect(objects == [
            object("network-traffic", [
                "src_ref": nested("ipv4-addr", client),
                "extensions": .object(["http-request-ext": .object([
                    "request_method": .string("POST"), "request_value": .string("/ecp/y.js"),
                    "request_header": .object(["User-Agent": .string("python-requests/2.25.1"), "Host": .string("mail.example")]),
                ])]),
                "x_status": .integer(200), "x_log": .string("HttpProxy/Ecp"),
                "x_fields": .object(["AnchorMailbox": .string("ServerInfo~a]@mail01:444/ecp/y.js")]),
            ]),
            object("ipv4-addr", client),
        ])
    }

    @Test func httpRequestWithoutOptionalFields() {
        let request = Observation.HTTPRequest(url: "/", clientIP: "2001:db8::7")
        let objects = ObservationView.objects(for: Fixture.observation(.httpRequest(request)))
        #expect(objects == [
            object("network-traffic", [
                "src_ref": nested("ipv6-addr", ["value": .string("2001:db8::7")]),
                "extensions": .object(["http-request-ext": .object(["request_value": .string("/")])]),
            ]),
            object("ipv6-addr", ["value": .string("2001:db8::7")]),
        ])
    }

    @Test(arguments: ["inbound", "outbound"])
    func connectionSidesFollowDirection(direction: String) {
        let connection = Observation.Connection(
            direction: direction, localIP: "198.51.100.10", localPort: 443, remoteIP: "203.0.113.7", remotePort: 51234, proto: "TCP")
        let objects = ObservationView.objects(for: Fixture.observation(.connection(connection)))
        let local = ["value": STIXValue.string("198.51.100.10")]
        let remote = ["value": STIXValue.string("203.0.113.7")]
        let inbound = direction == "inbound"
        #expect(objects == [
            object("network-traffic", [
                "src_ref": nested("ipv4-addr", inbound ? remote : local), "src_port": .integer(inbound ? 51234 : 443),
                "dst_ref": nested("ipv4-addr", inbound ? local : remote), "dst_port": .integer(inbound ? 443 : 51234),
                "protocols": .list([.string("tcp")]),
            ]),
            object("ipv4-addr", remote),
            object("ipv4-addr", local),
        ])
    }

    @Test func connectionWithoutDirectionHasNoEnds() {
        let connection = Observation.Connection(localIP: "198.51.100.10", remoteIP: "203.0.113.7", remotePort: 1)
        let objects = ObservationView.objects(for: Fixture.observation(.connection(connection)))
        #expect(objects.map(\.type) == ["network-traffic", "ipv4-addr", "ipv4-addr"])
        #expect(objects[0].properties == ["type": .string("network-traffic")])
    }

    @Test func logLineEventDetectionAndUnknownType() {
        #expect(ObservationView.objects(for: Fixture.observation(Fixture.logLine)) == [
            object("x-log-line", ["log": .string("OABGeneratorLog"), "text": .string("Download failed and temporary file removed")])
        ])
        #expect(ObservationView.objects(for: Fixture.observation(Fixture.event)) == [
            object("x-windows-event", [
                "channel": .string("Application"), "provider": .string("MSExchange Unified Messaging"),
                "event_id": .integer(4007), "level": .string("Error"), "message": .string("Watson report"),
            ])
        ])
        let detection = Observation.Detection(name: "exchange;webshell", cve: "CVE-2021-27065")
        #expect(ObservationView.objects(for: Fixture.observation(.detection(detection))) == [
            object("x-detection", ["name": .string("exchange;webshell"), "cve": .string("CVE-2021-27065")])
        ])
        #expect(ObservationView.objects(for: Fixture.observation(.other(type: "web_log", fields: ["uri": "/x"]))) == [
            object("x-web_log", ["uri": .string("/x")])
        ])
    }

    @Test func processWithParent() {
        let process = Observation.Process(name: "cmd.exe", commandLine: "cmd /c whoami", parentName: "w3wp.exe", user: "SYSTEM")
        let objects = ObservationView.objects(for: Fixture.observation(.process(process)))
        let image = ["name": STIXValue.string("cmd.exe")]
        let parentImage = ["name": STIXValue.string("w3wp.exe")]
        let parent = ["image_ref": nested("file", parentImage)]
        #expect(objects == [
            object("process", [
                "command_line": .string("cmd /c whoami"), "image_ref": nested("file", image),
                "parent_ref": nested("process", parent), "x_user": .string("SYSTEM"),
            ]),
            object("file", image),
            object("process", parent),
            object("file", parentImage),
        ])
    }

    @Test func software() {
        let entry = SoftwareEntry(
            product: "Exchange Server 2016", version: "15.1.2106.2", vendor: nil, source: "registry",
            location: SourceLocation(file: "scan.json"))
        #expect(ObservationView.objects(for: entry) == [
            object("software", ["name": .string("Exchange Server 2016"), "version": .string("15.1.2106.2")])
        ])
    }

    @Test func observedDataOrdersSoftwareFirstAndParsesTimes() {
        let entry = SoftwareEntry(product: "Exchange Server 2016", version: nil, vendor: nil, source: "registry", location: SourceLocation(file: "scan.json", line: 9))
        let host = Fixture.host([(Fixture.logLine, "2021-03-03T08:00:00.5+01:00"), (Fixture.event, nil), (Fixture.event, "yesterday")], software: [entry])
        let data = ObservedData(host: host)
        #expect(data.entries.map(\.objects.first?.type) == ["software", "x-log-line", "x-windows-event", "x-windows-event"])
        #expect(data.entries.map(\.time) == [nil, Instant(microseconds: 1_614_754_800_500_000), nil, nil])
        #expect(data.entries[0].evidence == Observation(
            kind: .other(type: "software", fields: ["product": "Exchange Server 2016"]), time: nil, source: "registry",
            origin: SourceLocation(file: "scan.json", line: 9)))
        #expect(data.entries[1].evidence == host.observations[0])
    }
}
