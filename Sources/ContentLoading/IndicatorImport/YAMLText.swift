/// Writes YAML scalars that read back exactly as the text they were given, for the files the
/// importers write.
enum YAMLText {
    /// A double-quoted scalar, every character that YAML would fold or refuse escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                result += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + hex(scalar.value, width: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A literal block scalar (`|-`) at `indent` spaces, which keeps backslashes and quotes as they
    /// are (patterns read best that way); falls back to a quoted scalar for text a block cannot
    /// hold exactly (control characters, trailing spaces, a leading space, a trailing line break).
    static func block(_ text: String, indent: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let representable = !text.isEmpty && !text.hasSuffix("\n") && !text.hasPrefix(" ") && !text.hasPrefix("\t")
            && lines.allSatisfy { line in !line.hasSuffix(" ") && !line.hasSuffix("\t") }
            && text.unicodeScalars.allSatisfy(isBlockSafe)
        guard representable else { return quoted(text) }
        let padding = String(repeating: " ", count: indent)
        return "|-\n" + lines.map { $0.isEmpty ? "" : padding + $0 }.joined(separator: "\n")
    }

    /// Whether a block scalar holds `scalar` as it is: printable, or a line feed or tab.
    private static func isBlockSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: true
        case 0..<0x20, 0x7F, 0x85, 0x2028, 0x2029, 0xFEFF: false
        default: true
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
