import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// What the importers write must read back as the same organisation, byte-stable.
@Suite struct ScanWriterTests {
    @Test func writesADocumentThatTheScanLoaderReadsBackUnchanged() throws {
        let origin = SourceLocation(file: "in.csv", line: 2, column: 1)
        var host = Host(
            id: "EXCH01", hostname: "EXCH01", addresses: ["192.0.2.45"],
            software: [SoftwareEntry(product: "Exchange Server 2019", version: "15.2.792", vendor: "Microsoft", source: "shadowserver", location: origin)],
            observations: [
                Observation(kind: .detection(Observation.Detection(name: "exchange;webshell", url: "https://mail.example.org/aspnet_client/x.aspx")), time: "2021-03-10T03:12:45Z", source: "shadowserver", origin: origin),
                Observation(kind: .httpRequest(Observation.HTTPRequest(url: "/ecp/y.js", status: 200, log: "HttpProxy", fields: ["AnchorMailbox": "ServerInfo~a]@x:444/mapi/emsmdb/?#"])), time: nil, source: nil, origin: origin),
                Observation(kind: .event(Observation.WindowsEvent(channel: "Application", eventID: 1001, level: "Error", message: "line one\r\nline \"two\"")), time: nil, source: nil, origin: origin),
                Observation(kind: .file(Observation.File(path: #"C:\root\lsass.dmp"#, modified: "2021-03-03T07:02:11Z")), time: nil, source: nil, origin: origin),
                Observation(kind: .logLine(Observation.LogLine(log: "OABGeneratorLog", text: "Download failed")), time: nil, source: nil, origin: origin),
            ],
            location: origin)
        host.logAgeDays = ["ECP/Server": 12.5, "HttpProxy/Ecp": 41]
        let organisation = Organisation(id: "harbour-clinic", name: "Harbour Street Clinic", sector: "Healthcare", country: "IE", contacts: [Organisation.Contact(name: "IT", email: "it@example.org", role: nil)], reference: "CASE-1", language: "en")
        let scan = OrganisationScan(organisation: organisation, hosts: [host], scanners: [], scannedAt: "2021-03-10T03:12:45Z", sources: [])
        let data = ScanWriter(scannerName: "bulletin import shadowserver", scannerVersion: "0.1.0").document(scan)
        #expect(data == ScanWriter(scannerName: "bulletin import shadowserver", scannerVersion: "0.1.0").document(scan), "deterministic")
        #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))

        let folder = try TemporaryFolder()
        let file = try folder.write("harbour-clinic.json", String(decoding: data, as: UTF8.self))
        let loaded = ScanLoader().load(paths: [file])
        #expect(loaded.diagnostics.isEmpty)
        let read = try #require(loaded.organisations.first)
        #expect(read.organisation == organisation)
        #expect(read.scannedAt == "2021-03-10T03:12:45Z")
        #expect(read.scanners == ["bulletin import shadowserver 0.1.0"])
        let readHost = try #require(read.hosts.first)
        #expect(readHost.logAgeDays == host.logAgeDays)
        #expect(readHost.software.map(\.version) == ["15.2.792"])
        #expect(readHost.observations.map(\.kind) == host.observations.map(\.kind))
        #expect(readHost.observations.map(\.time) == host.observations.map(\.time))
    }

    @Test func refusesANegativeLogAge() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.json", #"{"format": "bulletin.scan/1", "organisation": {"id": "a", "name": "A"}, "hosts": [{"id": "h", "log_age_days": {"ECP/Server": -1}}]}"#)
        let loaded = ScanLoader().load(paths: [file])
        #expect(loaded.diagnostics.map(\.id) == ["scan.invalid-value"])
        #expect(loaded.diagnostics.first?.location?.jsonPointer == "/hosts/0/log_age_days/ECP~1Server")
    }
}
