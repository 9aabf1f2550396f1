import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Scan documents written to hurt, through `ScanLoader`: each is a located error, and what else
/// the file holds is still read where the format allows it.
@Suite struct ScanLoaderHostileInputTests {
    private static let organisation = #"{"format": "bulletin.scan/1", "organisation": {"id": "acme", "name": "Acme"}, "hosts": []}"#

    private static func scan(observation: String) -> String {
        #"{"format": "bulletin.scan/1", "organisation": {"id": "acme", "name": "Acme"}, "hosts": [{"id": "h", "observations": ["# + observation + "]}]}"
    }

    private func offset(of marker: String, in text: String) -> Int {
        text.utf8.count - (text.range(of: marker).map { text[$0.lowerBound...].utf8.count } ?? 0)
    }

    @Test func readsAFileThatStartsWithAByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("bom.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\n\"oops\": 1,\n".utf8) + Array(Self.organisation.dropFirst().utf8))
        let result = ScanLoader().load(paths: [file])
        #expect(result.organisations.map(\.organisation.id) == ["acme"])
        #expect(result.diagnostics.map(\.location) == [SourceLocation(file: file, line: 2, column: 9, jsonPointer: "/oops")], "columns count from after the mark")
    }

    @Test func namesAUTF16File() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("utf16.json", bytes: [0xFF, 0xFE] + Self.organisation.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(ScanLoader().load(paths: [file]).diagnostics == [
            .error("the file is UTF-16LE, not UTF-8; convert it, e.g. with iconv -f UTF-16LE -t UTF-8", id: "scan.invalid-utf8", at: SourceLocation(file: file, line: 1, column: 1))
        ])
    }

    @Test func locatesInvalidUTF8AtItsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("latin1.json", bytes: Array("{\"format\": \"bulletin.scan/1\",\n \"organisation\": {\"id\": \"acme\", \"name\": \"Caf".utf8) + [0xE9] + Array("\"}, \"hosts\": []}".utf8))
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.id) == ["scan.invalid-utf8"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 2, column: 45), "at the é")
        #expect(result.organisations.isEmpty)
    }

    @Test func refusesADuplicateKeyInAJSONLinesLineNamingBothColumns() throws {
        let folder = try TemporaryFolder()
        let line = #"{"format": "bulletin.scan/1", "organisation": {"id": "evil", "name": "Evil", "name": "Acme"}, "hosts": []}"#
        let file = try folder.write("a.jsonl", Self.organisation + "\n" + line + "\n")
        let result = ScanLoader().load(paths: [file])
        let first = offset(of: #""name": "Evil""#, in: line) + 1
        #expect(result.diagnostics == [
            .error(
                "key 'name' appears twice in one object (first at \(file):2:\(first)); tools disagree on which value wins, so remove one",
                id: "scan.duplicate-key", at: SourceLocation(file: file, line: 2, column: offset(of: #""name": "Acme""#, in: line) + 1))
        ])
        #expect(result.organisations.map(\.organisation.id) == ["acme"], "the document is refused, not half-read; the other line is read")
    }

    @Test func refusesNestingBeyondTheLimit() throws {
        let folder = try TemporaryFolder()
        let text = Self.scan(observation: #"{"type": "x-deep", "a": [[[[1]]]]}"#)
        let file = try folder.write("deep.json", text)
        let result = ScanLoader(limits: ScanLimits(maximumDepth: 7)).load(paths: [file])
        #expect(result.diagnostics.map(\.id) == ["scan.too-deep"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 1, column: offset(of: "[[[[", in: text) + 3))
        #expect(ScanLoader(limits: ScanLimits(maximumDepth: 10)).load(paths: [file]).diagnostics.map(\.id) == ["scan.unknown-observation-type"])
    }

    @Test func refusesAFileLargerThanTheLimitButReadsJSONLinesLineByLine() throws {
        let folder = try TemporaryFolder()
        let limits = ScanLimits(maximumDocumentBytes: 200)
        let pretty = try folder.write("pretty.json", "{\n" + String(repeating: " ", count: 300) + "\"format\": \"bulletin.scan/1\"}\n")
        #expect(ScanLoader(limits: limits).load(paths: [pretty]).diagnostics == [
            .error(
                "the file holds a document of 331 bytes, more than the limit of 200 bytes per scan document; write one organisation per line of a JSON Lines file, or raise the limit with --max-scan-size",
                id: "scan.too-large", at: SourceLocation(file: pretty, line: 1, column: 1))
        ])
        let lines = try folder.write("lines.json", Self.organisation + "\n" + Self.organisation.replacingOccurrences(of: "acme", with: "beta") + "\n")
        let result = ScanLoader(limits: limits).load(paths: [lines])
        #expect(result.diagnostics.isEmpty, "each line is a document within the limit")
        #expect(result.organisations.map(\.organisation.id) == ["acme", "beta"])
    }

    @Test(arguments: [
        (#""size": 1712"#, nil as String?),
        (#""size": 0"#, nil),
        (#""size": 1.0e3"#, nil),
        (#""size": -0"#, nil),
        (#""size": -1"#, "'size' of observation is -1, out of range: it must be a whole number from 0 to 9223372036854775807"),
        (#""size": 1e400"#, "'size' of observation is 1e400, out of range: it must be a whole number from 0 to 9223372036854775807"),
        (#""size": 99999999999999999999999"#, "'size' of observation is 99999999999999999999999, out of range: it must be a whole number from 0 to 9223372036854775807"),
        (#""size": 1.5"#, "'size' of observation must be an integer"),
        (#""size": "12""#, "'size' of observation must be an integer"),
    ])
    func checksTheRangeOfEveryIntegerField(_ field: String, _ expected: String?) throws {
        let folder = try TemporaryFolder()
        let text = Self.scan(observation: #"{"type": "file", "path": "x", "# + field + "}")
        let file = try folder.write("a.json", text)
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.summary) == (expected.map { [$0] } ?? []))
        if expected != nil {
            let value = field.split(separator: " ").last.map(String.init) ?? ""
            #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 1, column: offset(of: value, in: text) + 1, jsonPointer: "/hosts/0/observations/0/size"))
        }
    }

    @Test func checksPortsStatusesAndEventIDs() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.json", Self.scan(observation: """
            {"type": "connection", "local_port": 65535, "remote_port": 65536}, {"type": "http-request", "status": 1000},
            {"type": "event", "event_id": 4294967295}, {"type": "event", "event_id": 4294967296}
            """))
        #expect(ScanLoader().load(paths: [file]).diagnostics.map(\.summary) == [
            "'remote_port' of observation is 65536, out of range: it must be a whole number from 0 to 65535",
            "'status' of observation is 1000, out of range: it must be a whole number from 0 to 999",
            "'event_id' of observation is 4294967296, out of range: it must be a whole number from 0 to 4294967295",
        ])
    }

    @Test func keepsIntegerAndBooleanLogFieldsAsTextAndRefusesTheRest() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.json", Self.scan(observation: #"{"type": "http-request", "fields": {"A": "x", "B": 200, "C": true, "D": null, "E": 1.5, "F": 1e400, "G": [1]}}"#))
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.summary) == [
            "'fields.E' of observation must be a string",
            "'fields.F' of observation is 1e400, beyond 64 bits; write it as a string",
            "'fields.G' of observation must be a string",
        ])
        #expect(result.diagnostics.map { $0.location?.jsonPointer } == ["/hosts/0/observations/0/fields/E", "/hosts/0/observations/0/fields/F", "/hosts/0/observations/0/fields/G"])
        guard case .httpRequest(let request)? = result.organisations.first?.hosts.first?.observations.first?.kind else {
            Issue.record("the request is kept")
            return
        }
        #expect(request.fields == ["A": "x", "B": "200", "C": "true"])
    }
}
