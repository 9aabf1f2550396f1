import BulletinModel
import Foundation
import Testing

@testable import ReportRendering

/// The shipped templates rendered from a hostile organisation: everything the scan said shows up
/// as text, nothing as markup.
@Suite struct SiteRendererTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func templates() throws -> TemplateSet {
        let folder = packageRoot.appendingPathComponent("Templates")
        var sources: [TemplateSource] = []
        var assets: [TemplateSource] = []
        for case let name as String in FileManager.default.enumerator(atPath: folder.path)?.allObjects ?? [] {
            let file = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            if name.hasSuffix(".mustache") {
                sources.append(TemplateSource(name: String(name.dropLast(".mustache".count)), text: text, file: file.path))
            } else if name.hasSuffix(".css") {
                assets.append(TemplateSource(name: name, text: text, file: file.path))
            }
        }
        let (set, diagnostics) = TemplateSet.compile(sources, assets: assets)
        #expect(diagnostics.isEmpty)
        return try #require(set)
    }

    static let payload = #"<script>alert(1)</script>[x](https://evil.example/) @admin ![i](https://evil.example/i.png)"#

    static func hostileSite() throws -> [String: String] {
        let here = SourceLocation(file: "scan.json")
        let host = Host(
            id: "mail" + payload, hostname: "mail.example.org\"><img src=x onerror=alert(1)>", addresses: ["192.0.2.1"],
            software: [SoftwareEntry(product: "Exchange Server 2019", version: "15.2.792.3" + payload, vendor: nil, source: nil, location: here)],
            observations: [], location: here)
        let scan = OrganisationScan(
            organisation: Organisation(
                id: "acme", name: "Acme " + payload, sector: payload, country: "NL",
                contacts: [Organisation.Contact(name: payload, email: "x@evil.example", role: payload)], reference: payload, language: "en"),
            hosts: [host], scanners: [payload], scannedAt: nil, sources: [here])
        let step = RemediationStep(
            id: "install", title: "Install", order: 1, category: .vendorFix, when: [.vulnerable], dueDays: 7,
            body: "Install {{update}} on {{host}} (build {{version}}).", location: here)
        let advisory = Advisory(
            id: "BUL-1", slug: "bul-1", title: "Advisory", summary: "Summary.", published: "2021-03-03", updated: nil,
            severity: .critical, tlp: .clear, reportTLP: .amberStrict, cves: [], references: [], affected: [], bodyHTML: "",
            bodyMarkdown: "", remediation: [step], location: here)
        let exposure = Exposure(
            status: .vulnerable, product: "Exchange Server 2019", version: host.software[0].version, branch: "CU8",
            fixed: "15.2.792.10", update: "KB5000871" + payload, fixedFrom: nil, cves: ["CVE-2021-26855"], reason: "Because.", location: here)
        let evidence = (0..<23).map { index in
            Observation(
                kind: .file(Observation.File(path: "C:\\inetpub\\wwwroot\\aspnet_client\\\(index)" + payload + ".aspx")),
                time: "2021-03-03T07:02:11Z", source: nil, origin: SourceLocation(file: "scan.json", jsonPointer: "/hosts/0/observations/\(index)"))
        }
        let finding = Finding(
            indicatorID: "PL-ASPX", title: "ASPX in aspnet_client", verdict: .compromised, confidence: .high, cves: [],
            remediation: [], evidence: evidence)
        let assessment = OrganisationAssessment(scan: scan, advisories: [
            AdvisoryAssessment(advisoryID: "BUL-1", hosts: [HostAssessment(hostID: host.id, exposures: [exposure], findings: [finding])])
        ])
        let files = SiteRenderer(templates: try templates()).render(SiteRenderer.Input(
            advisories: [advisory], assessments: [assessment], reportDate: "2021-03-16", publisher: SiteFixture.publisher, includeUnaffected: false))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    @Test func htmlShowsHostileScanDataAsText() throws {
        let site = try Self.hostileSite()
        for page in ["organisations/acme/index.html", "index.html"] {
            let html = try #require(site[page])
            #expect(!html.contains("<script"), "\(page)")
            #expect(!html.contains("<img"), "\(page)")
            #expect(!html.contains("evil.example/\""), "\(page)")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page) shows the text")
        }
        let report = try #require(site["organisations/acme/index.html"])
        #expect(report.contains("Content-Security-Policy"))
        #expect(report.contains("default-src 'none'"))
        #expect(report.contains("due by 2021-03-23"))
        #expect(report.contains("<h3>Evidence found</h3>"))
        #expect(report.contains("aspnet_client\\19&lt;script&gt;"), "the 20th observation is listed")
        #expect(!report.contains("aspnet_client\\20&lt;script&gt;"), "the 21st is not")
        #expect(report.contains("and 3 more observations"))
        #expect(report.contains("read from scan.json, /hosts/0/observations/0"))
        #expect(!report.contains("confidence; )"), "no CVE list when the indicator names none")
    }

    @Test func markdownShowsHostileScanDataAsText() throws {
        let markdown = try #require(try Self.hostileSite()["organisations/acme/report.md"])
        let html = try MarkdownInertnessTests.cmarkGFM(markdown)
        #expect(!html.contains("<a "), "no link: \(html)")
        #expect(!html.contains("<img"), "no image")
        #expect(!html.contains("<script"), "no HTML")
        #expect(html.contains("@\u{200B}admin"), "no mention")
        #expect(html.contains("KB5000871&lt;script&gt;"), "the step's filled-in values are escaped too")
    }

    @Test func indexJSONHasTheDocumentedShape() throws {
        let json = try #require(try Self.hostileSite()["index.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["generated", "organisations"])
        let organisation = try #require((object["organisations"] as? [[String: Any]])?.first)
        #expect(organisation.keys.sorted() == ["advisories", "id", "name", "status"])
        let host = try #require(((organisation["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]])?.first)
        #expect(host.keys.sorted() == ["findings", "id", "product", "status", "version"])
        #expect(host["status"] as? String == "compromised", "the finding outranks the version")
        #expect(host["findings"] as? [String] == ["PL-ASPX"])
    }
}
