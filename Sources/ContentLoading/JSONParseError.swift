/// Why a document could not be parsed, and where: the first problem found, as a byte offset from
/// the document's start (the loader turns it into line and column).
struct JSONParseError: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// Not JSON: what was found and what was expected there.
        case syntax(String)
        /// Bytes that are not UTF-8, or an escape that is not a Unicode character (a lone
        /// surrogate); the message says which.
        case invalidText(String)
        /// Containers nested deeper than the limit.
        case tooDeep(limit: Int)
        /// A key given twice in one object, with the line and column where it was given first.
        case duplicateKey(String, firstLine: Int, firstColumn: Int)
    }

    var reason: Reason
    var offset: Int
    /// The 1-based line and column of `offset` in the document, set by the parser.
    var line = 1
    var column = 1
    /// Set when a complete document was followed by more text: JSON Lines in a `.json` file.
    var endOfFirstDocument: Int?

    init(_ reason: Reason, at offset: Int, endOfFirstDocument: Int? = nil) {
        self.reason = reason
        self.offset = offset
        self.endOfFirstDocument = endOfFirstDocument
    }
}
