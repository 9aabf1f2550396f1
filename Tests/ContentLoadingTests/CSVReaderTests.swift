import BulletinModel
import Testing

@testable import ContentLoading

/// CSV as RFC 4180 and the tools that write Shadowserver reports and PowerShell exports produce it.
@Suite struct CSVReaderTests {
    private func read(_ text: String) -> CSVTable {
        CSVReader(file: "in.csv").read(Array(text.utf8))
    }

    @Test func mapsColumnsByNameInAnyOrderIgnoringCase() {
        let table = read("ip,Timestamp, port \n192.0.2.1,2021-03-09 10:00:00,443\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.header.names == ["ip", "Timestamp", "port"])
        let row = table.rows[0]
        #expect(row["timestamp"] == "2021-03-09 10:00:00")
        #expect(row["PORT"] == "443")
        #expect(row["missing"] == nil)
        #expect(row.line == 2)
        #expect(row.location(of: "port", in: "in.csv") == SourceLocation(file: "in.csv", line: 2, column: 31))
    }

    @Test func readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() {
        let table = read("name,comment,n\r\n\"a, b\",\"say \"\"hi\"\"\r\nsecond line\",1\r\nplain,,2\r\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.map(\.fields) == [["a, b", "say \"hi\"\r\nsecond line", "1"], ["plain", "", "2"]])
        #expect(table.rows.map(\.line) == [2, 4], "a record that spans lines keeps the line where it starts")
        #expect(table.rows[0].location(of: "n", in: "in.csv") == SourceLocation(file: "in.csv", line: 3, column: 14))
        #expect(table.rows[1].value("comment") == nil, "an empty field has no value")
    }

    @Test func skipsTheByteOrderMarkAndPowerShellsTypeLine() {
        let text = "\u{FEFF}#TYPE System.Management.Automation.PSCustomObject\r\n\"ComputerName\",\"Type\"\r\n\"EXCH01\",\"Suspicious\"\r\n"
        let table = read(text)
        #expect(table.diagnostics.isEmpty)
        #expect(table.header.names == ["ComputerName", "Type"])
        #expect(table.header.line == 2)
        #expect(table.rows.map(\.fields) == [["EXCH01", "Suspicious"]])
        #expect(table.rows[0].line == 3)
        #expect(table.rows[0].location(of: "ComputerName", in: "in.csv").column == 1, "columns count from the line start, not the byte order mark")
    }

    @Test func ignoresBlankLinesButKeepsRowsOfEmptyFields() {
        let table = read("a,b\n\n1,2\n,\n\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.map(\.fields) == [["1", "2"], ["", ""]])
        #expect(table.rows.map(\.line) == [3, 4])
    }

    @Test func reportsAnUnterminatedQuoteAtTheOpeningQuote() {
        let table = read("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(table.diagnostics == [
            .error("quoted field is never closed; the rest of the file was read as part of it; add the closing quote (\") or write quotes inside a field twice", id: "csv.unterminated-quote", at: SourceLocation(file: "in.csv", line: 3, column: 3))
        ])
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test func reportsWrongFieldCountsAndKeepsTheOtherRows() {
        let table = read("a,b,c\n1,2,3\n1,2,3,4\n1,2\n5,6,7\n")
        #expect(table.diagnostics == [
            .error("row has 4 fields but the header (line 1) names 3 columns; quote fields that contain commas", id: "csv.field-count", at: SourceLocation(file: "in.csv", line: 3, column: 7)),
            .error("row has 2 fields but the header (line 1) names 3 columns; add the missing fields, empty if unknown", id: "csv.field-count", at: SourceLocation(file: "in.csv", line: 4, column: 4)),
        ])
        #expect(table.rows.map(\.line) == [2, 5])
    }

    @Test func reportsTextAfterAClosingQuoteAndResumesOnTheNextLine() {
        let table = read("a,b\n\"x\"y,2\n3,4\n")
        #expect(table.diagnostics.map(\.id) == ["csv.text-after-quote"])
        #expect(table.diagnostics.first?.location == SourceLocation(file: "in.csv", line: 2, column: 4))
        #expect(table.rows.map(\.fields) == [["3", "4"]])
    }

    @Test func reportsBytesThatAreNotUTF8WithAHintForUTF16() {
        let table = CSVReader(file: "in.csv").read([0xFF, 0xFE, 0x61, 0x00])
        #expect(table.diagnostics.map(\.id) == ["csv.encoding"])
        #expect(table.diagnostics.first?.summary.contains("UTF-16") == true)
        #expect(table.rows.isEmpty)
    }

    @Test func reportsAnEmptyFileAndMissingColumns() {
        #expect(read("").diagnostics.map(\.id) == ["csv.missing-header"])
        let table = read("ip,port\n192.0.2.1,443\n")
        #expect(table.missingColumns(["ip", "tag"], what: "a Shadowserver report") == [
            .error("a Shadowserver report needs a column 'tag' but the header has: ip, port", id: "csv.missing-column", at: SourceLocation(file: "in.csv", line: 1, column: 1))
        ])
    }

    @Test func warnsAboutADuplicateColumnAndReadsTheFirst() {
        let table = read("ip,IP\n1,2\n")
        #expect(table.diagnostics.map(\.id) == ["csv.duplicate-column"])
        #expect(table.rows[0]["ip"] == "1")
    }
}
