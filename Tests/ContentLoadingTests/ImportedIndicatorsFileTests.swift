import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// `imported-indicators.yml`: written in the indicators.yml format, read back by the advisory loader.
@Suite struct ImportedIndicatorsFileTests {
    static let entries = [
        ImportedIndicatorsFile.Entry(
            id: "IMP-FILEPATH-0c498174", title: #"File at C:\inetpub\wwwroot\aspnet_client\shell.aspx "quoted""#, verdict: .suspicious, confidence: .medium,
            pattern: #"[file:x_path MATCHES '(?i)^c:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\shell\\.aspx$']"#,
            provenance: ["MSTIC IOC feed `a.json`: filepath", "MISP event `b.json`: attribute x"]),
        ImportedIndicatorsFile.Entry(
            id: "IMP-USERAGENT-1", title: "UA", verdict: .suspicious, confidence: .low,
            pattern: "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'python-requests/2.25.1 ']",
            provenance: ["feed with a control character \u{1B}[31m"]),
    ]

    private func bundle(_ imported: String, indicators: String? = nil) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.write("advisories/t/advisory.md", IndicatorLoaderTests.advisory)
        try folder.write("advisories/t/imported-indicators.yml", imported)
        if let indicators { try folder.write("advisories/t/indicators.yml", indicators) }
        return (folder, folder.path + "/advisories/t")
    }

    @Test func theAdvisoryLoaderReadsBackWhatWasWritten() throws {
        let (folder, _) = try bundle(ImportedIndicatorsFile.render(Self.entries))
        let result = AdvisoryLoader().load(content: folder.path)
        #expect(result.diagnostics.isEmpty)
        let indicators = try #require(result.advisories.first?.indicators)
        #expect(indicators.map(\.id) == ["IMP-FILEPATH-0c498174", "IMP-USERAGENT-1"])
        #expect(indicators.map(\.pattern) == Self.entries.map(\.pattern))
        #expect(indicators.map(\.title) == Self.entries.map(\.title))
        #expect(indicators.allSatisfy { $0.status == .experimental && $0.matchSamples.isEmpty })
        #expect(indicators[0].description == """
            Imported by `bulletin import indicators`; experimental until someone adds samples and moves it to indicators.yml. Sources:

            - MSTIC IOC feed `a.json`: filepath
            - MISP event `b.json`: attribute x
            """)
        // A block scalar's pattern maps back to its line in the file.
        let location = indicators[0].patternOrigin.location(ofOffset: 1, in: indicators[0].pattern)
        #expect(location.line == 12 && location.column == 8)
    }

    @Test func readingBackGivesTheSameEntries() throws {
        let (folder, path) = try bundle(ImportedIndicatorsFile.render(Self.entries))
        var diagnostics: [Diagnostic] = []
        let entries = withExtendedLifetime(folder) { ImportedIndicatorsFile.read(bundle: path, diagnostics: &diagnostics) }
        #expect(diagnostics.isEmpty)
        #expect(entries == Self.entries)
    }

    @Test func anEntryEditedByHandIsNotOverwritten() throws {
        let text = ImportedIndicatorsFile.render([Self.entries[1]]).replacingOccurrences(of: "    status: experimental\n", with: "    status: stable\n    samples: {match: [], no_match: []}\n")
        let (folder, path) = try bundle(text)
        var diagnostics: [Diagnostic] = []
        #expect(withExtendedLifetime(folder) { ImportedIndicatorsFile.read(bundle: path, diagnostics: &diagnostics) }.isEmpty)
        #expect(diagnostics == [.error(
            "imported indicator 'IMP-USERAGENT-1' was edited by hand (it has 'samples'), and the importer rewrites this file; move the entry to indicators.yml to curate it",
            id: "import.edited-entry", at: SourceLocation(file: path + "/imported-indicators.yml", line: 6, column: 5))])
    }

    @Test func idsMustBeUniqueAcrossBothFiles() throws {
        let (folder, path) = try bundle(
            ImportedIndicatorsFile.render([Self.entries[1]]),
            indicators: "indicators:\n  - id: IMP-USERAGENT-1\n    title: X\n    verdict: suspicious\n    confidence: low\n    pattern: \"[file:name = 'x']\"\n")
        let result = AdvisoryLoader().load(content: folder.path)
        #expect(result.diagnostics == [.error(
            "indicator id 'IMP-USERAGENT-1' is also used at \(path)/indicators.yml:2:5; ids must be unique", id: "indicator.duplicate-id",
            at: SourceLocation(file: path + "/imported-indicators.yml", line: 6, column: 5))])
        #expect(ImportedIndicatorsFile.curatedPatterns(bundle: path) == ["[file:name = 'x']": "IMP-USERAGENT-1"])
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("a \"b\" \\ c", #""a \"b\" \\ c""#),
        ("bell\u{7}", #""bell\x07""#),
        ("line\u{2028}sep", #""line\u2028sep""#),
    ])
    func quotedScalarsEscapeWhatYAMLWouldChange(text: String, yaml: String) {
        #expect(YAMLText.quoted(text) == yaml)
    }
}
