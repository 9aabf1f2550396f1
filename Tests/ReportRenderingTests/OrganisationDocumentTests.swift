import BulletinModel
import Foundation
import Testing

@testable import ReportRendering

/// report.json is written by `JSONWriter`; these check it byte for byte against what
/// `JSONEncoder` (through `JSONOutput.encode`) writes for the same document.
@Suite struct OrganisationDocumentTests {
    /// Strings that need every kind of escape, and log names whose order depends on case,
    /// digits, underscores and non-ASCII.
    static let hostileText = "q\"\\/\u{01}\n\t\r\u{08}\u{0C}\u{1F}é\u{202E}\u{7F}\u{200B}\u{2028}漢😀\u{E0041}</script>"
    static let hostileLogs: [String: Double] = ["b": 3, "A": 2.5, "a10": 1e-7, "a9": 123_456_789_012, "_x": 0.1, "Z": -0.0, "ｂ": 1, hostileText: 0.3333333333333333]

    static var assessments: [OrganisationAssessment] {
        var (host, hostAssessment) = SiteFixture.host("h\(hostileText)", version: hostileText, status: .vulnerable, branch: "CU8", findings: [SiteFixture.webShell], logAgeDays: hostileLogs)
        host.hostname = hostileText
        host.addresses = [hostileText, "2001:db8::1"]
        hostAssessment.exposures[0].reason = hostileText
        var hostile = SiteFixture.organisation("hostile", name: hostileText, sector: hostileText, hosts: [(host, hostAssessment)])
        hostile.scan.organisation.contacts = [.init(name: nil, email: hostileText, role: nil)]
        var empty = SiteFixture.organisation("empty", name: "No hosts", sector: nil, hosts: [])
        empty.scan.organisation.contacts = []
        empty.scan.organisation.country = nil
        return SiteFixture.assessments + [hostile, empty]
    }

    @Test func theWriterGivesTheEncodersBytes() {
        for assessment in Self.assessments {
            let document = OrganisationDocument(
                assessment: assessment, advisories: [SiteFixture.advisory.id: SiteFixture.advisory], reportDate: "2021-03-10")
            let written = String(decoding: document.encoded(), as: UTF8.self)
            let encoded = String(decoding: JSONOutput.encode(document), as: UTF8.self)
            #expect(written == encoded, "report.json of \(assessment.scan.organisation.id)")
        }
    }
}

/// index.json, manifest.json and the stored summaries are written by `JSONWriter` too.
@Suite struct SiteDocumentJSONTests {
    static func summaries() throws -> [OrganisationSummary] {
        let renderer = SiteRenderer(templates: try SiteRendererTests.templates())
        let site = SiteRenderer.Site(advisories: [SiteFixture.advisory], reportDate: "2021-03-10", publisher: SiteFixture.publisher, includeUnaffected: true)
        return OrganisationDocumentTests.assessments.map { renderer.renderOrganisation($0, site: site).summary }
    }

    @Test func indexAndManifestAreTheEncodersBytes() throws {
        let summaries = try Self.summaries()
        let index = IndexDocument(summaries: summaries, reportDate: "2021-03-10")
        #expect(String(decoding: index.encoded(), as: UTF8.self) == String(decoding: JSONOutput.encode(index), as: UTF8.self))
        let manifest = Manifest(entries: summaries.flatMap(\.files) + [.init(path: OrganisationDocumentTests.hostileText, sha256: "00", size: 0)], reportDate: "2021-03-10")
        #expect(String(decoding: manifest.encoded(), as: UTF8.self) == String(decoding: JSONOutput.encode(manifest), as: UTF8.self))
        let empty = IndexDocument(summaries: [], reportDate: "2021-03-10")
        #expect(empty.encoded() == JSONOutput.encode(empty))
    }

    /// Pages written in pieces are the same bytes, and the manifest lists index.json with the
    /// size and digest of what was written.
    @Test func piecewisePagesAreTheWholeOnes() throws {
        // In id order, as a build gathers them.
        let summaries = try Self.summaries().sorted { $0.id < $1.id }
        var pieces: [[UInt8]] = []
        var writer = JSONWriter(drainingEvery: 64) { pieces.append($0) }
        IndexDocument.write(summaries, reportDate: "2021-03-10", to: &writer)
        #expect(writer.finished().isEmpty)
        #expect(pieces.count > 3, "written in several pieces")
        #expect(pieces.joined().elementsEqual(IndexDocument(summaries: summaries, reportDate: "2021-03-10").encoded()))

        let site = SiteRenderer.Site(advisories: [SiteFixture.advisory], reportDate: "2021-03-10", publisher: SiteFixture.publisher, includeUnaffected: true)
        let files = SiteRenderer(templates: try SiteRendererTests.templates()).renderSite(summaries, site: site)
        let index = try #require(files.first { $0.path == "index.json" })
        #expect(index.contents == IndexDocument(summaries: summaries, reportDate: "2021-03-10").encoded())
        let manifest = try #require(files.first { $0.path == "manifest.json" })
        let listed = try JSONDecoder().decode(ManifestFile.self, from: Data(manifest.contents))
        #expect(listed.files.first { $0.path == "index.json" } == .init(path: "index.json", sha256: SHA256.hex(index.contents), size: index.contents.count))
        #expect(Set(listed.files.map(\.path)) == Set(files.map(\.path)).subtracting(["manifest.json"]).union(summaries.flatMap(\.filePaths)))
    }

    struct ManifestFile: Decodable {
        struct Entry: Decodable, Equatable {
            var path: String
            var sha256: String
            var size: Int
        }
        var files: [Entry]
    }

    /// A stored summary reads back as the summary it was: encoding what was read gives what
    /// encoding the original gives.
    @Test func aStoredSummaryReadsBackUnchanged() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for summary in try Self.summaries() {
            var writer = JSONWriter(compact: true)
            summary.write(to: &writer)
            let line = writer.finished()
            #expect(!line.dropLast().contains(0x0A), "one line")
            let read = try JSONDecoder().decode(OrganisationSummary.self, from: Data(line))
            #expect(try encoder.encode(read) == encoder.encode(summary), "summary of \(summary.id)")
        }
    }
}
