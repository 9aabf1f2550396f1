/// Decoding of JSON string escapes (`\n`, `\\`, `\u00e9`, surrogate pairs such as `\ud83d\ude00`).
///
/// Runs only on strings the parser has already checked, and flagged as holding an escape; most
/// strings in scans hold none and are used as they are.
enum JSONStringEscapes {
    /// The UTF-8 value of a string's content (the bytes between its quotes). Never traps, even on
    /// text the parser has not checked.
    static func decode<Bytes: RandomAccessCollection<UInt8>>(_ raw: Bytes) -> [UInt8] where Bytes.Index == Int {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex else {
                result.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"):
                guard index + 4 <= raw.endIndex else {
                    result += [0xEF, 0xBF, 0xBD]  // cut short: only the skim sees such text
                    return result
                }
                var scalar = hexValue(raw, at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= raw.endIndex, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                    case let low = hexValue(raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                // The parser refuses lone surrogates; the skim, which checks nothing, gets U+FFFD.
                appendUTF8((0xD800...0xDFFF).contains(scalar) ? 0xFFFD : scalar, to: &result)
            default: result.append(escape)  // `"`, `\`, `/`
            }
        }
        return result
    }

    /// The value of the four hex digits at `index`.
    static func hexValue<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> UInt32 where Bytes.Index == Int {
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            value = value << 4 | UInt32(hexDigit(byte) ?? 0)
        }
        return value
    }

    /// The value of one hex digit, or `nil` if `byte` is not one.
    @inline(__always)
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to result: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            result.append(UInt8(scalar))
        case 0x80..<0x800:
            result.append(UInt8(0xC0 | scalar >> 6))
            result.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            result.append(UInt8(0xE0 | scalar >> 12))
            result.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            result.append(UInt8(0x80 | scalar & 0x3F))
        default:
            result.append(UInt8(0xF0 | scalar >> 18))
            result.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            result.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            result.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
