import Foundation

/// RFC 6901 JSON pointers (`/hosts/0/observations/3`): how scan problems and observations name
/// the value they come from, independent of the text's layout.
enum JSONPointer {
    /// `pointer` extended by one object key, with `~` and `/` escaped.
    static func appending(key: String, to pointer: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return pointer + "/" + key }
        return pointer + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// `pointer` extended by one array index.
    static func appending(index: Int, to pointer: String) -> String {
        pointer + "/" + String(index)
    }

    /// The unescaped steps of `pointer`: keys, or array indexes written in decimal.
    static func steps(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { step in
            step.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }
}
