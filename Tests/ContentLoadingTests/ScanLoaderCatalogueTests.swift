import Testing

@testable import ContentLoading

/// The skim a build's catalogue pass uses to group documents by organisation before reading them.
@Suite struct ScanLoaderCatalogueTests {
    private func id(_ text: String) -> String? {
        ScanLoader.organisationID(in: Array(text.utf8)[...])
    }

    @Test func findsTheOrganisationIDOfADocumentWhereverItIs() {
        #expect(id(#"{"format": "bulletin.scan/1", "organisation": {"id": "acme", "name": "Acme"}, "hosts": []}"#) == "acme")
        #expect(id(#"{"hosts": [{"id": "x", "organisation": {"id": "no"}, "o": [[{"}": "]"}]]}], "scanner": {"name": "s"}, "organisation": {"name": "N", "contacts": [], "id": "late"}}"#) == "late")
        #expect(id("\u{FEFF} {\"organisation\":{\"id\":\"a\\u0062c\"}}") == "abc", "after a byte order mark, escapes decoded")
    }

    @Test(arguments: [
        "", "[]", "{", #"{"organisation": 5}"#, #"{"organisation": {"name": "x"}}"#, #"{"organisation": {"id": 7}}"#,
        #"{"organisations": [{"organisation": {"id": "a"}}]}"#, #"{"hosts": ["unterminated"#, #"{"a": "\"#,
        #"{"organisation": {"id": "\u12"#, "{\"x\": " + String(repeating: "[", count: 100_000),
    ])
    func findsNothingWhereThereIsNoIDAndNeverTraps(_ text: String) {
        #expect(id(text) == nil)
        if !text.contains("organisations") {
            #expect(ScanLoader.batchEntries(in: Array(text.utf8)[...]) == nil)
        }
    }

    @Test func listsTheEntriesOfABatchWithTheirBytes() throws {
        let text = #"{"format": "bulletin.scan/1", "organisations": [ {"organisation": {"id": "b", "name": "B"}, "hosts": [{"id": "]"}]}, {"hosts": []},{"organisation": {"id": "a"}} ]}"#
        let bytes = Array(text.utf8)
        let entries = try #require(ScanLoader.batchEntries(in: bytes[...]))
        #expect(entries.map(\.organisationID) == ["b", nil, "a"])
        #expect(entries.map { String(decoding: bytes[$0.bytes], as: UTF8.self) } == [
            #"{"organisation": {"id": "b", "name": "B"}, "hosts": [{"id": "]"}]}"#, #"{"hosts": []}"#, #"{"organisation": {"id": "a"}}"#,
        ])
        #expect(ScanLoader.batchEntries(in: Array(#"{"organisations": []}"#.utf8)[...]) == [])
        #expect(ScanLoader.batchEntries(in: Array(#"{"organisations": [{"a": 1} {"b": 2}]}"#.utf8)[...]) == nil)
        #expect(ScanLoader.batchEntries(in: Array(#"{"organisation": {"id": "a"}}"#.utf8)[...]) == nil)
    }

    @Test func worksOnASliceOfALargerBuffer() throws {
        let file = Array((#"{"organisation": {"id": "first"}}"# + "\n" + #"{"organisation": {"id": "second"}}"#).utf8)
        let newline = try #require(file.firstIndex(of: 0x0A))
        #expect(ScanLoader.organisationID(in: file[(newline + 1)...]) == "second")
        let batch = Array(("xx" + #"{"organisations": [{"organisation": {"id": "a"}}]}"#).utf8)
        let entries = try #require(ScanLoader.batchEntries(in: batch[2...]))
        #expect(entries.map(\.bytes) == [21..<50])
    }
}
