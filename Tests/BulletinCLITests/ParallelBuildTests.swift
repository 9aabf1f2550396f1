import Foundation
import Testing

/// The streaming, parallel build: whatever the number of workers, the same bytes and the same
/// diagnostics.
@Suite struct ParallelBuildTests {
    /// One JSON Lines organisation with an Exchange build that varies with `index`, so that the
    /// corpus has every status from patched to vulnerable, some with web shell evidence.
    static func organisation(_ index: Int) -> String {
        let versions = ["15.1.2176.2", "15.1.2106.2", "15.2.721.13", "15.2.792.3", "15.0.1497.12"]
        let observations = index % 4 == 0
            ? #"[{"type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\s\#(index).aspx", "time": "2021-03-0\#(index % 9 + 1)T03:00:00Z"}]"#
            : "[]"
        return #"{"format": "bulletin.scan/1", "organisation": {"id": "org-\#(String(format: "%03d", index))", "name": "Organisation \#(index)", "sector": "Sector \#(index % 3)"}, "hosts": [{"id": "mail", "software": [{"product": "Exchange Server 2016", "version": "\#(versions[index % versions.count])"}], "observations": \#(observations)}]}"#
    }

    static func corpus(_ count: Int) -> String {
        (0..<count).map(organisation).joined(separator: "\n") + "\n"
    }

    @Test func anyNumberOfWorkersBuildsTheSameBytes() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", Self.corpus(60))
        let one = try bulletin.run(["build", "--date", "2021-03-16", "--jobs", "1", "--output", "One"])
        let four = try bulletin.run(["build", "--date", "2021-03-16", "--jobs", "4", "--output", "Four"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(four.status == 0, "\(four.stderr)")
        let a = bulletin.snapshot("One"), b = bulletin.snapshot("Four")
        #expect(a.keys.count > 100)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        #expect(one.stderr.replacingOccurrences(of: "One", with: "Four") == four.stderr)
        #expect(try bulletin.index("Four")["organisations"].map { ($0 as? [Any])?.count } == 76)
    }

    @Test func timingsNameEveryStageAndNoProgressLineGoesToAPipe() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", Self.corpus(20))
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--timings"])
        #expect(outcome.status == 0)
        for stage in ["load content", "catalogue scans", "compile", "verify samples", "organisations (wall)", "decode", "match", "assess",
                      "render organisation.html", "render organisation.md", "render report.json", "write", "render and write site pages", "publish", "total (wall)"] {
            #expect(outcome.stderr.contains("\n" + stage) || outcome.stderr.contains("  " + stage), "\(stage) in \(outcome.stderr)")
        }
        #expect(!outcome.stderr.contains("\r"), "standard error is a pipe: no progress line")
        let quiet = try bulletin.run(["build", "--date", "2021-03-16"])
        #expect(quiet.stderr.split(separator: "\n").count == 1, "without --timings, one closing line: \(quiet.stderr)")
    }

    @Test func problemsAreTheSameAndLocatedWhateverTheNumberOfWorkers() throws {
        let bulletin = try BulletinProcess()
        var lines = Self.corpus(30).split(separator: "\n").map(String.init)
        lines[7] = #"{"format": "bulletin.scan/1", "organisation": {"id": "org-007", "name": "Organisation 7"}, "hosts": [,]}"#
        lines[12] = lines[12].replacingOccurrences(of: #""Organisation 12""#, with: #""Organisation Twelve""#)
        try bulletin.write("Content/scans/many.jsonl", lines.joined(separator: "\n"))
        try bulletin.write("Content/scans/more.jsonl", Self.organisation(12) + "\n")
        let one = try bulletin.run(["build", "--date", "2021-03-16", "--jobs", "1", "--output", "One"])
        let three = try bulletin.run(["build", "--date", "2021-03-16", "--jobs", "3", "--output", "Three"])
        #expect(one.status == 1)
        #expect(three.status == 1)
        #expect(one.stderr == three.stderr)
        #expect(one.stderr.contains("Content/scans/many.jsonl:8:102: error: unexpected ','; expected a value; the line is not valid JSON [scan.syntax]"), "\(one.stderr)")
        #expect(one.stderr.contains("Content/scans/more.jsonl:1:1: error: organisation 'org-012' has name 'Organisation 12' here but 'Organisation Twelve' at Content/scans/many.jsonl:13:1"), "\(one.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bulletin.folder.appendingPathComponent("One").path), "nothing is published")
    }
}
