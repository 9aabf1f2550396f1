import ScanSynthesis
import Testing

@testable import ReportRendering

/// The word-at-a-time tests say what a byte-by-byte look at the same eight bytes says.
@Suite struct PlainWordsTests {
    /// Words of bytes drawn mostly from the edges that matter (0x00, 0x1F, 0x20, the escaped
    /// characters, 0x7F, 0x80, 0xFF), so that borrows across bytes are tried.
    @Test func wordTestsMatchTheirBytes() {
        let edges: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x26, 0x27, 0x3C, 0x3E, 0x5C, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF]
        var generator = SplitMix64(seed: 8)
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                generator.below(3) == 0 ? UInt8(generator.below(256)) : edges[generator.below(edges.count)]
            }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            #expect(PlainWords.containsNonASCII(word) == bytes.contains { $0 >= 0x80 })
            for bound in [UInt8(0x20), 0x01, 0x80] {
                #expect(PlainWords.containsByte(word, below: bound) == bytes.contains { $0 < bound }, "\(bytes) below \(bound)")
            }
            for byte in edges {
                #expect(PlainWords.contains(word, byte) == bytes.contains(byte), "\(bytes) contains \(byte)")
            }
        }
    }

    @Test func skipStopsAtTheFirstWordThatIsNotPlain() {
        let text = Array("abcdefghijklmnop<qrstuvwxyz".utf8)
        text.withUnsafeBufferPointer { bytes in
            #expect(PlainWords.skip(bytes, from: 0) { !PlainWords.contains($0, UInt8(ascii: "<")) } == 16)
            #expect(PlainWords.skip(bytes, from: 17) { !PlainWords.contains($0, UInt8(ascii: "<")) } == 25)
            #expect(PlainWords.skip(UnsafeBufferPointer(rebasing: bytes[0..<5]), from: 0) { _ in true } == 0)
        }
    }
}
