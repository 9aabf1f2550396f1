import CCrypto

extension SHA256 {
    /// A digest as its 32 bytes rather than its 64 hex digits: a build keeps three per
    /// organisation for the manifest, and as `String`s they were an eighth of its memory.
    public struct Digest: Equatable, Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        /// The digest of `bytes`.
        public init(of bytes: [UInt8]) {
            var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
            bytes.withUnsafeBufferPointer { buffer in
                _ = CCrypto.SHA256(buffer.baseAddress, buffer.count, &digest)
            }
            self.init(bytes: digest)
        }

        /// The digest whose lower-case hex form is `hex`; `nil` for anything else.
        public init?(hex: String) {
            let digits = Array(hex.utf8)
            guard digits.count == 64 else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32)
            for pair in stride(from: 0, to: 64, by: 2) {
                guard let high = Self.value(of: digits[pair]), let low = Self.value(of: digits[pair + 1]) else { return nil }
                bytes.append(high << 4 | low)
            }
            self.init(bytes: bytes)
        }

        init(bytes: [UInt8]) {
            precondition(bytes.count == 32)
            func word(_ start: Int) -> UInt64 {
                bytes[start..<(start + 8)].reduce(0) { $0 << 8 | UInt64($1) }
            }
            words = (word(0), word(8), word(16), word(24))
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.words == rhs.words
        }

        /// The bytes, in order.
        var bytes: [UInt8] {
            [words.0, words.1, words.2, words.3].flatMap { word in stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) } }
        }

        /// The lower-case hex form, as the manifest and stored summaries write it.
        public var hex: String {
            SHA256.hexDigits(bytes)
        }

        private static func value(of digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
    }
}
