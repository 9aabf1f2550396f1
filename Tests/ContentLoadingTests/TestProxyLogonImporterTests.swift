import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// The output folder of Test-ProxyLogon.ps1 as Windows PowerShell 5.1 writes it (Tests/Fixtures/
/// test-proxylogon: `#TYPE` lines, CRLF, quoted fields, a byte order mark, a German server).
@Suite struct TestProxyLogonImporterTests {
    /// An observation of another kind than the fixture holds at that place.
    struct UnexpectedKind: Error {}

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/test-proxylogon").path
    static let clinic = Organisation(id: "harbour-clinic", name: "Harbour Street Clinic", sector: nil, country: "IE", contacts: [], reference: nil, language: nil)

    private func file(_ name: String) -> String { (Self.folder as NSString).appendingPathComponent(name) }

    private func importFixtures(utcOffset: String? = "Z") throws -> (ImportReport, [String: Host]) {
        let report = TestProxyLogonImporter(organisation: Self.clinic, utcOffset: utcOffset).importFolder(Self.folder)
        let hosts = try #require(report.organisations.first).hosts
        return (report, Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0) }))
    }

    @Test func makesOneHostPerServerWithEveryFindingAsAnObservation() throws {
        let (report, hosts) = try importFixtures()
        #expect(report.diagnostics.isEmpty)
        #expect(hosts.keys.sorted() == ["EXCH-02", "EXCH01"], "server names may contain hyphens")
        let exch01 = try #require(hosts["EXCH01"])
        #expect(exch01.observations.map(\.kind.typeName) == [
            "http-request", "http-request", "http-request",  // -Cve-2021-26855.csv
            "event",  // -Cve-2021-26857.csv
            "log-line",  // -Cve-2021-26858-DownloadPaths.log
            "detection",  // -Cve-2021-26858.log
            "http-request",  // -Cve-2021-27065-ResetVDir.csv
            "detection",  // -Cve-2021-27065.log
            "file", "file",  // -other.csv
        ])
        #expect(exch01.observations[0] == Observation(
            kind: .httpRequest(Observation.HTTPRequest(
                url: "/ecp/y.js", status: 200, clientIP: "167.99.168.251", userAgent: "ExchangeServicesClient/0.0.0.0",
                host: "mail.harbour-clinic.example.com", log: "HttpProxy",
                fields: ["AnchorMailbox": "ServerInfo~a]@EXCH01.harbour.local:444/mapi/emsmdb/?#", "RoutingHint": "X-BEResource-Cookie",
                         "RequestId": "4d3ac1f2-6b0e-4d7c-9a55-0f3e2c1d9b87", "HttpStatus": "200"])),
            time: "2021-03-03T04:10:52.661Z", source: "Test-ProxyLogon", origin: SourceLocation(file: file("EXCH01-Cve-2021-26855.csv"), line: 3, column: 1)))
        guard case .httpRequest(let withComma) = exch01.observations[2].kind else { throw UnexpectedKind() }
        #expect(withComma.fields["AnchorMailbox"]?.hasSuffix("Qk1Ya2x3, ZXhhbXBsZQ#") == true, "a quoted comma stays in its field")
    }

    @Test func mapsEachFileToTheObservationTheIndicatorsLookFor() throws {
        let (_, hosts) = try importFixtures()
        let observations = try #require(hosts["EXCH01"]).observations
        guard case .event(let event) = observations[3].kind else { throw UnexpectedKind() }
        #expect(event.provider == "MSExchange Unified Messaging")
        #expect(event.level == "Error")
        #expect(event.message?.contains("System.InvalidCastException: Unable to cast object of type \"System.Windows.Data.ObjectDataProvider\"") == true)
        #expect(event.message?.contains("\r\n   at Microsoft.Exchange.UM") == true, "the message keeps its lines")
        #expect(observations[3].time == "2021-03-03T04:12:08Z")
        #expect(observations[4].kind == .logLine(Observation.LogLine(
            log: "OABGeneratorLog", text: #"Download failed and temporary file 'C:\inetpub\wwwroot\aspnet_client\system_web\discover.aspx' needs to be removed."#)))
        guard case .detection(let detection) = observations[7].kind else { throw UnexpectedKind() }
        #expect(detection.name == "test-proxylogon;cve-2021-27065")
        #expect(detection.detail?.contains(#"ECP\Server\ECPServer2021030301-1.LOG"#) == true)
        guard case .httpRequest(let reset) = observations[6].kind else { throw UnexpectedKind() }
        #expect(reset.log == "HttpProxy/Ecp")
        #expect(observations[8].kind == .file(Observation.File(path: #"C:\root\lsass.dmp"#, modified: "2021-03-03T07:02:11Z")))
        #expect(observations[9].kind == .file(Observation.File(path: #"C:\ProgramData\dump, march.7z"#, modified: "2021-03-03T07:40:56Z")))
    }

    @Test func readsHowFarBackTheLogsReachInEitherCultureAndColumnSpelling() throws {
        let (_, hosts) = try importFixtures()
        #expect(hosts["EXCH01"]?.logAgeDays["ECP/Server"] == 12.5)
        #expect(hosts["EXCH01"]?.logAgeDays["OABGeneratorLog"] == 41.2, "the first version of the script wrote 'Oabgen'")
        #expect(hosts["EXCH01"]?.logAgeDays["HttpProxy/OwaCalendar"] == nil, "an empty figure means no such log")
        #expect(hosts["EXCH-02"]?.logAgeDays["HttpProxy/Autodiscover"] == 7.4)
        #expect(hosts["EXCH-02"]?.logAgeDays["HttpProxy/RpcHttp"] == 1203)
        #expect(hosts["EXCH-02"]?.observations.isEmpty == true)
    }

    @Test func countsEveryRowAndLine() throws {
        let (report, _) = try importFixtures()
        #expect(report.tally.mapValues(\.written) == [
            "Cve-2021-26855.csv": 3, "Cve-2021-26857.csv": 1, "Cve-2021-26858-DownloadPaths.log": 1, "Cve-2021-26858.log": 1,
            "Cve-2021-27065-ResetVDir.csv": 1, "Cve-2021-27065.log": 1, "other.csv": 2, "LogAgeDays.csv": 2,
        ])
        #expect(report.tally.values.allSatisfy { $0.read == $0.written && $0.rejected == 0 && $0.unassigned == 0 })
    }

    @Test func withoutAnOffsetEventTimesAreLeftOutAndTheAnalystIsTold() throws {
        let (report, hosts) = try importFixtures(utcOffset: nil)
        #expect(hosts["EXCH01"]?.observations[3].time == nil)
        #expect(report.diagnostics == [
            .warning("TimeCreated '3/3/2021 4:12:08 AM' is the server's local time without a zone; events are imported without a time; pass --utc-offset (such as +01:00) to keep them", id: "test-proxylogon.local-time", at: SourceLocation(file: file("EXCH01-Cve-2021-26857.csv"), line: 3, column: 1))
        ])
        let (_, shifted) = try importFixtures(utcOffset: "+01:00")
        #expect(shifted["EXCH01"]?.observations[3].time == "2021-03-03T04:12:08+01:00")
    }

    @Test func reportsForeignFilesAndMalformedRowsWithTheirPlace() throws {
        let folder = try TemporaryFolder()
        try folder.write("notes.txt", "checked by J. Smith\n")
        let other = try folder.write("MBX1-other.csv", "#TYPE System.Management.Automation.PSCustomObject\r\n\"ComputerName\",\"Type\",\"Path\",\"Name\",\"LastWrite\"\r\n\"MBX1\",\"LsassDump\",\"\",\"lsass.dmp\",\"31.04.2021 07:02:11\"\r\n\"MBX1\",\"LsassDump\",\"C:\\root\\l.dmp\"\r\n")
        let report = TestProxyLogonImporter(organisation: Self.clinic, utcOffset: nil).importFolder(folder.path)
        #expect(report.diagnostics.map { "\($0.location?.description ?? "") \($0.id)" }.sorted() == [
            "\(other):3:20 test-proxylogon.missing-path",
            "\(other):4:35 csv.field-count",
            "\(folder.path)/notes.txt test-proxylogon.unknown-file",
        ])
        #expect(report.tally["other.csv"] == { var t = ImportReport.Tally(); t.read = 2; t.rejected = 2; return t }())
    }

    @Test(arguments: [
        ("3/3/2021 4:12:08 AM", "2021-03-03T04:12:08Z"),
        ("12/31/2021 12:05:00 PM", "2021-12-31T12:05:00Z"),
        ("1/2/2021 12:00:01 AM", "2021-01-02T00:00:01Z"),
        ("02/01/2021 16:05:09", "2021-01-02T16:05:09Z"),
        ("03.03.2021 07:02:11", "2021-03-03T07:02:11Z"),
        ("2021-03-03 07:02:11", "2021-03-03T07:02:11Z"),
    ])
    func readsPowerShellDates(text: String, expected: String) {
        #expect(PowerShellDate(text)?.rfc3339(offset: "Z") == expected)
    }

    @Test(arguments: ["31.04.2021 07:02:11", "13/13/2021 1:00:00 AM", "3/3/2021 13:00:00 PM", "yesterday", "2021-03-03T07:02:11"])
    func refusesWhatIsNoPowerShellDate(text: String) {
        #expect(PowerShellDate(text) == nil)
    }

    @Test(arguments: [("12.3", 12.3), ("12,3", 12.3), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1 234,5", 1234.5), ("0.0", 0)])
    func readsDayCountsOfAnyCulture(text: String, days: Double) {
        #expect(TestProxyLogonImporter.days(text) == days)
    }
}
