import Testing

@testable import BulletinModel

/// Parsing and comparing versions by scheme.
@Suite struct VersionTests {
    @Test(arguments: [
        ("15.2.792.10", [15, 2, 792, 10], false),
        ("15.02.0792.010", [15, 2, 792, 10], false),
        ("15.1.2176", [15, 1, 2176], true),
        (" 15.1.2176.9 ", [15, 1, 2176, 9], false),
        ("15.2.792.123456789", [15, 2, 792, 123_456_789], false),
    ])
    func parsesExchangeBuilds(_ text: String, _ parts: [Int], _ partial: Bool) throws {
        let version = try #require(Version.parse(text, scheme: .exchangeBuild))
        #expect(version.parts == parts)
        #expect(version.isPartial == partial)
    }

    @Test(arguments: [
        "", "15", "15.2.792.10.1", "15.2.x.10", "15..792.10", "-15.2.792.10", "15.2.792.1234567890", "15.2.792.", ".15.2.792",
        "15.2.792.1\u{663}", "15.2.792.10\u{301}", "15.2.792.+1",
    ])
    func rejectsWhatIsNotAnExchangeBuild(_ text: String) {
        #expect(Version.parse(text, scheme: .exchangeBuild) == nil)
    }

    @Test(arguments: [
        ("15.2.792.3", "15.2.792.10", Version.Comparison.less),
        ("15.2.792.10", "15.02.0792.010", .equal),
        ("15.2.858.5", "15.2.792.10", .greater),
        ("15.1.2176", "15.1.2176.9", .undecided),
        ("15.1.2106", "15.1.2176.9", .less),
    ])
    func comparesPartByPart(_ a: String, _ b: String, _ expected: Version.Comparison) throws {
        let left = try #require(Version.parse(a, scheme: .exchangeBuild))
        let right = try #require(Version.parse(b, scheme: .exchangeBuild))
        #expect(left.compare(to: right) == expected)
    }

    @Test(arguments: [
        ("1.0.0-alpha", "1.0.0-alpha.1", Version.Comparison.less),
        ("1.0.0-alpha.1", "1.0.0-alpha.beta", .less),
        ("1.0.0-beta.2", "1.0.0-beta.11", .less),
        ("1.0.0-rc.1", "1.0.0", .less),
        ("v2.1.0", "2.1.0+build.5", .equal),
        ("1.10.0", "1.9.9", .greater),
        ("1.2", "1.2.0", .equal),
    ])
    func comparesSemanticVersionsAsSemVer2Says(_ a: String, _ b: String, _ expected: Version.Comparison) throws {
        let left = try #require(Version.parse(a, scheme: .semver))
        let right = try #require(Version.parse(b, scheme: .semver))
        #expect(left.compare(to: right) == expected)
    }

    @Test func comparesDottedNumbersOfAnyLength() throws {
        let a = try #require(Version.parse("10.0.17763.1697", scheme: .dotted))
        let b = try #require(Version.parse("10.0.17763.2000", scheme: .dotted))
        #expect(a.compare(to: b) == .less)
    }
}
