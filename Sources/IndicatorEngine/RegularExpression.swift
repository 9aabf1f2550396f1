/// A `MATCHES` operand: a regular expression in the syntax of Python's `re` (the reference
/// matcher's engine), compiled once and searched in linear time.
///
/// Like the reference matcher, the expression and every value are normalised to NFC first, and a
/// value matches when the expression matches anywhere in it (`re.search`), unless anchored.
struct RegularExpression: Sendable {
    private let program: RegexProgram
    /// A literal every match contains, checked first on ASCII values.
    private let requiredText: RegexRequiredText?

    /// Compiles `expression` (already unescaped from the pattern's string literal).
    init(_ expression: String) throws(RegexSyntaxError) {
        let node = try RegexParser.parse(UnicodeText.normalized(expression))
        program = try RegexProgram(node)
        requiredText = node.requiredText
    }

    /// Whether the expression matches somewhere in `value`.
    func matches(_ value: String) -> Bool {
        // ASCII values, nearly all of them, are searched in place, byte by byte, without a copy.
        let inPlace = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard UnicodeText.isASCII(bytes) else { return nil }
            if let requiredText, !requiredText.isContained(in: bytes) { return false }
            return program.search(bytes.lazy.map { Unicode.Scalar($0) })
        }
        if let inPlace, let result = inPlace { return result }
        return program.search(UnicodeText.normalizedScalars(value))
    }
}
