import Foundation

/// Text as LIKE and MATCHES see it: Unicode scalars in Normalization Form C.
///
/// The reference matcher normalises both the pattern and the value to NFC before LIKE and MATCHES,
/// so that `é` written precomposed in an indicator matches `e` + combining accent in a log, and it
/// counts characters as code points (`_` is one scalar, not one grapheme). `=` and `IN` compare
/// scalars exactly, without normalising, which is why Swift's `String ==` (canonical equivalence) is
/// not used for them either.
enum UnicodeText {
    /// The scalars of `text` in NFC; ASCII text, by far the most common, is returned as is.
    static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return Array(text.unicodeScalars) }
        return Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Whether `text` is ASCII, and so already in NFC with one scalar per UTF-8 byte.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// `text` in NFC.
    static func normalized(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
