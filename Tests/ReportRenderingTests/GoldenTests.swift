import BulletinModel
import Foundation
import Testing

@testable import ReportRendering

/// Every template of `Templates/` rendered from `SiteFixture` and compared byte for byte with
/// `Golden/`. Re-record after an intended change with `BULLETIN_RECORD_GOLDEN=1 swift test
/// --filter GoldenTests`, and read the diff before committing it.
@Suite struct GoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["BULLETIN_RECORD_GOLDEN"] == "1"

    static func site() throws -> [RenderedFile] {
        SiteRenderer(templates: try SiteRendererTests.templates()).render(SiteRenderer.Input(
            advisories: [SiteFixture.advisory], assessments: SiteFixture.assessments, reportDate: "2021-03-16", publisher: SiteFixture.publisher, includeUnaffected: false))
    }

    static let expectedFiles = [
        "advisories/fixture-advisory/index.html", "briefing.html", "briefing.md", "findings.csv", "index.html", "index.json",
        "manifest.json", "organisations/acme/index.html", "organisations/acme/report.json", "organisations/acme/report.md",
        "organisations/borough/index.html", "organisations/borough/report.json", "organisations/borough/report.md",
    ]

    @Test func theSiteHasExactlyTheExpectedFiles() throws {
        #expect(try Self.site().map(\.path) == Self.expectedFiles)
    }

    @Test(arguments: expectedFiles)
    func matchesTheGoldenFile(_ path: String) throws {
        let file = try #require(try Self.site().first { $0.path == path })
        let url = Self.golden.appendingPathComponent(path)
        if Self.recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path), "no golden file \(path); record with BULLETIN_RECORD_GOLDEN=1")
        #expect(String(decoding: file.contents, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(path) differs from its golden file")
    }

    @Test func noPageHasAnEmptyElementWhereAFixtureFieldShouldBe() throws {
        for file in try Self.site() where file.path.hasSuffix(".html") {
            let html = String(decoding: file.contents, as: UTF8.self)
            for empty in ["<td></td>", "<dd></dd>", "<h1></h1>", "<h2></h2>", "<h3></h3>", "<h4></h4>", "<h5></h5>", "<title></title>", "<code></code>", "<li></li>"] {
                #expect(!html.contains(empty), "\(file.path) has \(empty)")
            }
        }
    }
}
