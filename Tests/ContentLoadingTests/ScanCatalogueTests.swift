import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Cataloguing the scans and loading organisations one at a time gives exactly what loading
/// everything at once gives: the same organisations and the same diagnostics.
@Suite struct ScanCatalogueTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every organisation of the catalogue, loaded one by one in reverse order (order must not
    /// matter), and the catalogue's and the loads' diagnostics in file order.
    static func loadOneByOne(_ paths: [String]) -> (organisations: [OrganisationScan], diagnostics: [Diagnostic]) {
        let catalogue = ScanCatalogue.make(paths: paths)
        var loads: [OrganisationLoad] = []
        for entry in catalogue.organisations.reversed() {
            loads.append(ScanLoader().load(entry, contents: catalogue.contents(of: entry), from: catalogue))
        }
        let scans = loads.reversed().compactMap(\.scan)
        return (scans, ScanNotice.diagnostics(catalogue.notices + loads.flatMap(\.notices), alreadyWarned: catalogue.warnedOnce))
    }

    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { ($0.location ?? SourceLocation(file: ""), $0.summary) < ($1.location ?? SourceLocation(file: ""), $1.summary) }
    }

    @Test func theShippedScansLoadTheSameOneByOne() throws {
        let scans = Self.packageRoot.appendingPathComponent("Content/scans").path
        let whole = ScanLoader().load(paths: [scans])
        let oneByOne = Self.loadOneByOne([scans])
        #expect(oneByOne.organisations == whole.organisations)
        #expect(Self.sortedByLocation(oneByOne.diagnostics) == Self.sortedByLocation(whole.diagnostics))
        #expect(oneByOne.organisations.count == 16)
    }

    @Test func mixedShapesAndProblemsLoadTheSameOneByOne() throws {
        let folder = try TemporaryFolder()
        func line(_ id: String, name: String, hosts: String = "[]", extra: String = "") -> String {
            #"{"format": "bulletin.scan/1", "organisation": {"id": "\#(id)", "name": "\#(name)"}\#(extra), "hosts": \#(hosts)}"#
        }
        let host = #"[{"id": "mail", "hostname": "mail.example", "software": [{"product": "Exchange Server 2016", "version": "15.1.2106.2"}], "surprise": 1}]"#
        try folder.write("a.jsonl", [
            line("acme", name: "Acme", hosts: host),
            "",
            line("borough", name: "Borough", extra: #", "unknown": true"#),
            #"{"format": "bulletin.scan/1", "organisation": {"id": "broken", "name": "B"}, "hosts": [,]}"#,
            #"{"format": "bulletin.scan/1", "organisation": {"name": "No id"}, "hosts": []}"#,
            line("Not-Valid", name: "Upper case"),
            line("acme", name: "Acme", hosts: #"[{"id": "web", "surprise": 2}]"#) + "\r",
        ].joined(separator: "\n"))
        try folder.write("b.json", line("acme", name: "Acme Corp", hosts: #"[{"id": "mail", "hostname": "other.example"}]"#))
        try folder.write("c.json", #"{"format": "bulletin.scan/1", "organisations": [{"organisation": {"id": "cedar", "name": "Cedar"}, "hosts": []}, {"organisation": {"id": "borough", "name": "Borough"}, "hosts": [], "sector": "x"}]}"#)
        let whole = ScanLoader().load(paths: [folder.path])
        let oneByOne = Self.loadOneByOne([folder.path])
        #expect(oneByOne.organisations == whole.organisations)
        #expect(oneByOne.organisations.map(\.organisation.id) == ["acme", "borough", "cedar"])
        #expect(Self.sortedByLocation(oneByOne.diagnostics) == Self.sortedByLocation(whole.diagnostics))
        let ids = Set(oneByOne.diagnostics.map(\.id))
        #expect(ids.isSuperset(of: ["scan.syntax", "scan.conflicting-organisation", "scan.conflicting-hostname", "scan.invalid-organisation-id"]), "\(ids)")
        #expect(oneByOne.diagnostics.filter { $0.summary.contains("surprise") }.count == 1, "an unknown key is reported once per run")
    }

    /// The skim is a grouping hint and checks nothing: a document it names wrongly (a batch with
    /// an `organisation` key too, an invalid id, trailing or missing text) is still refused, located,
    /// by the full read when its organisation is loaded (see `loadingOneByOneEqualsLoadingEverything`).
    @Test(arguments: [
        (#"{"format": "bulletin.scan/1", "organisation": {"id": "acme", "name": "A"}, "hosts": []}"#, "acme"),
        (#" {"hosts": [{"organisation": {"id": "no"}}], "organisation": {"name": "{\"}", "id": "a.b-c_1"}} "#, "a.b-c_1"),
        (#"{"organisation": {"id": "acme"}, "organisations": []}"#, "acme"),
        (#"{"organisation": {"id": "ac\u006de"}}"#, "acme"),
        (#"{"organisation": {"id": "Acme"}}"#, "Acme"),
        (#"{"organisation": {"id": "acme"}} {"organisation": {"id": "acme"}}"#, "acme"),
        (#"{"organisation": {"id": "acme"}"#, "acme"),
        (#"{"organisation": "acme"}"#, nil),
        (#"[{"organisation": {"id": "acme"}}]"#, nil),
    ] as [(String, String?)])
    func readsTheOrganisationIDWithoutDecoding(_ document: String, _ expected: String?) {
        #expect(ScanLoader.organisationID(in: Array(document.utf8)[...]) == expected)
    }
}
