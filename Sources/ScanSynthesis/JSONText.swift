/// A JSON value whose objects keep their keys in the order they were written.
///
/// Synthetic scan documents are written key by key in the order the scan format shows them
/// (`format` first, `type` first in an observation), so that a person reading a corpus file sees
/// what a scanner would write; `JSONEncoder` would sort or scramble the keys.
enum JSONText: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)
    case array([JSONText])
    case object([(key: String, value: JSONText)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }

    /// An object of `members`, in order; members whose value is nil are left out, as the scan
    /// format leaves out what a scanner did not see.
    static func members(_ members: KeyValuePairs<String, JSONText?>) -> JSONText {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// The value as compact JSON on one line (no line break can occur: control characters in
    /// strings are escaped), appended to `output`.
    func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text): Self.write(text, into: &output)
        case .integer(let number): output += Array(String(number).utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.write(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func write(_ text: String, into output: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\t"): output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: output += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xf)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
