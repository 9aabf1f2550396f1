/// An IPv4 or IPv6 address block in CIDR notation (`198.51.100.0/24`, `2001:db8::/32`); a plain
/// address is the block of just itself. The operand and the values of `ISSUBSET` and `ISSUPERSET`,
/// the key of the rule index's range tables, and the networks of the organisation directory.
///
/// Both families live in one 128-bit space, IPv4 as IPv4-mapped IPv6 (`::ffff:a.b.c.d`), so that
/// one sorted table can hold blocks of either; `prefixLength` counts bits of that space (an IPv4
/// `/24` is 120). Containment still keeps the families apart: a block written in IPv4 never
/// contains an address written in IPv6, as the STIX types `ipv4-addr` and `ipv6-addr` differ.
/// Host bits below the prefix are ignored, as the reference matcher ignores them:
/// `198.51.100.7/24` is the block `198.51.100.0/24`.
public struct AddressRange: Hashable, Sendable {
    /// Whether the block was written as IPv4.
    public let isIPv4: Bool
    /// The first address of the block, in the shared 128-bit space.
    public let lower: UInt128
    /// How many leading bits of the 128-bit space are fixed.
    public let prefixLength: Int

    /// The last address of the block.
    public var upper: UInt128 { lower | ~AddressRange.mask(prefixLength) }

    /// Parses `address` or `address/prefix` of either family; `nil` for anything else.
    public init?(cidr text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address: UInt128
        let width: Int
        if let v4 = AddressRange.parseIPv4(String(parts[0])) {
            (isIPv4, address, width) = (true, AddressRange.ipv4Mapped | UInt128(v4), 32)
        } else if let v6 = AddressRange.parseIPv6(String(parts[0])) {
            (isIPv4, address, width) = (false, v6, 128)
        } else {
            return nil
        }
        var prefix = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(parts[1]), value <= width
            else { return nil }
            prefix = value
        }
        prefixLength = 128 - width + prefix
        lower = address & AddressRange.mask(prefixLength)
    }

    /// The first address of `text` (an address or a block) in the shared space, for lookups.
    public static func address(of text: String) -> UInt128? {
        AddressRange(cidr: text)?.lower
    }

    /// Whether every address of `other` lies in this block (and both are of one family).
    public func contains(_ other: AddressRange) -> Bool {
        isIPv4 == other.isIPv4 && prefixLength <= other.prefixLength
            && other.lower & AddressRange.mask(prefixLength) == lower
    }

    /// `::ffff:0:0`, where IPv4 addresses live in the shared space.
    private static let ipv4Mapped: UInt128 = 0xFFFF_0000_0000

    /// The mask of the first `prefix` bits of the shared space.
    static func mask(_ prefix: Int) -> UInt128 {
        prefix == 0 ? 0 : ~((UInt128(1) << (128 - prefix)) &- 1)
    }

    /// Dotted-quad IPv4: four decimal numbers 0-255.
    public static func parseIPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let byte = UInt32(part), byte <= 255
            else { return nil }
            value = value << 8 | byte
        }
        return value
    }

    /// IPv6 text (RFC 4291 section 2.2): eight groups of up to four hex digits, at most one `::`
    /// for a run of zero groups, optionally ending in a dotted-quad IPv4 address. Zone ids
    /// (`%eth0`) are refused.
    public static func parseIPv6(_ text: String) -> UInt128? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(":"), !scalars.contains("%") else { return nil }
        var halves: [[Unicode.Scalar]] = [[]]
        var index = 0
        while index < scalars.count {
            if scalars[index] == ":", index + 1 < scalars.count, scalars[index + 1] == ":" {
                guard halves.count == 1 else { return nil }
                halves.append([])
                index += 2
            } else {
                halves[halves.count - 1].append(scalars[index])
                index += 1
            }
        }
        func groups(_ part: [Unicode.Scalar], allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                let text = String(String.UnicodeScalarView(piece))
                if allowIPv4, position == pieces.count - 1, text.contains(".") {
                    guard let v4 = parseIPv4(text) else { return nil }
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard (1...4).contains(piece.count), let group = UInt16(text, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        let words: [UInt16]
        if halves.count == 2 {
            guard let head = groups(halves[0], allowIPv4: false), let tail = groups(halves[1], allowIPv4: true),
                head.count + tail.count <= 7
            else { return nil }
            words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = groups(halves[0], allowIPv4: true), all.count == 8 else { return nil }
            words = all
        }
        return words.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }
}
