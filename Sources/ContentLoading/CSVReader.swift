import BulletinModel
import Foundation

/// Reads comma-separated values as RFC 4180 defines them and as the tools CERTs receive files from
/// write them: Shadowserver's reports, PowerShell's `Export-Csv`, spreadsheets.
///
/// - Fields may be quoted; a quoted field may hold commas, line breaks and doubled quotes (`""`).
/// - Lines end in CRLF or LF; a UTF-8 byte order mark is skipped, and so is the `#TYPE ...` line
///   that Windows PowerShell writes before the header unless told `-NoTypeInformation`.
/// - The first record is the header. Columns are found by name, ignoring case and surrounding
///   blanks, so producers may add or reorder columns.
/// - Each row keeps the line and byte column where each of its fields starts, so an importer can
///   point a diagnostic at the very field it could not use.
///
/// A malformed record (an unterminated quote, text after a closing quote, a field count that
/// differs from the header's) is reported as a located error and left out of `rows`; the reader
/// goes on with the next record, so one bad row never hides the others. Blank lines are not records.
///
/// The reader works on bytes, so columns count UTF-8 bytes as `SourceLocation` does.
public struct CSVReader: Sendable {
    /// The file name used in locations, as the user named it.
    public var file: String

    /// Creates a reader whose diagnostics name `file`.
    public init(file: String) {
        self.file = file
    }

    /// Reads and parses the file at `file`; a file that cannot be read is one located error.
    public func readFile() -> CSVTable {
        guard let data = FileManager.default.contents(atPath: file) else {
            return CSVTable(
                file: file, header: CSVHeader(names: [], line: 0, columns: []), rows: [],
                diagnostics: [.error("cannot read the file; check the path and its permissions", id: "csv.unreadable", at: SourceLocation(file: file))])
        }
        return read([UInt8](data))
    }

    /// Parses `bytes` (the whole file) into a header and located rows.
    public func read(_ bytes: [UInt8]) -> CSVTable {
        var diagnostics: [Diagnostic] = []
        guard validateUTF8(bytes, diagnostics: &diagnostics) else {
            return CSVTable(file: file, header: CSVHeader(names: [], line: 0, columns: []), rows: [], diagnostics: diagnostics)
        }
        var scanner = Scanner(bytes: bytes, file: file)
        scanner.skipPreamble()
        var header: CSVHeader?
        var rows: [CSVRow] = []
        while let record = scanner.nextRecord(diagnostics: &diagnostics) {
            if record.isBlank { continue }
            guard let known = header else {
                header = makeHeader(record, diagnostics: &diagnostics)
                continue
            }
            guard record.fields.count == known.names.count else {
                diagnostics.append(fieldCountError(record, header: known))
                continue
            }
            rows.append(CSVRow(line: record.line, fields: record.fields, positions: record.positions, header: known))
        }
        guard let header else {
            diagnostics.append(.error("the file has no header line; the first line must name the columns", id: "csv.missing-header", at: SourceLocation(file: file, line: 1, column: 1)))
            return CSVTable(file: file, header: CSVHeader(names: [], line: 0, columns: []), rows: [], diagnostics: diagnostics)
        }
        return CSVTable(file: file, header: header, rows: rows, diagnostics: diagnostics)
    }

    private func makeHeader(_ record: Scanner.Record, diagnostics: inout [Diagnostic]) -> CSVHeader {
        let names = record.fields.map { $0.trimmingBlanks }
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if let first = seen[name.lowercased()] {
                let position = record.positions[index]
                diagnostics.append(.warning(
                    "column '\(name)' appears twice in the header (first as column \(first + 1)); only the first is read, rename or remove the other",
                    id: "csv.duplicate-column", at: SourceLocation(file: file, line: position.line, column: position.column)))
            } else {
                seen[name.lowercased()] = index
            }
        }
        return CSVHeader(names: names, line: record.line, columns: record.positions.map(\.column))
    }

    private func fieldCountError(_ record: Scanner.Record, header: CSVHeader) -> Diagnostic {
        let expected = header.names.count, found = record.fields.count
        if found > expected {
            let extra = record.positions[expected]
            return .error(
                "row has \(found) fields but the header (line \(header.line)) names \(expected) columns; quote fields that contain commas",
                id: "csv.field-count", at: SourceLocation(file: file, line: extra.line, column: extra.column))
        }
        return .error(
            "row has \(found) field\(found == 1 ? "" : "s") but the header (line \(header.line)) names \(expected) columns; add the missing fields, empty if unknown",
            id: "csv.field-count", at: SourceLocation(file: file, line: record.endLine, column: record.endColumn))
    }

    /// Reports the first byte that is not UTF-8, at its line and column.
    private func validateUTF8(_ bytes: [UInt8], diagnostics: inout [Diagnostic]) -> Bool {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return true
            case .error(let length):
                var line = 1, lineStart = 0
                for index in 0..<offset where bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                let hint = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                    ? "the file is UTF-16; save it as UTF-8 (PowerShell: Export-Csv -Encoding UTF8)"
                    : "save the file as UTF-8"
                diagnostics.append(.error(
                    "byte \(offset + 1) is not UTF-8 text (\(length) invalid byte\(length == 1 ? "" : "s")); \(hint)",
                    id: "csv.encoding", at: SourceLocation(file: file, line: line, column: offset - lineStart + 1)))
                return false
            }
        }
    }
}

/// The column names of a CSV file and where they were written.
public struct CSVHeader: Sendable, Hashable {
    /// The names as written, without surrounding blanks, in file order.
    public var names: [String]
    /// The 1-based line of the header.
    public var line: Int
    /// The 1-based byte column where each name starts.
    public var columns: [Int]
    private var indexByName: [String: Int]

    init(names: [String], line: Int, columns: [Int]) {
        self.names = names
        self.line = line
        self.columns = columns
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where !name.isEmpty && index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        indexByName = index
    }

    /// The position of the column called `name` (case and surrounding blanks ignored).
    public func index(of name: String) -> Int? {
        indexByName[name.trimmingBlanks.lowercased()]
    }

    /// The names in `required` that no column has, in the order given.
    public func missing(_ required: [String]) -> [String] {
        required.filter { index(of: $0) == nil }
    }
}

/// One record of a CSV file after the header, with where it and each of its fields start.
public struct CSVRow: Sendable, Hashable {
    /// The 1-based line where the record starts (a quoted field may carry it over several lines).
    public var line: Int
    /// The fields, unquoted, in file order; as many as the header has names.
    public var fields: [String]
    /// Where each field starts.
    public var positions: [Position]
    /// The header the row was read under.
    public var header: CSVHeader

    /// A 1-based line and byte column.
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int
    }

    /// The field of the column called `name`, exactly as written; `nil` when the file has no such
    /// column (an empty field is `""`).
    public subscript(_ name: String) -> String? {
        header.index(of: name).map { fields[$0] }
    }

    /// The field of column `name` without surrounding blanks, or `nil` when the column is absent or
    /// the field is blank.
    public func value(_ name: String) -> String? {
        guard let raw = self[name] else { return nil }
        let trimmed = raw.trimmingBlanks
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Where the field of column `name` starts in `file`, or where the row starts when the file has
    /// no such column.
    public func location(of name: String, in file: String) -> SourceLocation {
        guard let index = header.index(of: name) else { return SourceLocation(file: file, line: line, column: 1) }
        return SourceLocation(file: file, line: positions[index].line, column: positions[index].column)
    }
}

/// What `CSVReader` read from one file.
public struct CSVTable: Sendable {
    /// The file name used in locations.
    public var file: String
    /// The header; empty names when the file had none.
    public var header: CSVHeader
    /// The well-formed records after the header, in file order.
    public var rows: [CSVRow]
    /// Malformed records, a missing header, duplicate column names, bytes that are not UTF-8.
    public var diagnostics: [Diagnostic]

    /// An error located at the header for each of `required` that the file lacks, naming the
    /// columns it has so that a renamed column is easy to spot.
    public func missingColumns(_ required: [String], what: String) -> [Diagnostic] {
        let missing = header.missing(required)
        guard !missing.isEmpty, header.line > 0 else { return [] }
        let present = header.names.filter { !$0.isEmpty }.joined(separator: ", ")
        return missing.map {
            .error(
                "\(what) needs a column '\($0)' but the header has: \(present)",
                id: "csv.missing-column", at: SourceLocation(file: file, line: header.line, column: 1))
        }
    }
}

extension CSVReader {
    /// Splits bytes into records, tracking lines and byte columns.
    fileprivate struct Scanner {
        struct Record {
            var line: Int
            var fields: [String]
            var positions: [CSVRow.Position]
            var endLine: Int
            var endColumn: Int
            /// An empty line: one empty, unquoted field.
            var isBlank: Bool
        }

        let bytes: [UInt8]
        let file: String
        var offset = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

        var column: Int { offset - lineStart + 1 }

        /// Skips a UTF-8 byte order mark and PowerShell's `#TYPE` line.
        mutating func skipPreamble() {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                offset = 3
                lineStart = 3
            }
            if bytes[offset...].starts(with: Array("#TYPE".utf8)) {
                while offset < bytes.count, bytes[offset] != Scanner.lf { offset += 1 }
                if offset < bytes.count { newline(after: offset) }
            }
        }

        private mutating func newline(after index: Int) {
            offset = index + 1
            line += 1
            lineStart = offset
        }

        /// Reads the next record; a malformed one is reported and skipped.
        mutating func nextRecord(diagnostics: inout [Diagnostic]) -> Record? {
            while offset < bytes.count {
                var record = Record(line: line, fields: [], positions: [], endLine: line, endColumn: column, isBlank: false)
                var problem: Diagnostic?
                var quotedAny = false
                fields: while true {
                    record.positions.append(CSVRow.Position(line: line, column: column))
                    if offset < bytes.count, bytes[offset] == Scanner.quote {
                        quotedAny = true
                        switch readQuoted() {
                        case .success(let field): record.fields.append(field)
                        case .failure(let diagnostic):
                            problem = problem ?? diagnostic
                            record.fields.append("")
                        }
                    } else {
                        record.fields.append(readBare())
                    }
                    if offset < bytes.count, bytes[offset] == Scanner.comma {
                        offset += 1
                        continue
                    }
                    record.endLine = line
                    record.endColumn = column
                    if offset < bytes.count, bytes[offset] == Scanner.cr, offset + 1 < bytes.count, bytes[offset + 1] == Scanner.lf {
                        newline(after: offset + 1)
                    } else if offset < bytes.count, bytes[offset] == Scanner.lf {
                        newline(after: offset)
                    } else if offset < bytes.count {
                        // Text right after a closing quote: report it and resynchronise at the line end.
                        problem = problem ?? .error(
                            "unexpected text after a closing quote; a quote inside a quoted field is written twice (\"\")",
                            id: "csv.text-after-quote", at: SourceLocation(file: file, line: line, column: column))
                        while offset < bytes.count, bytes[offset] != Scanner.lf { offset += 1 }
                        if offset < bytes.count { newline(after: offset) }
                    }
                    break fields
                }
                if let problem {
                    diagnostics.append(problem)
                    continue
                }
                record.isBlank = !quotedAny && record.fields == [""]
                return record
            }
            return nil
        }

        private mutating func readBare() -> String {
            let start = offset
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == Scanner.comma || byte == Scanner.lf { break }
                if byte == Scanner.cr, offset + 1 < bytes.count, bytes[offset + 1] == Scanner.lf { break }
                offset += 1
            }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        private mutating func readQuoted() -> Result<String, Diagnostic> {
            let opening = SourceLocation(file: file, line: line, column: column)
            offset += 1
            var field: [UInt8] = []
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == Scanner.quote {
                    if offset + 1 < bytes.count, bytes[offset + 1] == Scanner.quote {
                        field.append(Scanner.quote)
                        offset += 2
                        continue
                    }
                    offset += 1
                    return .success(String(decoding: field, as: UTF8.self))
                }
                field.append(byte)
                if byte == Scanner.lf { newline(after: offset) } else { offset += 1 }
            }
            return .failure(.error(
                "quoted field is never closed; the rest of the file was read as part of it; add the closing quote (\") or write quotes inside a field twice",
                id: "csv.unterminated-quote", at: opening))
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingBlanks: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
