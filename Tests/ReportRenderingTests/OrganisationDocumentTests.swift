import BulletinModel
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
