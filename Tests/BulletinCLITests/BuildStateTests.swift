import BulletinModel
import Foundation
import ReportRendering
import Testing

@testable import BulletinCLI

/// An organisation's stored line reads back as the record it was written from.
@Suite struct BuildStateTests {
    static let hostile = #"q\"\\/\u0001\n\t\r\b\f\u001fé\u202e\u007f\u200b\u2028漢😀\udb40\udc41</script>"#

    /// A stored summary with every field set, hostile text in every string, and a file outside
    /// the organisation's folder.
    static let summary = #"{"affectedHostCount":1,"builds":{"Exchange Server 2016 CU8":1,"\#(hostile)":2},"files":[{"path":"organisations/x-1/index.html","sha256":"77242038c2c2f8cebe2784226d40bed5ebfb5678f38c669e48fa0a145f3afb68","size":17829},{"path":"organisations/x-1/report.json","sha256":"1de1743713eac747298a8f2a3c031d2b406b163ad81f3f5a17f9bd2a5514020c","size":10374},{"path":"\#(hostile)","sha256":"e9a9f7d20543984dc39ec09760433b4b1cedd95952a55b6a1613db086738524a","size":0}],"findingRows":[["x-1","\#(hostile)","BUL-2021-0001","h","","compromised","I","compromised","high","file","\#(hostile)","2021-03-03T01:02:03Z","scans/x.jsonl:4"],[]],"firstCompromiseDay":"2021-03-03","hostCount":2,"hostsWithFindings":1,"id":"x-1","index":{"advisories":[{"hosts":[{"findings":["I","\#(hostile)"],"id":"h","product":null,"status":"compromised","version":"\#(hostile)"},{"findings":[],"id":"g","product":"Exchange Server 2016","status":"not-affected","version":null}],"id":"BUL-2021-0001","status":"compromised"}],"id":"x-1","name":"\#(hostile)","status":"compromised"},"indicators":{"I":{"hosts":1,"title":"\#(hostile)"}},"name":"\#(hostile)","rendered":true,"sector":null,"status":"compromised"}"#

    static let notices = #"[{"column":12,"file":"\#(hostile)","id":"scan.unknown-key","line":3,"once":"\#(hostile)","pointer":"/hosts/0","severity":"warning","summary":"\#(hostile)"},{"column":null,"file":null,"id":"scan.x","line":null,"once":null,"pointer":null,"severity":"error","summary":""}]"#

    @Test func aRecordReadsBackAsTheLineItWasWrittenFrom() throws {
        let line = Array("x-1\tkey\t{\"notices\":\(Self.notices),\"summary\":\(Self.summary)}".utf8)
        let record = try #require(BuildState.record(of: line[...]))
        #expect(record.notices.count == 2)
        #expect(record.summary.filePaths.prefix(2) == ["organisations/x-1/index.html", "organisations/x-1/report.json"])
        #expect(record.summary.filePaths.last?.hasPrefix("q\"\\/\u{01}\n") == true)
        // The stored line ends with its newline, which the build state's reader takes off.
        #expect(BuildState.line(id: "x-1", key: "key", record: record) == line + [0x0A])
    }

    @Test func aLineThatIsNotARecordIsNone() {
        for text in ["x-1\tkey\t{\"notices\":[]}", "x-1\tkey\t{\"notices\":[],\"summary\":\(Self.summary)} x", "x-1\tkey", "x-1\tkey\t{\"notices\":[],\"summary\":\(Self.summary.replacingOccurrences(of: "77242038", with: "7724203X"))}"] {
            #expect(BuildState.record(of: Array(text.utf8)[...]) == nil, "\(text.prefix(40))")
        }
    }
}
