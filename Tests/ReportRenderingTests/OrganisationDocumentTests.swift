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
        let manifest = Manifest(entries: summaries.flatMap(\.manifestEntries) + [.init(path: OrganisationDocumentTests.hostileText, sha256: "00", size: 0)], reportDate: "2021-03-10")
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

    /// A stored summary reads back as the summary it was: writing what was read gives the line
    /// that was read, for fixtures and for hostile text (quotes, control characters, non-ASCII,
    /// invisible characters written as `\u` escapes, astral characters as surrogate pairs).
    @Test func aStoredSummaryReadsBackUnchanged() throws {
        var summaries = try Self.summaries()
        // A file outside its organisation's folder keeps its whole path.
        var elsewhere = try #require(summaries.first)
        elsewhere.files += [.init(path: OrganisationDocumentTests.hostileText, organisation: elsewhere.id, sha256: SHA256.Digest(of: []), size: 0)]
        summaries.append(elsewhere)
        #expect(summaries.contains { $0.name == OrganisationDocumentTests.hostileText && !$0.findingRows.isEmpty && !$0.indicators.isEmpty })
        for summary in summaries {
            let line = Self.storedLine(summary)
            #expect(!line.dropLast().contains(0x0A), "one line")
            var reader = JSONReader(line[...])
            let read = try OrganisationSummary(reading: &reader)
            try reader.end()
            #expect(Self.storedLine(read) == line, "summary of \(summary.id)")
            #expect(read.filePaths == summary.filePaths)
        }
    }

    /// Whitespace, unknown keys and keys in another order are read too; what is not a summary
    /// is a failure, never a summary with a field missing.
    @Test func aStoredSummaryIsReadByItsKeys() throws {
        let summary = try #require(try Self.summaries().last)
        let line = String(decoding: Self.storedLine(summary), as: UTF8.self)
        let spaced = line.replacingOccurrences(of: "{\"affectedHostCount\":", with: "{ \"later\" : [1, {\"x\": null}, true] ,\n \"affectedHostCount\" : ")
        var reader = JSONReader(Array(spaced.utf8)[...])
        #expect(Self.storedLine(try OrganisationSummary(reading: &reader)) == Self.storedLine(summary))
        for broken in [line.replacingOccurrences(of: "\"hostCount\"", with: "\"hostTotal\""), String(line.dropLast(2)), line.replacingOccurrences(of: "\"rendered\":true", with: "\"rendered\":1")] {
            var reader = JSONReader(Array(broken.utf8)[...])
            #expect(throws: JSONReader.Failure.self) { try OrganisationSummary(reading: &reader) }
        }
    }

    /// The manifest lists files in path order even where that is not the organisations' id
    /// order (`a-b/` sorts before `a/`, though `a` sorts before `a-b`).
    @Test func theManifestIsInPathOrderWhateverTheIDs() throws {
        let template = try #require(try Self.summaries().first)
        let summaries = try ["a", "a-b", "a.b", "a0", "b"].map { id in
            let line = String(decoding: Self.storedLine(template), as: UTF8.self).replacingOccurrences(of: "organisations/\(template.id)/", with: "organisations/\(id)/")
                .replacingOccurrences(of: "\"id\":\"\(template.id)\"", with: "\"id\":\"\(id)\"")
            var reader = JSONReader(Array(line.utf8)[...])
            return try OrganisationSummary(reading: &reader)
        }
        #expect(summaries.map(\.id) == ["a", "a-b", "a.b", "a0", "b"])
        var writer = JSONWriter()
        let pages = [Manifest.Entry(path: "index.json", sha256: "00", size: 1), Manifest.Entry(path: "advisories/x/index.html", sha256: "00", size: 1)]
        Manifest.write(pages: pages, organisations: summaries, reportDate: "2021-03-10", to: &writer)
        let listed = try JSONDecoder().decode(ManifestFile.self, from: Data(writer.finished())).files.map(\.path)
        #expect(listed == (pages.map(\.path) + summaries.flatMap(\.filePaths)).sorted())
        #expect(listed.count == 2 + 5 * template.files.count)
    }

    static func storedLine(_ summary: OrganisationSummary) -> [UInt8] {
        var writer = JSONWriter(compact: true)
        summary.write(to: &writer)
        return writer.finished()
    }
}
