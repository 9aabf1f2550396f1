import Testing

import BulletinModel

/// CIDR blocks of both families: containment as ISSUBSET and ISSUPERSET need it, and the shared
/// 128-bit space the rule index sorts blocks in.
@Suite struct AddressRangeTests {
    @Test(arguments: [
        ("198.51.100.0/24", "198.51.100.7", true),
        ("198.51.100.0/24", "198.51.101.7", false),
        ("198.51.100.0/24", "198.51.100.0/28", true),
        ("198.51.100.0/28", "198.51.100.0/24", false),
        ("198.51.100.7/24", "198.51.100.200", true),
        ("0.0.0.0/0", "203.0.113.9", true),
        ("198.51.100.7", "198.51.100.7", true),
        ("198.51.100.7", "198.51.100.8", false),
        ("2001:db8::/32", "2001:db8:0:1::7", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("2001:DB8::/32", "2001:db8::1", true),
        ("::/0", "::1", true),
        ("::ffff:0:0/96", "198.51.100.7", false),
        ("198.51.100.0/24", "::ffff:198.51.100.7", false),
    ])
    func containment(block: String, member: String, contains: Bool) throws {
        let block = try #require(AddressRange(cidr: block))
        let member = try #require(AddressRange(cidr: member))
        #expect(block.contains(member) == contains)
    }

    @Test(arguments: [
        "", "mail01", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x", "2001:db8::/129",
        "1::2::3", "fe80::1%eth0", "12345::", "g::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1.2.3.4:5",
    ])
    func refused(text: String) {
        #expect(AddressRange(cidr: text) == nil)
    }

    /// IPv4 lives at `::ffff:a.b.c.d`, prefixes count bits of the 128-bit space, and a value's
    /// lookup address is its block's first address.
    @Test func sharedSpaceForTheIndex() throws {
        let v4: UInt128 = 0xFFFF << 32
        let block = try #require(AddressRange(cidr: "198.51.100.9/24"))
        #expect(block.lower == v4 | 0xC633_6400)
        #expect(block.upper == v4 | 0xC633_64FF)
        #expect(block.prefixLength == 120)
        #expect(AddressRange.address(of: "198.51.100.7") == v4 | 0xC633_6407)
        #expect(AddressRange.address(of: "::ffff:198.51.100.7") == v4 | 0xC633_6407)
        #expect(AddressRange(cidr: "2001:db8::/32")?.lower == 0x2001_0DB8 << 96)
        #expect(AddressRange(cidr: "::/0")?.upper == .max)
    }
}
