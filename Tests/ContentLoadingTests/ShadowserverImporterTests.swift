import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Shadowserver's Vulnerable Exchange Server report, in both column layouts, imported through the
/// shipped organisation directory (Tests/Fixtures/shadowserver holds the two reports).
@Suite struct ShadowserverImporterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let older = root.appendingPathComponent("Tests/Fixtures/shadowserver/2021-03-10-scan_exchange-ie-cert.csv").path
    static let newer = root.appendingPathComponent("Tests/Fixtures/shadowserver/2021-03-11-scan_exchange-ie-cert.csv").path

    private func importFixtures() throws -> ImportReport {
        let directory = try #require(OrganisationDirectoryLoader().load(file: Self.root.appendingPathComponent("Content/organisations.yml").path).directory)
        return ShadowserverImporter(directory: directory).importReports([Self.older, Self.newer])
    }

    @Test func givesEachRowToTheOrganisationThatOwnsItsAddressDomainOrASNumber() throws {
        let report = try importFixtures()
        let hostsByOrganisation = Dictionary(uniqueKeysWithValues: report.organisations.map { ($0.organisation.id, $0.hosts.map(\.id)) })
        #expect(hostsByOrganisation == [
            "granite-bank": ["198.18.7.21", "2001:db8:6a00::25"],  // by domain; by IPv6 network
            "harbour-clinic": ["192.0.2.45"],  // two rows, one host
            "kestrel-freight": ["198.51.100.90"],
            "lakeside-logistics": ["198.51.100.140"],
            "meadow-insurance": ["192.0.2.130"],
            "northfield-water": ["198.51.100.21"],
            "quarry-labs": ["198.18.9.3", "203.0.113.140"],  // by AS number; by network
        ])
        let harbour = try #require(report.organisations.first { $0.organisation.id == "harbour-clinic" })
        #expect(harbour.organisation.reference == "CASE-2021-0102", "metadata comes from the directory")
        #expect(harbour.scannedAt == "2021-03-11T02:57:40Z", "the latest row of the organisation")
    }

    @Test func writesTheBuildAsSoftwareAndTheTagAsDetections() throws {
        let report = try importFixtures()
        let harbour = try #require(report.organisations.first { $0.organisation.id == "harbour-clinic" }?.hosts.first)
        #expect(harbour.hostname == "mail01.harbour-clinic.example.com")
        #expect(harbour.addresses == ["192.0.2.45"])
        #expect(harbour.software.map(\.product) == ["Exchange Server 2019"])
        #expect(harbour.software.map(\.version) == ["15.2.792.3"], "the same build on two days is one entry")
        #expect(harbour.observations.map(\.time) == ["2021-03-10T03:12:45Z", "2021-03-11T02:57:40Z"])
        #expect(harbour.observations.first?.kind == .detection(Observation.Detection(
            name: "exchange;cve-2021-26855", cve: "CVE-2021-26855", url: "https://192.0.2.45/owa/auth/x.js",
            detail: "Shadowserver Vulnerable Exchange Server report, port 443, server name MAIL01")))
        #expect(harbour.observations.first?.origin == SourceLocation(file: Self.older, line: 2, column: 1))

        let lakeside = try #require(report.organisations.first { $0.organisation.id == "lakeside-logistics" }?.hosts.first)
        #expect(lakeside.software.map(\.version) == ["15.1.2176"], "three-part builds are kept as seen")
        guard case .detection(let detection) = lakeside.observations.first?.kind else {
            Issue.record("no detection")
            return
        }
        #expect(detection.name == "exchange;webshell")
        #expect(detection.url == "https://owa.lakeside-logistics.example.com/aspnet_client/system_web/supp0rt.aspx")

        let meadow = try #require(report.organisations.first { $0.organisation.id == "meadow-insurance" }?.hosts.first)
        #expect(meadow.observations.isEmpty, "a bare 'exchange' tag proves nothing beyond the build")
    }

    @Test func accountsForEveryRow() throws {
        let report = try importFixtures()
        #expect(report.unassigned.map(\.location) == [SourceLocation(file: Self.older, line: 6)])
        #expect(report.unassigned.first?.fields["city"] == "Cork, Munster")
        #expect(report.diagnostics == [
            .error("row has '192.0.2.300' in column 'ip', not an IPv4 or IPv6 address; the row is not imported, correct the address or remove the row", id: "shadowserver.invalid-address", at: SourceLocation(file: Self.older, line: 9, column: 23)),
            .error("row has 19 fields but the header (line 1) names 18 columns; quote fields that contain commas", id: "csv.field-count", at: SourceLocation(file: Self.newer, line: 6, column: 241)),
        ])
        let read = report.tally.values.map(\.read).reduce(0, +)
        let accounted = report.tally.values.map { $0.written + $0.unassigned + $0.rejected }.reduce(0, +)
        #expect(read == 13)
        #expect(accounted == read)
        #expect(report.tally["exchange;cve-2021-26855"] == { var t = ImportReport.Tally(); t.read = 5; t.written = 4; t.unassigned = 1; return t }())
        #expect(report.tally["(malformed)"]?.rejected == 1)
    }

    @Test func refusesAFileWithoutTheRequiredColumns() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("wrong.csv", "ip,port,hostname\n192.0.2.45,443,mail\n")
        let directory = OrganisationDirectory(entries: [])
        let report = ShadowserverImporter(directory: directory).importReports([file])
        #expect(report.diagnostics.map(\.id) == ["csv.missing-column", "csv.missing-column"])
        #expect(report.diagnostics.first?.summary == "a Shadowserver Vulnerable Exchange Server report needs a column 'timestamp' but the header has: ip, port, hostname")
        #expect(report.tally["(no columns)"]?.rejected == 1)
        #expect(report.organisations.isEmpty)
    }

    @Test func writesTheUnassignedRowsAsCSVWithWhereEachWasRead() {
        let row = UnassignedRow(location: SourceLocation(file: "a.csv", line: 6), fields: ["ip": "192.0.2.250", "city": "Cork, Munster"])
        #expect(UnassignedRow.csv([row], columns: ["ip", "city"]) == "file,line,ip,city\r\na.csv,6,192.0.2.250,\"Cork, Munster\"\r\n")
    }
}
