import Foundation

@testable import ReportRendering

/// JSON as bulletin wrote it through `JSONEncoder` before `JSONWriter`: sorted keys,
/// pretty-printed, slashes unescaped, invisible characters escaped, a final newline. Slow, but
/// plain enough to read as the definition: tests check that `JSONWriter` gives these bytes.
enum JSONOutput {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // The documents are plain strings, numbers and arrays: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Array(escapingInvisibles(String(decoding: data, as: UTF8.self)).utf8) + [0x0A]
    }

    /// JSON as written by the encoder, with every invisible or reordering character that it leaves
    /// raw (bidi overrides, zero-width characters, DEL, U+2028) written as a `\u` escape: a parser
    /// still reads the data exactly as scanned, but a person who opens the file in an editor or a
    /// browser sees the escape instead of a line that lies. Outside strings there are only ASCII
    /// punctuation, spaces and the line breaks of pretty-printing, which stay.
    private static func escapingInvisibles(_ json: String) -> String {
        // Printable ASCII and line breaks are all the loop below would keep as they are.
        if json.utf8.allSatisfy({ (0x20..<0x7F).contains($0) || $0 == 0x0A }) { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard scalar != "\n", TextEscaping.visibleForm(of: scalar) != nil else {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }
}
