import Foundation
import Testing

/// `bulletin import indicators` end to end: import a real-format feed into a copy of the shipped
/// advisory, build, and find the imported indicator's verdict in `index.json`.
@Suite struct ImportIndicatorsCommandTests {
    static let advisory = "Content/advisories/2021-03-exchange-proxylogon"
    static let importedFile = advisory + "/imported-indicators.yml"

    static func fixture(_ name: String) -> String {
        BulletinProcess.packageRoot.appendingPathComponent("Tests/Fixtures/indicator-feeds").appendingPathComponent(name).path
    }

    /// One organisation whose only host is patched, so that its status comes from indicators alone.
    static func scan(observations: String) -> String {
        """
        {"format": "bulletin.scan/1", "scanned_at": "2021-03-12T08:00:00Z",
         "organisation": {"id": "alder-energy", "name": "Alder Energy"},
         "hosts": [{"id": "mail01", "software": [{"product": "Exchange Server 2019", "version": "15.2.792.10"}],
                    "observations": [\(observations)]}]}
        """
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var feed: String
        var format: String
        var observations: String
        var status: String
        var findings: [String]
        var testDescription: String { "\(format) \(feed)" }
    }

    static let cases: [Case] = [
        Case(
            feed: "hafnium-bundle.json", format: "stix",
            observations: #"{"type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\discover.aspx", "sha256": "2b6f1ebb2208e93ade4a6424555d6a8341fd6d9f60c25e44afe11008f5c1aad1"}"#,
            status: "compromised", findings: ["IMP-STIX-f6bba72a", "PL-ASPNET-CLIENT-ASPX", "PL-WEBSHELL-SHA256"]),
        Case(
            feed: "proxylogon-misp-event.json", format: "misp",
            observations: #"{"type": "http-request", "method": "GET", "url": "/owa/", "user_agent": "ExchangeServicesClient/0.0.0.0", "client_ip": "203.0.113.9"}"#,
            status: "suspicious", findings: ["IMP-USERAGENT-677f9394"]),
        Case(
            feed: "MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json", format: "mstic",
            observations: #"{"type": "file", "path": "C:\\Users\\Public\\Opera\\opera_browser.exe"}"#,
            status: "suspicious", findings: ["IMP-FILEPATH-bb4c580f"]),
        Case(
            feed: "MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.csv", format: "mstic",
            observations: #"{"type": "file", "path": "C:\\Users\\Public\\Opera\\opera_browser.exe"}"#,
            status: "suspicious", findings: ["IMP-FILEPATH-bb4c580f"]),
        Case(
            feed: "hash-iocs.txt", format: "signature-base",
            observations: #"{"type": "file", "path": "C:\\Windows\\Temp\\p.ps1", "sha1": "0BA9A76F55AAA495670D74D21850D0155FF5D6A5"}"#,
            status: "compromised", findings: ["IMP-SHA1-0ba9a76f55aa"]),
        Case(
            feed: "filename-iocs.txt", format: "signature-base",
            // logon.aspx is a real OWA page: the row's false-positive expression cancels it.
            observations: #"""
                {"type": "file", "path": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\owa\\auth\\logon.aspx"},
                {"type": "file", "path": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\owa\\auth\\Current\\themes\\resources\\ver.aspx"}
                """#,
            status: "suspicious", findings: ["IMP-PATHREGEX-ddd6b5a6"]),
    ]

    @Test(arguments: cases) func importThenBuildGivesTheImportedVerdict(_ example: Case) throws {
        let bulletin = try BulletinProcess()
        let imported = try bulletin.run(["import", "indicators", Self.fixture(example.feed), "--format", example.format, "--advisory", Self.advisory, "--date", "2021-03-16"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("; wrote \(Self.importedFile): "), "\(imported.stderr)")
        #expect(imported.stdout.isEmpty)

        try bulletin.write("Content/scans/alder-energy.json", Self.scan(observations: example.observations))
        let built = try bulletin.run(["build", "--date", "2021-03-16"])
        #expect(built.status == 0, "\(built.stderr)")
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        let alder = try #require(organisations.first { $0["id"] as? String == "alder-energy" })
        #expect(alder["status"] as? String == example.status)
        let host = try #require(((alder["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]])?.first)
        #expect(host["findings"] as? [String] == example.findings)
        // The shipped organisations keep the statuses the shipped indicators give them.
        for (id, status) in BuildCommandTests.expectedStatuses {
            #expect(organisations.first { $0["id"] as? String == id }?["status"] as? String == status, "\(id)")
        }
    }

    @Test func anIndicatorTheAdvisoryAlreadyHasIsNotImportedAgain() throws {
        let bulletin = try BulletinProcess()
        let outcome = try bulletin.run(["import", "indicators", Self.fixture("hafnium-bundle.json"), "--format", "stix", "--advisory", Self.advisory, "--date", "2021-03-16"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("hafnium-bundle.json:54:5: note: indicators.yml already has this pattern as 'PL-ASPNET-CLIENT-ASPX'; not imported again [import.curated]"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(
            "read 7 indicator objects of STIX 2.1 bundle hafnium-bundle.json: 4 indicators, 1 merged as duplicates, 3 skipped (1 expired, 1 pattern type sigma, 1 revoked), 1 already in indicators.yml; the file also holds 1 identity, 1 malware, 1 relationship objects, which are not indicators; wrote \(Self.importedFile): 2 indicators (2 new, 0 with new sources, 0 unchanged)"),
            "\(outcome.stderr)")
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let bulletin = try BulletinProcess()
        let arguments = ["import", "indicators", Self.fixture("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json"), "--format", "mstic", "--advisory", Self.advisory]
        let first = try bulletin.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasSuffix(
            "bulletin: read 9 rows of MSTIC IOC feed MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json: 9 indicators, 1 merged as duplicates; wrote \(Self.importedFile): 8 indicators (8 new, 0 with new sources, 0 unchanged)\n"))
        let written = bulletin.snapshot(Self.advisory)
        let second = try bulletin.run(arguments)
        #expect(second.status == 0)
        #expect(second.stderr.contains("8 indicators (0 new, 0 with new sources, 8 unchanged)"))
        #expect(bulletin.snapshot(Self.advisory) == written)
        // The CSV form of the same feed names the same indicators: only provenance is added.
        let csv = try bulletin.run(["import", "indicators", Self.fixture("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.csv"), "--format", "mstic", "--advisory", Self.advisory])
        #expect(csv.stderr.contains("8 indicators (0 new, 8 with new sources, 0 unchanged)"), "\(csv.stderr)")
    }

    @Test func aBadPatternInABundleIsALocatedErrorAndTheOtherIndicatorsAreWritten() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("bad-bundle.json", """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--a", "pattern_type": "stix",
               "valid_from": "2021-03-02T00:00:00Z", "pattern": "[fle:name = 'x.aspx']"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--b", "pattern_type": "stix",
               "valid_from": "2021-03-02T00:00:00Z", "pattern": "[file:name = 'y.aspx']"}
            ]}
            """)
        let outcome = try bulletin.run(["import", "indicators", "bad-bundle.json", "--format", "stix", "--advisory", Self.advisory])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("bad-bundle.json:3:55: error: unknown object type 'fle'; did you mean 'file'? [pattern.unknown-type]"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(
            "read 2 indicator objects of STIX 2.1 bundle bad-bundle.json: 1 indicators, 1 skipped (1 malformed); wrote \(Self.importedFile): 1 indicators (1 new, 0 with new sources, 0 unchanged); 1 error: the entries with errors were not imported"),
            "\(outcome.stderr)")
        let written = String(decoding: try #require(bulletin.snapshot(Self.advisory)["imported-indicators.yml"]), as: UTF8.self)
        #expect(written.contains("[file:name = 'y.aspx']") && !written.contains("fle:name"))
    }

    @Test func anImportedFileEditedByHandIsNotRewritten() throws {
        let bulletin = try BulletinProcess()
        let arguments = ["import", "indicators", Self.fixture("hash-iocs.txt"), "--format", "signature-base", "--advisory", Self.advisory]
        #expect(try bulletin.run(arguments).status == 0)
        let file = bulletin.folder.appendingPathComponent(Self.importedFile)
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "    status: experimental\n", with: "    status: stable\n")
        try bulletin.write(Self.importedFile, edited)
        let outcome = try bulletin.run(arguments)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("\(Self.importedFile):6:5: error: imported indicator 'IMP-MD5-4b3039cf227c' was edited by hand (it has 'status: stable')"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"))
        #expect(try String(contentsOf: file, encoding: .utf8) == edited)
    }

    @Test func withoutAnAdvisoryTheEntriesGoToStandardOutput() throws {
        let bulletin = try BulletinProcess()
        let outcome = try bulletin.run(["import", "indicators", Self.fixture("hash-iocs.txt"), "--format", "signature-base"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("  - id: IMP-SHA256-b75f163ca9b9\n    title: \"Known malicious file: HAFNIUM China Chopper web shell - Exchange ProxyLogon\"\n    verdict: compromised\n    confidence: high\n    status: experimental\n"))
        #expect(outcome.stderr.contains("hash-iocs.txt:18:1: warning: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 is the SHA-256 of an empty file"))
        #expect(outcome.stderr.contains("read 5 hash rows of signature-base IOC file hash-iocs.txt: 4 indicators, 1 skipped (1 hash of an empty file); printed 4 indicators"))
        #expect(bulletin.snapshot(Self.advisory)["imported-indicators.yml"] == nil)
    }

    @Test func helpReadsAsAManual() throws {
        let outcome = try BulletinProcess().run(["import", "indicators", "--help"])
        for text in ["--format", "signature-base", "to_ids", "AdditionalMetadata", "experimental", "imported-indicators.yml", "Example:"] {
            #expect(outcome.stdout.contains(text), "\(text)")
        }
    }
}
