import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Advisory bundles: front matter checked field by field, positions mapped to the `.md` file.
@Suite struct AdvisoryLoaderTests {
    /// A valid advisory; `line9` replaces line 9 of the file (the `severity` line).
    private func advisory(line9: String = "severity: critical") -> String {
        """
        ---
        id: BUL-TEST-1
        title: Test advisory
        summary: One paragraph.
        published: 2021-03-03
        cves:
          - {id: CVE-2021-26855, title: SSRF, cvss: {score: 9.1}}
        tlp: CLEAR
        \(line9)
        report_tlp: AMBER
        affected:
          - product: Exchange Server 2019
            scheme: exchange-build
            cves: [CVE-2021-26855]
            fixed_from: "15.2.858.5"
            branches:
              - {name: CU8, build: "15.2.792", fixed: "15.2.792.10", update: KB5000871}
        ---
        # Body

        Text with <script>alert(1)</script> and [a link](javascript:alert(1)).
        """
    }

    private func load(_ text: String, extra: [String: String] = [:]) throws -> (AdvisoryLoader.Result, String) {
        let folder = try TemporaryFolder()
        let file = try folder.write("advisories/test/advisory.md", text)
        for (name, content) in extra { try folder.write("advisories/test/" + name, content) }
        return (AdvisoryLoader().load(content: folder.path), file)
    }

    @Test func loadsAValidAdvisory() throws {
        let (result, file) = try load(advisory())
        #expect(result.diagnostics.isEmpty)
        let loaded = try #require(result.advisories.first)
        #expect(loaded.id == "BUL-TEST-1")
        #expect(loaded.severity == .critical)
        #expect(loaded.reportTLP == .amber)
        #expect(loaded.cves == [Advisory.CVE(id: "CVE-2021-26855", title: "SSRF", cvssScore: 9.1, cvssVector: nil, kevAdded: nil)])
        #expect(loaded.affected.first?.branches == [AffectedProduct.Branch(name: "CU8", build: "15.2.792", fixed: "15.2.792.10", update: "KB5000871")])
        #expect(loaded.location == SourceLocation(file: file, line: 1, column: 1))
        #expect(!loaded.bodyHTML.contains("<script"), "raw HTML is dropped by cmark's safe default")
        #expect(!loaded.bodyHTML.contains("javascript:"), "unsafe URLs are dropped")
        #expect(loaded.bodyHTML.contains("<h1>Body</h1>"))
    }

    @Test func reportsAYAMLSyntaxErrorOnLine9AtLine9() throws {
        let (result, file) = try load(advisory(line9: "severity: critical: really"))
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.id == "frontmatter.syntax")
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 9, column: 19))
        #expect(result.advisories.isEmpty)
    }

    @Test func reportsAnInvalidValueOnLine9AtItsColumnWithASuggestion() throws {
        let (result, file) = try load(advisory(line9: "severity: critcal"))
        #expect(result.diagnostics == [
            .error("'severity' is 'critcal', which is not one of: critical, high, medium, low; did you mean 'critical'?", id: "yaml.invalid-value", at: SourceLocation(file: file, line: 9, column: 11))
        ])
    }

    @Test func warnsAboutAnUnknownKeyWithASuggestion() throws {
        let (result, file) = try load(advisory(line9: "severity: critical\nupdatd: 2021-03-16"))
        #expect(result.diagnostics == [
            .warning("unknown key 'updatd' in advisory front matter is ignored; did you mean 'updated'?", id: "yaml.unknown-key", at: SourceLocation(file: file, line: 10, column: 1))
        ])
    }

    @Test func reportsAMissingRequiredFieldAndAnUnknownCVE() throws {
        let text = advisory().replacingOccurrences(of: "title: Test advisory\n", with: "").replacingOccurrences(of: "cves: [CVE-2021-26855]", with: "cves: [CVE-2021-26855, CVE-2021-99999]")
        let (result, _) = try load(text)
        #expect(result.diagnostics.map(\.id) == ["yaml.missing-field", "advisory.unknown-cve"])
    }

    @Test func reportsAVersionThatDoesNotParseByItsScheme() throws {
        let (result, file) = try load(advisory().replacingOccurrences(of: #"fixed: "15.2.792.10""#, with: #"fixed: "15.2.792.x""#))
        #expect(result.diagnostics == [
            .error("'fixed' is '15.2.792.x', which is not a exchange-build version", id: "advisory.invalid-version", at: SourceLocation(file: file, line: 17, column: 47))
        ])
    }

    @Test func reportsAFileWithoutFrontMatter() throws {
        let (result, file) = try load("# Just Markdown\n")
        #expect(result.diagnostics == [
            .error("the file must start with YAML front matter: a line '---', the fields, and another '---'", id: "frontmatter.missing", at: SourceLocation(file: file, line: 1, column: 1))
        ])
    }

    @Test func loadsRemediationStepsInOrderAndChecksTheirPlaceholders() throws {
        let (result, _) = try load(advisory(), extra: [
            "remediation/b.md": "---\nid: b\ntitle: B\norder: 20\ncategory: mitigation\nwhen: [vulnerable]\n---\nDo B on {{host}}.\n",
            "remediation/a.md": "---\nid: a\ntitle: A\norder: 10\ncategory: vendor_fix\nwhen: [vulnerable, vulnerable_no_fix]\ndue_days: 7\n---\nInstall {{update}}.\n",
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.advisories.first?.remediation.map(\.id) == ["a", "b"])
        #expect(result.advisories.first?.remediation.first?.when == [.vulnerable, .vulnerableNoFix])

        let (typo, _) = try load(advisory(), extra: [
            "remediation/a.md": "---\nid: a\ntitle: A\ncategory: vendor_fix\nwhen: [vulnerabel]\n---\nLine one.\nInstall {{updte}}.\n"
        ])
        #expect(typo.diagnostics.map(\.summary) == [
            "'when' status is 'vulnerabel', which is not one of: unknown, not_affected, patched, undetermined, vulnerable, vulnerable_no_fix, suspicious, compromised; did you mean 'vulnerable'?",
            "unknown placeholder '{{updte}}'; steps can use {{host}}, {{product}}, {{version}}, {{branch}}, {{fixed}}, {{update}}, {{fixed_from}}; did you mean '{{update}}'?",
        ])
        #expect(typo.diagnostics.last?.location?.line == 8)
        #expect(typo.diagnostics.last?.location?.column == 9)
    }
}
