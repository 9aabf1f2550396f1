/// A place in an input file that a diagnostic or a piece of evidence points at.
///
/// Lines and columns are 1-based, as editors and the Swift compiler count them. Columns count
/// UTF-8 bytes, which is what `path:line:column` consumers such as editors and CI annotators expect
/// for byte-oriented inputs like JSON.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file path as the user named it (relative paths stay relative).
    public var file: String
    /// The 1-based line, or 0 when only the file is known.
    public var line: Int
    /// The 1-based column, or 0 when only the line is known.
    public var column: Int
    /// A JSON pointer (RFC 6901) to the value inside the file, when the input is JSON.
    public var jsonPointer: String?

    /// Creates a location; `line` and `column` default to "unknown".
    public init(file: String, line: Int = 0, column: Int = 0, jsonPointer: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPointer = jsonPointer
    }

    /// `file:line:column`, leaving out the parts that are unknown.
    public var description: String {
        switch (line, column) {
        case (0, _): return file
        case (_, 0): return "\(file):\(line)"
        default: return "\(file):\(line):\(column)"
        }
    }

    /// How a message names this place: `file:line:column` when the position is known, otherwise
    /// the file and the JSON pointer (`scan.json, /hosts/3`).
    public var citation: String {
        guard line == 0, let jsonPointer else { return description }
        return "\(file), \(jsonPointer)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.jsonPointer ?? "") < (rhs.file, rhs.line, rhs.column, rhs.jsonPointer ?? "")
    }
}
