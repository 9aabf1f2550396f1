import Testing

@testable import IndicatorEngine

/// Which object types a pattern may name, and what a typo is taken for.
@Suite struct ObjectTypeCatalogTests {
    @Test(arguments: ObjectTypeCatalog.standardTypes + ["x-log-line", "x-windows-event", "x-detection", "x-a1", "x-http-request", "x-web_log"])
    func knownTypes(name: String) {
        #expect(ObjectTypeCatalog.verdict(for: name) == .known)
    }

    @Test(arguments: ["x-", "x-Log", "x-log.line", "x-é"])
    func malformedCustomTypes(name: String) {
        #expect(ObjectTypeCatalog.verdict(for: name) == .malformedCustom)
    }

    @Test(arguments: [
        ("fle", "file"), ("files", "file"), ("FILE", "file"), ("proces", "process"), ("ipv4addr", "ipv4-addr"),
        ("ipv6-address", "ipv6-addr"), ("networktraffic", "network-traffic"), ("uri", "url"), ("mutexe", "mutex"),
        ("domain", "domain-name"), ("x509", "x509-certificate"), ("user", "user-account"),
    ])
    func typosSuggestTheIntendedType(typed: String, meant: String) {
        #expect(ObjectTypeCatalog.verdict(for: typed) == .unknown(suggestion: meant))
    }

    @Test(arguments: ["foo", "log-line", "email", "http-request", "ip"])
    func unrelatedNamesGetNoSuggestion(name: String) {
        // "email" could be email-addr or email-message; guessing would mislead half the time.
        #expect(ObjectTypeCatalog.verdict(for: name) == .unknown(suggestion: nil))
    }

    @Test func editDistanceCountsSingleEdits() {
        let distance = { (a: String, b: String) in ObjectTypeCatalog.editDistance(Array(a.utf8), Array(b.utf8)) }
        #expect(distance("", "") == 0)
        #expect(distance("file", "file") == 0)
        #expect(distance("fle", "file") == 1)
        #expect(distance("flie", "file") == 2)
        #expect(distance("", "url") == 3)
        #expect(distance("kitten", "sitting") == 3)
    }
}
