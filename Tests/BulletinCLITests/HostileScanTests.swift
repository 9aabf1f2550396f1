import Foundation
import Testing

/// Scan files written to hurt: each is refused by `bulletin build` with a located error, exit
/// status 1 and nothing published, and none crashes the tool.
@Suite struct HostileScanTests {
    /// A one-organisation document whose host `mail` has `observation` (JSON text).
    private static func scan(observation: String) -> String {
        #"{"format": "bulletin.scan/1", "organisation": {"id": "zz", "name": "ZZ"}, "hosts": [{"id": "mail", "observations": ["# + observation + "]}]}\n"
    }

    /// The 1-based column where `marker` starts in `text`'s first line.
    private static func column(of marker: String, in text: String) -> Int {
        text.utf8.count - (text.range(of: marker).map { text[$0.lowerBound...].utf8.count } ?? 0) + 1
    }

    static let deep = #"{"format": "bulletin.scan/1", "organisation": {"id": "zz", "name": "ZZ"}, "hosts": [], "x": "#
        + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}\n"
    static let duplicate = #"{"format": "bulletin.scan/1", "organisation": {"id": "zz", "name": "ZZ", "id": "other"}, "hosts": []}"# + "\n"
    static let hugeSize = scan(observation: #"{"type": "file", "path": "C:\\x.aspx", "size": 1e400}"#)
    static let hugeEvent = scan(observation: #"{"type": "event", "event_id": 99999999999999999999999}"#)
    static let badPort = scan(observation: #"{"type": "connection", "local_port": 70000}"#)
    static let latin1 = Array(#"{"format": "bulletin.scan/1", "organisation": {"id": "zz", "name": "Z"#.utf8) + [0xFC]
        + Array(#"rich"}, "hosts": []}"#.utf8) + [0x0A]

    /// (what, file, bytes, the expected diagnostic line)
    static let cases: [(String, String, [UInt8], String)] = [
        ("10,000 levels of nesting", "Content/scans/zz-deep.json", Array(deep.utf8),
         "Content/scans/zz-deep.json:1:\(column(of: #""x": "#, in: deep) + 5 + 63): error: objects and arrays nested more than 64 levels deep; scan documents need 8 at most (raise the limit with --max-depth if this is one) [scan.too-deep]"),
        ("a duplicate key", "Content/scans/zz-duplicate.json", Array(duplicate.utf8),
         "Content/scans/zz-duplicate.json:1:\(column(of: #""id": "other""#, in: duplicate)): error: key 'id' appears twice in one object (first at Content/scans/zz-duplicate.json:1:\(column(of: #""id": "zz""#, in: duplicate))); tools disagree on which value wins, so remove one [scan.duplicate-key]"),
        ("a size of 1e400", "Content/scans/zz-size.json", Array(hugeSize.utf8),
         "Content/scans/zz-size.json:1:\(column(of: "1e400", in: hugeSize)): error: 'size' of observation is 1e400, out of range: it must be a whole number from 0 to 9223372036854775807 [scan.number-out-of-range]"),
        ("an event id beyond 64 bits", "Content/scans/zz-event.json", Array(hugeEvent.utf8),
         "Content/scans/zz-event.json:1:\(column(of: "999", in: hugeEvent)): error: 'event_id' of observation is 99999999999999999999999, out of range: it must be a whole number from 0 to 4294967295 [scan.number-out-of-range]"),
        ("a port beyond 16 bits", "Content/scans/zz-port.jsonl", Array(badPort.utf8),
         "Content/scans/zz-port.jsonl:1:\(column(of: "70000", in: badPort)): error: 'local_port' of observation is 70000, out of range: it must be a whole number from 0 to 65535 [scan.number-out-of-range]"),
        ("Latin-1 text", "Content/scans/zz-latin1.jsonl", latin1,
         "Content/scans/zz-latin1.jsonl:1:\(latin1.firstIndex(of: 0xFC)! + 1): error: byte 0xFC is not UTF-8 (no character starts with it); scan files must be UTF-8: convert this one, e.g. with iconv -f WINDOWS-1252 -t UTF-8 [scan.invalid-utf8]"),
    ]

    @Test(arguments: 0..<cases.count)
    func aHostileScanIsALocatedErrorAndNothingIsPublished(_ index: Int) throws {
        let (what, file, bytes, expected) = Self.cases[index]
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16"]).status == 0)
        let before = bulletin.snapshot("Output")
        try bulletin.write(file, bytes: bytes)

        let outcome = try bulletin.run(["build", "--date", "2021-03-17"])
        #expect(outcome.status == 1, "\(what)")
        #expect(outcome.stderr.contains(expected), "\(what): \(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"), "\(what)")
        #expect(bulletin.snapshot("Output") == before, "\(what): the previous site is untouched")
    }

    @Test func aDocumentOverTheSizeLimitIsRefusedAndTheLimitIsAFlag() throws {
        let bulletin = try BulletinProcess()
        let name = String(repeating: "x", count: 2_000)
        let large = #"{"format": "bulletin.scan/1", "organisation": {"id": "zz", "name": "\#(name)"}, "hosts": []}"#
        try bulletin.write("large/zz-large.jsonl", #"{"format": "bulletin.scan/1", "organisation": {"id": "yy", "name": "Y"}, "hosts": []}"# + "\n" + large + "\n")

        let refused = try bulletin.run(["build", "--date", "2021-03-16", "--scans", "large", "--max-scan-size", "2K"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(
            "large/zz-large.jsonl:2:1: error: this line holds a document of \(large.utf8.count) bytes, more than the limit of 2K per scan document; write one organisation per line of a JSON Lines file, or raise the limit with --max-scan-size [scan.too-large]"),
            "\(refused.stderr)")
        #expect(!refused.stderr.contains("zz-large.jsonl:1:"), "the other line is read: \(refused.stderr)")
        #expect(bulletin.snapshot("Output").isEmpty)

        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--scans", "large", "--max-scan-size", "3K"]).status == 0)
        #expect(try bulletin.run(["verify", "--scans", "large", "--max-scan-size", "2048"]).status == 1, "verify reads the same limit")
        #expect(try bulletin.run(["verify", "--scans", "large"]).status == 0, "256M by default")
    }

    @Test func theDepthLimitIsAFlag() throws {
        let bulletin = try BulletinProcess()
        let refused = try bulletin.run(["verify", "--max-depth", "7"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("Content/scans/batch-2021-03-12.json:"),
            "the shipped batch nests 8 levels (its observations' log fields): \(refused.stderr)")
        #expect(refused.stderr.contains("error: objects and arrays nested more than 7 levels deep"))
        #expect(try bulletin.run(["verify", "--max-depth", "8"]).status == 0)
    }

    @Test func badLimitsAreUsageErrorsAndTheHelpStatesTheDefaults() throws {
        let bulletin = try BulletinProcess()
        for arguments in [["--max-scan-size", "12X"], ["--max-scan-size", "5G"], ["--max-scan-size", "0"], ["--max-depth", "0"]] {
            let outcome = try bulletin.run(["build"] + arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.stderr.contains("--max-"), "\(arguments): \(outcome.stderr)")
        }
        for command in ["build", "verify"] {
            let help = try bulletin.run([command, "--help"]).stdout
            #expect(help.contains("--max-scan-size <size>"), "\(command)")
            #expect(help.contains("(default: 256M)"), "\(command): \(help)")
            #expect(help.contains("--max-depth <levels>"), "\(command)")
            #expect(help.contains("(default: 64)"), "\(command)")
        }
    }
}
