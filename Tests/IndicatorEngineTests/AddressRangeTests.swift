import Testing

@testable import IndicatorEngine

/// Addresses and CIDR blocks, the operands of ISSUBSET and ISSUPERSET.
@Suite struct AddressRangeTests {
    @Test(arguments: [
        ("198.51.100.0/24", "198.51.100.7", true), ("198.51.100.0/24", "198.51.101.7", false),
        ("198.51.100.9/24", "198.51.100.200", true), ("198.51.100.0/24", "198.51.100.0/28", true),
        ("198.51.100.0/28", "198.51.100.0/24", false), ("0.0.0.0/0", "255.255.255.255", true),
        ("10.0.0.1", "10.0.0.1", true), ("10.0.0.1", "10.0.0.2", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("::/0", "::1", true), ("::ffff:0:0/96", "1.2.3.4", false), ("0.0.0.0/0", "::ffff:1.2.3.4", false),
        ("2001:db8::1.2.3.0/120", "2001:db8::102:3ff", true),
    ])
    func containment(block: String, member: String, contains: Bool) throws {
        let outer = try #require(AddressRange(cidr: block))
        let inner = try #require(AddressRange(cidr: member))
        #expect(outer.contains(inner) == contains)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x", "1.2.3.-4", "01234.1.1.1",
        "2001:db8::1::1", "2001:db8:::1", "12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "::/129", "x",
    ])
    func refused(text: String) {
        #expect(AddressRange(cidr: text) == nil)
    }

    @Test func sharedSpaceForTheIndex() throws {
        let block = try #require(AddressRange(cidr: "198.51.100.0/24"))
        #expect(block.prefixLength == 120)
        #expect(block.lower == 0xFFFF_C633_6400)
        #expect(block.upper == 0xFFFF_C633_64FF)
        #expect(AddressRange.address(of: "198.51.100.7") == 0xFFFF_C633_6407)
    }
}
