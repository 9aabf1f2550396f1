import BulletinModel

/// The diagnostics of documents the loader refuses before reading them: not JSON, not UTF-8,
/// nested too deep, a duplicate key, too large.
extension ScanLoader {
    /// The diagnostic for a document that did not parse; `unit` is `file` or `line`, and `locate`
    /// turns a line and column of the document into a place in the file.
    func diagnostic(for error: JSONParseError, in unit: String, locate: (Int, Int) -> SourceLocation) -> Diagnostic {
        let here = locate(error.line, error.column)
        switch error.reason {
        case .syntax(let message):
            var summary = message
            if unit == "line", error.endOfFirstDocument != nil { summary += "; JSON Lines need exactly one document per line" }
            return .error("\(summary); the \(unit) is not valid JSON", id: "scan.syntax", at: here)
        case .invalidText(let message):
            return .error(message, id: "scan.invalid-utf8", at: here)
        case .tooDeep(let limit):
            return .error(
                "objects and arrays nested more than \(limit) levels deep; scan documents need 8 at most (raise the limit with --max-depth if this is one)",
                id: "scan.too-deep", at: here)
        case .duplicateKey(let key, let firstLine, let firstColumn):
            return .error(
                "key '\(key.inert)' appears twice in one object (first at \(locate(firstLine, firstColumn))); tools disagree on which value wins, so remove one",
                id: "scan.duplicate-key", at: here)
        }
    }

    /// The diagnostic for a document larger than `limits.maximumDocumentBytes`; `what` names it.
    func tooLarge(_ count: Int, _ what: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "\(what) holds a document of \(count) bytes, more than the limit of \(ScanLimits.describe(bytes: limits.maximumDocumentBytes)) per scan document; write one organisation per line of a JSON Lines file, or raise the limit with --max-scan-size",
            id: "scan.too-large", at: location)
    }

    /// `bytes` without a leading UTF-8 byte order mark, which Windows tools write and JSON does
    /// not allow; columns count from the character after it, as editors show them.
    static func withoutByteOrderMark(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
    }

    /// The encoding a UTF-16 byte order mark names, for a clearer message than the first byte
    /// that is not UTF-8.
    static func utf16Encoding(of bytes: ArraySlice<UInt8>) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }
}
