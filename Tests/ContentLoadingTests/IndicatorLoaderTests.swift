import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// `indicators.yml`: fields checked, patterns kept with their place in the file, samples read.
@Suite struct IndicatorLoaderTests {
    static let advisory = """
        ---
        id: BUL-T
        title: T
        summary: S.
        published: 2021-03-03
        severity: high
        tlp: CLEAR
        report_tlp: AMBER
        cves: [{id: CVE-2021-27065, title: X}]
        affected: [{product: P, scheme: dotted, cves: [CVE-2021-27065], fixed_from: "2"}]
        ---
        Body.
        """

    static let step = "---\nid: remove-web-shells\ntitle: Remove\ncategory: incident_response\nwhen: [compromised]\n---\nDo it.\n"

    private func load(_ indicators: String, files: [String: String] = [:]) throws -> (AdvisoryLoader.Result, String) {
        let folder = try TemporaryFolder()
        try folder.write("advisories/t/advisory.md", Self.advisory)
        try folder.write("advisories/t/remediation/remove-web-shells.md", Self.step)
        let file = try folder.write("advisories/t/indicators.yml", indicators)
        for (name, text) in files { try folder.write("advisories/t/" + name, text) }
        return (AdvisoryLoader().load(content: folder.path), file)
    }

    @Test func loadsAnIndicatorWithFileAndInlineSamples() throws {
        let (result, file) = try load(#"""
            indicators:
              - id: PL-ASPX
                title: ASPX file in aspnet_client
                verdict: compromised
                confidence: high
                status: stable
                cves: [CVE-2021-27065]
                pattern: |-
                  [file:parent_directory_ref.path LIKE 'C:\\inetpub\\wwwroot\\aspnet_client%'
                   AND file:name LIKE '%.aspx']
                remediation: [remove-web-shells]
                samples:
                  match:
                    - samples/shell.json
                    - {type: file, path: 'C:\inetpub\wwwroot\aspnet_client\x.aspx', size: 1712}
                  no_match:
                    - observations:
                        - {type: file, path: 'C:\inetpub\wwwroot\aspnet_client\readme.txt'}
                        - {type: log-line, log: ECP/Server, text: harmless}
            """#, files: ["samples/shell.json": #"{"format": "bulletin.scan/1", "organisation": {"id": "s", "name": "S"}, "hosts": [{"id": "a", "observations": [{"type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\s.aspx"}]}, {"id": "b"}]}"#])
        #expect(result.diagnostics.isEmpty)
        let indicator = try #require(result.advisories.first?.indicators.first)
        #expect(indicator.id == "PL-ASPX")
        #expect(indicator.verdict == .compromised)
        #expect(indicator.pattern == "[file:parent_directory_ref.path LIKE 'C:\\\\inetpub\\\\wwwroot\\\\aspnet_client%'\n AND file:name LIKE '%.aspx']")
        #expect(indicator.remediation == ["remove-web-shells"])
        #expect(indicator.matchSamples.count == 3, "two hosts of the file, one inline observation")
        #expect(indicator.matchSamples[2].host.observations.first?.kind == .file(Observation.File(path: #"C:\inetpub\wwwroot\aspnet_client\x.aspx"#, size: 1712)))
        #expect(indicator.matchSamples[2].location == SourceLocation(file: file, line: 15, column: 11))
        #expect(indicator.noMatchSamples.first?.host.observations.count == 2)
        // Offsets map through the block scalar's indentation to the file.
        #expect(indicator.patternOrigin.location(ofOffset: indicator.pattern.utf8.count - 6, in: indicator.pattern) == SourceLocation(file: file, line: 10, column: 30))
        #expect(indicator.patternOrigin.location(ofOffset: 1, in: indicator.pattern) == SourceLocation(file: file, line: 9, column: 8))
    }

    @Test func reportsEveryProblemOfAnIndicatorAtItsPlace() throws {
        let (result, file) = try load("""
            indicators:
              - id: PL-X
                title: X
                verdict: compromized
                confidence: high
                status: stable
                pattern: "[file:name = 'x']"
                remediation: [remove-webshells]
                samples:
                  match:
                    - samples/missing.json
                    - {type: file, size: big}
            """)
        #expect(result.diagnostics == [
            .error("'verdict' is 'compromized', which is not one of: compromised, suspicious, vulnerable; did you mean 'compromised'?", id: "yaml.invalid-value", at: SourceLocation(file: file, line: 4, column: 14)),
            .error("remediation step 'remove-webshells' does not exist in this advisory's remediation/ folder; did you mean 'remove-web-shells'?", id: "indicator.unknown-remediation", at: SourceLocation(file: file, line: 8, column: 19)),
            .error("sample file 'samples/missing.json' does not exist in \((file as NSString).deletingLastPathComponent)", id: "indicator.missing-sample", at: SourceLocation(file: file, line: 11, column: 11)),
            .error("observation has no 'path', which is required", id: "scan.missing-field", at: SourceLocation(file: file, line: 12, column: 11)),
            .error("'size' of observation must be an integer", id: "scan.type-mismatch", at: SourceLocation(file: file, line: 12, column: 30)),
            .error("stable indicator 'PL-X' needs at least one 'match' and one 'no_match' sample; add them or mark it 'status: experimental'", id: "indicator.missing-samples", at: SourceLocation(file: file, line: 2, column: 5)),
        ])
    }

    @Test func reportsADuplicateIndicatorID() throws {
        let (result, _) = try load("""
            indicators:
              - {id: A, title: A, verdict: suspicious, confidence: low, pattern: "[x-detection:name = 'a']"}
              - {id: A, title: B, verdict: suspicious, confidence: low, pattern: "[x-detection:name = 'b']"}
            """)
        #expect(result.diagnostics.map(\.id) == ["indicator.duplicate-id"])
    }
}
