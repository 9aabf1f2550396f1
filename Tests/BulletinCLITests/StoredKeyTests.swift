import Testing

@testable import BulletinCLI

/// Keys kept as 32 bytes tell apart exactly what their 64 hex digits do.
@Suite struct StoredKeyTests {
    let key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    @Test func equalDigitsAreEqualKeysAndAnyOtherDigitIsNot() {
        #expect(StoredKey(key) == StoredKey(key))
        #expect(StoredKey(key) == StoredKey(key.uppercased()))
        for index in [0, 15, 16, 31, 32, 47, 48, 63] {
            var digits = Array(key.utf8)
            digits[index] = digits[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            #expect(StoredKey(hex: digits) != StoredKey(key), "digit \(index)")
        }
    }

    @Test func anythingButSixtyFourHexDigitsMatchesNothing() {
        #expect(StoredKey("-") == .never)
        #expect(StoredKey(String(key.dropLast())) == .never)
        #expect(StoredKey(String(key.dropLast()) + "g") == .never)
        #expect(StoredKey(key) != .never)
    }
}
