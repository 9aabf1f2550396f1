extension String {
    /// The string made safe to quote in a one-line terminal message: control characters, bidi
    /// overrides and other invisible characters escaped, and cut to 80 characters, because scan
    /// data is attacker-controlled and diagnostics reach terminals and CI logs.
    public var inert: String {
        var result = ""
        for scalar in unicodeScalars.prefix(80) {
            result += scalar.inertForm
        }
        return unicodeScalars.count > 80 ? result + "…" : result
    }
}

extension Unicode.Scalar {
    /// The scalar itself, or `\u{202e}` for one a reader could not see or that would move the
    /// cursor, reorder the line or drive the terminal (escape sequences start with U+001B).
    public var inertForm: String {
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            return "\\u{\(String(value, radix: 16))}"
        default:
            return String(self)
        }
    }
}
