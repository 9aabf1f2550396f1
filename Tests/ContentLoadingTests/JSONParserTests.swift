import Foundation
import Testing

@testable import ContentLoading

/// The JSON parser that reads scan documents: RFC 8259, strictly, with every refusal located.
@Suite struct JSONParserTests {
    private func parse(_ text: String, maximumDepth: Int = 64) -> Result<JSONTape, JSONParseError> {
        JSONParser.parse(Array(text.utf8)[...], maximumDepth: maximumDepth)
    }

    private func parse(bytes: [UInt8]) -> Result<JSONTape, JSONParseError> {
        JSONParser.parse(bytes[...], maximumDepth: 64)
    }

    /// The value of the only string of a document, as the readers would get it.
    private func onlyString(_ json: String) throws -> String {
        let tape = try parse(json).get()
        #expect(tape.nodes.count == 1 && tape.nodes[0].kind == .string)
        return tape.string(at: 0)
    }

    private func failure(_ result: Result<JSONTape, JSONParseError>) -> JSONParseError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    // MARK: - Values

    @Test func readsEveryKindOfValueWithWhereItStarts() throws {
        let tape = try parse(#" {"a": [1, -2.5e3, true, false, null], "b": {}, "c": "x"} "#).get()
        #expect(tape.nodes.map(\.kind) == [.object, .string, .array, .number, .number, .true, .false, .null, .string, .object, .string, .string])
        #expect(tape.nodes.map(\.offset) == [1, 2, 7, 8, 11, 19, 25, 32, 39, 44, 48, 53])
        #expect(tape.nodes[0].length == 3, "an object's length counts its members")
        #expect(tape.nodes[2].length == 5)
        #expect(Int(tape.nodes[0].end) == tape.nodes.count)
        #expect(tape.next(after: 2) == 8, "skipping a value jumps over its members")
        #expect(tape.string(at: 11) == "x")
    }

    @Test func knowsTheLineAndColumnOfEveryOffset() throws {
        let tape = try parse("{\n  \"a\":\r\n\t1\n}").get()
        #expect(tape.position(of: tape.offset(of: 1)) == (2, 3))
        #expect(tape.position(of: tape.offset(of: 2)) == (3, 2))
        #expect(tape.position(of: tape.offset(of: 0)) == (1, 1))
    }

    @Test(arguments: [
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
        (#""caf\u00e9 \u20AC""#, "café €"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00 and \u0041""#, "😀 and A"),
        (#""nul \u0000 kept""#, "nul \u{0} kept"),
        (#""café €😀 written as UTF-8""#, "café €😀 written as UTF-8"),
        (#""a longer string that the parser skips eight bytes at a time, then \"escapes\"""#, #"a longer string that the parser skips eight bytes at a time, then "escapes""#),
    ])
    func decodesStringEscapes(_ json: String, _ value: String) throws {
        #expect(try onlyString(json) == value)
    }

    @Test(arguments: [
        // (input, message, offset)
        (#""\ud800""#, "'\\uD800' is the first half of a surrogate pair without its second half", 1),
        (#""x\ud800\u0041""#, "'\\uD800' is the first half of a surrogate pair without its second half", 2),
        (#""\udc00\ud800""#, "'\\uDC00' is the second half of a surrogate pair without its first half", 1),
    ])
    func refusesLoneSurrogates(_ json: String, _ message: String, _ offset: Int) throws {
        let error = try #require(failure(parse(json)))
        guard case .invalidText(let text) = error.reason else {
            Issue.record("expected invalid text, got \(error.reason)")
            return
        }
        #expect(text.hasPrefix(message))
        #expect(error.offset == offset)
    }

    @Test(arguments: [
        // (bytes of a string, offset of the offending byte)
        ([0x22, 0x63, 0x61, 0x66, 0xE9, 0x22], 4),  // Latin-1 é
        ([0x22, 0xC3, 0x28, 0x22], 1),  // a lead byte followed by ASCII
        ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // an encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0xFF, 0x22], 1),
        ([0x22, 0xE2, 0x82], 1),  // cut short by the end of the text
    ])
    func refusesInvalidUTF8AtTheOffendingByte(_ bytes: [UInt8], _ offset: Int) throws {
        let error = try #require(failure(parse(bytes: bytes)))
        guard case .invalidText(let message) = error.reason else {
            Issue.record("expected invalid text, got \(error.reason)")
            return
        }
        #expect(message.contains("is not UTF-8"))
        #expect(message.contains("iconv"), "says how to fix it")
        #expect(error.offset == offset)
    }

    @Test func locatesInvalidUTF8OnItsLine() throws {
        let error = try #require(failure(parse(bytes: Array("{\n  \"name\": \"Gem".utf8) + [0xFC] + Array("nde\"}".utf8))))
        #expect((error.line, error.column) == (2, 15))
    }

    // MARK: - Numbers

    @Test(arguments: ["0", "-0", "1712", "-1", "1.5", "1e400", "2.5E+1", "1e-400", "99999999999999999999999"])
    func acceptsEveryNumberJSONAllows(_ json: String) throws {
        let tape = try parse(json).get()
        #expect(tape.nodes.first?.kind == .number)
        #expect(tape.string(at: 0) == json, "numbers keep the text they were written with")
    }

    @Test(arguments: [
        ("01", "numbers may not have leading zeros; quote versions such as \"15.02\" as strings", 0),
        ("1.", "expected a digit after '.'", 2),
        ("1e", "expected a digit in exponent", 2),
        ("1e+", "expected a digit in exponent", 3),
        ("-", "invalid number", 0),
        ("-x", "invalid number", 0),
        (".5", "unexpected '.'; expected a value", 0),
        ("+1", "unexpected '+'; expected a value", 0),
        ("NaN", "unexpected 'N'; expected a value", 0),
    ])
    func refusesWhatJSONDoesNotCallANumber(_ json: String, _ message: String, _ offset: Int) throws {
        let error = try #require(failure(parse(json)))
        #expect(error.reason == .syntax(message))
        #expect(error.offset == offset)
    }

    @Test(arguments: [
        ("0", JSONTape.Integer.value(0)),
        ("-0", .value(0)),
        ("1712", .value(1712)),
        ("-42", .value(-42)),
        ("1.0", .value(1)),
        ("2.5e1", .value(25)),
        ("100e-2", .value(1)),
        ("0e999999999999", .value(0)),
        ("9223372036854775807", .value(Int.max)),
        ("-9223372036854775808", .value(Int.min)),
        ("9223372036854775808", .outOfRange),
        ("99999999999999999999999", .outOfRange),
        ("1e400", .outOfRange),
        ("-1e19", .outOfRange),
        ("1.5", .notInteger),
        ("1e-400", .notInteger),
        ("12345678901234567.5", .notInteger),
    ])
    func readsIntegersExactly(_ json: String, _ expected: JSONTape.Integer) throws {
        let tape = try parse(json).get()
        #expect(tape.integer(at: 0) == expected)
    }

    // MARK: - Document structure

    @Test(arguments: [
        ("", "unexpected end of file; expected a value", 0),
        ("   \n ", "unexpected end of file; expected a value", 5),
        ("{\"a\": 1", "unexpected end of file; expected ',' or '}' in object", 7),
        ("[1 2]", "unexpected '2'; expected ',' or ']' in array", 3),
        ("{\"a\" 1}", "unexpected '1'; expected ':' after key \"a\"", 5),
        ("{\"a\": 1,}", "unexpected '}'; expected a key in double quotes", 8),
        ("{a: 1}", "unexpected 'a'; expected a key in double quotes", 1),
        ("['x']", "unexpected '''; expected a value", 1),
        ("[tru]", "unexpected 't'; expected a value (strings need double quotes)", 1),
        ("\"abc", "unterminated string", 0),
        ("\"a\tb\"", "control character in string; write it as an escape such as '\\n'", 2),
        ("\"\\x\"", "invalid escape '\\x' in string; a backslash is written '\\\\' in JSON", 1),
        ("\"\\u12G4\"", "'\\u' must be followed by four hex digits", 1),
    ])
    func locatesSyntaxErrors(_ json: String, _ message: String, _ offset: Int) throws {
        let error = try #require(failure(parse(json)))
        #expect(error.reason == .syntax(message))
        #expect(error.offset == offset)
    }

    @Test func acceptsTheFourWhitespaceCharactersAndNoOther() throws {
        #expect(throws: Never.self) { try parse(" \t\r\n[ 1 ,\t2\r\n] \n").get() }
        #expect(failure(parse("\u{0B}[]"))?.reason == .syntax("unexpected byte 0x0B; expected a value"))
        #expect(failure(parse("[1,\u{A0}2]"))?.reason == .syntax("unexpected byte 0xC2; expected a value"))
    }

    @Test func refusesAByteOrderMarkItself() throws {
        // The loader strips a leading byte order mark before parsing; inside a document it is an error.
        let error = try #require(failure(parse(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8))))
        #expect(error.reason == .syntax("unexpected byte 0xEF; expected a value"))
    }

    @Test func reportsTextAfterTheDocumentWithWhereTheDocumentEnded() throws {
        let error = try #require(failure(parse("{} x")))
        #expect(error.reason == .syntax("unexpected 'x' after the end of the JSON document"))
        #expect(error.offset == 3)
        #expect(error.endOfFirstDocument == 3)
    }

    // MARK: - Hostile documents

    @Test func refusesNestingDeeperThanTheLimitWithoutRecursing() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(failure(parse(deep)))
        #expect(error.reason == .tooDeep(limit: 64))
        #expect(error.offset == 64, "at the bracket that opens level 65")
        let objects = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(failure(parse(objects))?.reason == .tooDeep(limit: 64))
        // With the limit raised, 10,000 levels parse: nothing recurses.
        let tape = try parse(deep, maximumDepth: 100_000).get()
        #expect(tape.nodes.count == 10_000)
        #expect(Int(tape.nodes[0].end) == 10_000)
        #expect(throws: Never.self) { try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).get() }
    }

    @Test func refusesADuplicateKeyNamingBothPlaces() throws {
        let error = try #require(failure(parse("{\"id\": \"a\",\n \"name\": \"A\",\n \"id\": \"b\"}")))
        #expect(error.reason == .duplicateKey("id", firstLine: 1, firstColumn: 2))
        #expect((error.line, error.column) == (3, 2))
    }

    @Test func comparesKeysByTheirValueNotTheirSpelling() throws {
        #expect(failure(parse(#"{"path": 1, "p\u0061th": 2}"#))?.reason == .duplicateKey("path", firstLine: 1, firstColumn: 2))
        #expect(throws: Never.self) { try parse(#"{"a": {"a": 1}, "b": {"a": 2}, "A": 3}"#).get() }
    }

    @Test(arguments: [2, 10, 32])
    func findsADuplicateAmongKeysThatLookAlike(_ count: Int) throws {
        // Same length, same first four bytes: only the last byte tells them apart.
        let keys = (0..<count).map { "\"field_\(String(format: "%03d", $0))\": \($0)" }
        #expect(throws: Never.self) { try parse("{" + keys.joined(separator: ", ") + "}").get() }
        let error = try #require(failure(parse("{" + (keys + ["\"field_001\": 0"]).joined(separator: ", ") + "}")))
        #expect(error.reason == .duplicateKey("field_001", firstLine: 1, firstColumn: 2 + keys[0].utf8.count + 2))
    }

    @Test func findsDuplicatesInLargeObjectsToo() throws {
        let keys = (0..<1_000).map { "\"k\($0)\": \($0)" }
        let text = "{" + (keys + ["\"k500\": 0", "\"k7\": 0"]).joined(separator: ", ") + "}"
        let error = try #require(failure(parse(text)))
        guard case .duplicateKey(let key, _, let firstColumn) = error.reason else {
            Issue.record("expected a duplicate key, got \(error.reason)")
            return
        }
        #expect(key == "k500", "the duplicate that comes first in the document")
        #expect(text.utf8.dropFirst(firstColumn - 1).starts(with: "\"k500\"".utf8))
        #expect(throws: Never.self) { try parse("{" + keys.joined(separator: ", ") + "}").get() }
    }
}
