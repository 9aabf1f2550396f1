import BulletinModel
import ContentLoading
import Foundation
import Testing

@testable import IndicatorEngine

/// The indexing prefilter as a specification. Soundness first: whenever a pattern matches a host's
/// objects (each case below is checked by hand against STIX semantics and the reference matcher),
/// the index names it. Then selectivity: anchored patterns are not named for objects that cannot
/// satisfy them.
@Suite struct RuleIndexTests {
    /// One pattern against one host's objects.
    struct Case: CustomTestStringConvertible, Sendable {
        var pattern: String
        var objects: [STIXObject]
        var testDescription: String { "\(pattern) on \(objects.map(\.type))" }

        init(_ pattern: String, _ objects: STIXObject...) {
            self.pattern = pattern
            self.objects = objects
        }
    }

    static let hash = "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0"
    static let userAgent = "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'"

    // MARK: Soundness: every match is a candidate

    @Test(arguments: [
        // = and IN, strings: exact, through nested objects, references and extensions.
        Case("[file:hashes.'SHA-256' = '\(hash)']", file(["hashes": .object(["SHA-256": .string(hash)])])),
        Case("[file:hashes.'SHA-256' IN ('00', '\(hash)')]", file(["hashes": .object(["SHA-256": .string(hash)])])),
        Case("[file:name = 'supp0rt.aspx' OR file:name = 'x']", file(["name": .string("supp0rt.aspx")])),
        Case("[network-traffic:src_ref.value = '198.51.100.7']", traffic(["src_ref": .object(["value": .string("198.51.100.7")])])),
        Case("[\(userAgent) IN ('python-requests/2.25.1', 'ExchangeServicesClient/0.0.0.0')]", request(userAgent: "python-requests/2.25.1")),
        Case("[file:name = 'caf\u{E9}']", file(["name": .string("caf\u{E9}")])),
        // Numbers: integers and floats compare numerically; IN lets true equal 1.
        Case("[file:size = 1712]", file(["size": .integer(1712)])),
        Case("[file:size = 1712]", file(["size": .float(1712)])),
        Case("[file:size = 1712.0]", file(["size": .integer(1712)])),
        Case("[x-windows-event:event_id IN (4688, 1102)]", object("x-windows-event", ["event_id": .integer(1102)])),
        Case("[x-flag:set = true]", object("x-flag", ["set": .boolean(true)])),
        Case("[x-flag:set IN (1)]", object("x-flag", ["set": .boolean(true)])),
        // Timestamps: the evaluator compares instants.
        Case("[file:mtime = t'2021-03-03T07:02:11Z']", file(["mtime": .timestamp("2021-03-03T07:02:11Z")])),
        Case("[file:mtime = '2021-03-03T07:02:11.000Z']", file(["mtime": .timestamp("2021-03-03T07:02:11Z")])),
        // Lists: `[*]`, `[n]`, and lists of objects.
        Case("[network-traffic:protocols[*] = 'tcp']", traffic(["protocols": .list([.string("ipv4"), .string("tcp")])])),
        Case("[network-traffic:protocols[1] = 'tcp']", traffic(["protocols": .list([.string("ipv4"), .string("tcp")])])),
        Case("[x-mail:to_refs[*].value = 'a@example.org']",
             object("x-mail", ["to_refs": .list([.object(["value": .string("b@example.org")]), .object(["value": .string("a@example.org")])])])),
        // LIKE: wildcards anywhere, prefixes, `_`, no escape character.
        Case("[file:name LIKE '%.aspx']", file(["name": .string("supp0rt.aspx")])),
        Case("[file:parent_directory_ref.path LIKE 'C:\\\\inetpub\\\\wwwroot\\\\aspnet_client%' AND file:name LIKE '%.aspx']",
             file(["name": .string("x.aspx"), "parent_directory_ref": .object(["path": .string("C:\\inetpub\\wwwroot\\aspnet_client\\system_web")])])),
        Case("[x-log-line:text LIKE 'Download failed and temporary file%']", logLine("Download failed and temporary file 'C:\\x' needs removing")),
        Case("[network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%/%']", traffic(["x_fields": .object(["AnchorMailbox": .string("ServerInfo~a]@mail01:444/ecp/y.js")])])),
        Case("[file:name LIKE 'a_c']", file(["name": .string("abc")])),
        Case("[file:name LIKE 'abc']", file(["name": .string("abc")])),
        Case("[file:name LIKE '%']", file(["name": .string("")])),
        Case("[file:name LIKE '100%_off']", file(["name": .string("100% off")])),
        // LIKE sees NFC: a decomposed value matches a precomposed literal, KELVIN SIGN matches K.
        Case("[file:name LIKE 'caf\u{E9}%']", file(["name": .string("cafe\u{301}.txt")])),
        Case("[file:name LIKE '%\u{212A}ey%']", file(["name": .string("Key.txt")])),
        // MATCHES: case-insensitive, escaped punctuation, quantifiers, groups, alternation.
        Case("[file:x_path MATCHES '(?i)^[a-z]:\\\\\\\\inetpub\\\\\\\\wwwroot\\\\\\\\aspnet_client\\\\\\\\.*\\\\.aspx$']",
             file(["x_path": .string("C:\\INETPUB\\wwwroot\\Aspnet_Client\\shell.aspx")])),
        Case("[process:command_line MATCHES 'cmd|powershell']", object("process", ["command_line": .string("powershell -enc AAAA")])),
        Case("[process:command_line MATCHES 'power(shell)?\\\\.exe']", object("process", ["command_line": .string("power.exe")])),
        Case("[file:name MATCHES 'ab+c']", file(["name": .string("xabbbc")])),
        Case("[file:name MATCHES 'abc?d']", file(["name": .string("abd")])),
        Case("[file:name MATCHES 'xa{0,2}yz']", file(["name": .string("xyz")])),
        Case("[file:name MATCHES 'x(?:ab|cd)y']", file(["name": .string("xcdy")])),
        Case("[file:name MATCHES '\\\\d+\\\\.exe$']", file(["name": .string("123.exe")])),
        Case("[file:name MATCHES '[]x]ab']", file(["name": .string("]ab")])),
        Case("[file:name MATCHES '(?x) a b c']", file(["name": .string("abc")])),
        // ISSUBSET: addresses and blocks inside a block, IPv4 and IPv6.
        Case("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", address("198.51.100.7")),
        Case("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", address("198.51.100.0/28")),
        Case("[ipv4-addr:value ISSUBSET '198.51.100.9/24']", address("198.51.100.200")),
        Case("[network-traffic:src_ref.value ISSUBSET '10.0.0.0/8']", traffic(["src_ref": .object(["value": .string("10.1.2.3")])])),
        Case("[ipv6-addr:value ISSUBSET '2001:db8::/32']", object("ipv6-addr", ["value": .string("2001:db8:0:1::7")])),
        // Operators that only need the property.
        Case("[file:size > 1000]", file(["size": .integer(1712)])),
        Case("[EXISTS file:name]", file(["name": .string("x")])),
        Case("[EXISTS network-traffic:protocols]", traffic(["protocols": .list([])])),
        Case("[ipv4-addr:value ISSUPERSET '10.0.0.1']", address("10.0.0.0/8")),
        Case("[file:mtime IN (t'2021-03-03T07:02:11Z')]", file(["mtime": .timestamp("2021-03-03T07:02:11Z")])),
        // AND and OR inside brackets.
        Case("[file:name = 'a' AND file:size = 5]", file(["name": .string("a"), "size": .integer(5)])),
        Case("[file:name = 'a' OR file:size = 5]", file(["name": .string("b"), "size": .integer(5)])),
        Case("[(file:name = 'a' OR file:name LIKE 'b%') AND file:size < 10]", file(["name": .string("bc"), "size": .integer(5)])),
        Case("[file:name = 'a' AND file:name != 'b']", file(["name": .string("a")])),
        // Between observations.
        Case("[file:name = 'a'] AND [ipv4-addr:value = '10.0.0.1']", file(["name": .string("a")]), address("10.0.0.1")),
        Case("[file:name = 'a'] OR [ipv4-addr:value = '10.0.0.1']", address("10.0.0.1")),
        Case("[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] WITHIN 60 SECONDS", file(["name": .string("a")]), file(["name": .string("b")])),
        Case("[file:name = 'a'] REPEATS 2 TIMES", file(["name": .string("a")]), file(["name": .string("a")])),
        Case("([file:name = 'a'] OR [file:name = 'b']) AND [file:size = 1]", file(["name": .string("b")]), file(["size": .integer(1)])),
    ])
    func everyMatchIsACandidate(_ check: Case) throws {
        let index = RuleIndex(patterns: [try PatternParser.parse(check.pattern)])
        #expect(index.candidates(for: check.objects) == [0])
    }

    @Test(arguments: [
        "[file:name NOT = 'a']", "[file:name != 'a']", "[NOT EXISTS file:name]", "[file:name NOT LIKE '%.aspx']",
        "[file:name = 'a' OR file:name != 'b']", "[file:name = 'a'] OR [file:name NOT = 'b']",
        "[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']",
    ])
    func negationsAreAlwaysCandidates(_ pattern: String) throws {
        let index = RuleIndex(patterns: [try PatternParser.parse(pattern)])
        #expect(index.unanchored == [0])
        #expect(index.candidates(for: []) == [0])
        #expect(index.candidates(for: [Self.address("10.0.0.1")]) == [0])
    }

    // MARK: Selectivity: no candidates where no anchor holds

    @Test(arguments: [
        Case("[file:hashes.'SHA-256' = '\(hash)']", file(["hashes": .object(["SHA-256": .string(String(hash.reversed()))])])),
        Case("[file:hashes.'SHA-256' = '\(hash)']", file(["hashes": .object(["SHA-1": .string(hash)])])),
        Case("[file:hashes.'SHA-256' = '\(hash)']", object("x-file", ["hashes": .object(["SHA-256": .string(hash)])])),
        Case("[file:hashes.'SHA-256' = '\(hash.uppercased())']", file(["hashes": .object(["SHA-256": .string(hash)])])),
        Case("[file:name = 'abc']", file(["name": .string("abc ")])),
        Case("[file:name = '5']", file(["name": .integer(5)])),
        Case("[file:size = 5]", file(["size": .string("5")])),
        Case("[file:size = 5]", file(["size": .integer(6)])),
        Case("[file:name LIKE '%.aspx']", file(["name": .string("shell.ASPX")])),
        Case("[file:name LIKE 'C:%']", file(["name": .string("D:\\C:")])),
        Case("[x-log-line:text LIKE 'Download failed%']", logLine("Upload failed")),
        Case("[\(userAgent) MATCHES 'python-requests']", request(userAgent: "curl/7.68.0")),
        Case("[file:x_path MATCHES '(?i)aspnet_client']", file(["x_path": .string("C:\\inetpub\\wwwroot\\owa")])),
        Case("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", address("198.51.101.7")),
        Case("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", object("ipv6-addr", ["value": .string("198.51.100.7")])),
        Case("[ipv6-addr:value ISSUBSET '2001:db8::/32']", object("ipv6-addr", ["value": .string("2001:db9::1")])),
        Case("[file:size > 1000]", file(["name": .string("x")])),
        Case("[file:name = 'a' AND file:size = 5]", file(["name": .string("b"), "size": .integer(6)])),
        Case("[file:name = 'a'] AND [ipv4-addr:value = '10.0.0.1']", file(["name": .string("b")]), address("10.0.0.2")),
        Case("[file:name = 'a'] OR [ipv4-addr:value = '10.0.0.1']", file(["name": .string("b")])),
    ])
    func unrelatedObjectsAreNoCandidates(_ check: Case) throws {
        let index = RuleIndex(patterns: [try PatternParser.parse(check.pattern)])
        #expect(index.unanchored.isEmpty)
        #expect(index.candidates(for: check.objects).isEmpty)
    }

    // MARK: Values the index cannot read pass

    @Test func unreadableValuesPassTheirNodesTests() throws {
        let index = RuleIndex(patterns: try [
            "[ipv4-addr:value ISSUBSET '10.0.0.0/8']", "[file:name LIKE '%.aspx']", "[file:name = 'x']",
        ].map(PatternParser.parse))
        // inet_aton would read `010.1` as 8.0.0.1; the index does not guess.
        #expect(index.candidates(for: [Self.address("010.1")]) == [0])
        // Non-ASCII text may match an ASCII literal after normalisation.
        #expect(index.candidates(for: [Self.file(["name": .string("\u{1F600}.aspy")])]) == [1])
        #expect(index.candidates(for: [Self.file(["name": .timestamp("2021-03-03T07:02:11Z")])]) == [1, 2])
    }

    /// Every `match` sample of the shipped indicators, which `bulletin verify` proves to match, has
    /// its indicator among the candidates of the whole shipped rule set.
    @Test func shippedIndicatorsAreCandidatesForTheirMatchSamples() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content").path
        let loaded = AdvisoryLoader().load(content: content)
        let indicators = loaded.advisories.flatMap(\.indicators)
        #expect(!indicators.isEmpty)
        let index = RuleIndex(patterns: try indicators.map { try PatternParser.parse($0.pattern) })
        for (number, indicator) in indicators.enumerated() {
            for sample in indicator.matchSamples {
                let objects = sample.host.observations.flatMap(ObservationView.objects(for:))
                    + sample.host.software.flatMap(ObservationView.objects(for:))
                #expect(index.candidates(for: objects).contains(number), "\(indicator.id) at \(sample.location)")
            }
        }
    }

    /// Non-ASCII values and keys go through Swift's string equality, which is never stricter than
    /// the evaluator's: canonically equal spellings stay candidates.
    @Test func nonASCIIEqualityIsNeverStricterThanSwift() throws {
        let index = RuleIndex(patterns: try ["[file:name = 'K']", "[file:name = 'caf\u{E9}']"].map(PatternParser.parse))
        #expect(index.candidates(for: [Self.file(["name": .string("\u{212A}")])]) == [0])
        #expect(index.candidates(for: [Self.file(["name": .string("cafe\u{301}")])]) == [1])
        #expect(index.candidates(for: [Self.file(["name": .string("caf\u{E9}")])]) == [1])
    }

    @Test func longChainsOfOrAreUnitedWithoutRecursion() throws {
        let terms = (0..<3000).map { "file:name = 'n\($0)'" }.joined(separator: " OR ")
        let index = RuleIndex(patterns: [try PatternParser.parse("[\(terms)]")])
        #expect(index.candidates(for: [Self.file(["name": .string("n2999")])]) == [0])
        #expect(index.candidates(for: [Self.file(["name": .string("n3000")])]).isEmpty)
    }

    // MARK: Many patterns

    @Test func candidatesAreSortedUniqueAndUnanchoredIncluded() throws {
        let index = RuleIndex(patterns: try [
            "[file:name != 'a']", "[file:name = 'a' OR file:name LIKE 'a%']", "[file:size = 1]", "[file:name = 'a']",
        ].map(PatternParser.parse))
        let host = [Self.file(["name": .string("a"), "size": .integer(1)]), Self.file(["name": .string("a")])]
        #expect(index.candidates(for: host) == [0, 1, 2, 3])
        #expect(index.candidates(forObjectsOf: [[host[0]], [host[1]]]) == [0, 1, 2, 3])
        #expect(index.candidates(for: [Self.file(["name": .string("b")])]) == [0])
    }

    @Test func aProbeAccumulatesOneHostAtATime() throws {
        let index = RuleIndex(patterns: try ["[file:name = 'a']", "[file:name = 'b']", "[file:name != 'c']"].map(PatternParser.parse))
        var probe = RuleIndex.Probe(index)
        var candidates: [Int] = []
        probe.add([Self.file(["name": .string("b")])])
        probe.add(Self.file(["name": .string("b")]))
        probe.drain(into: &candidates)
        #expect(candidates == [1, 2])
        probe.add(Self.file(["name": .string("a")]))
        #expect(probe.drain() == [0, 2])
        #expect(probe.drain() == [2])
    }

    @Test func hundredThousandHashIndicators() throws {
        var generator = SplitMix64(seed: 2021)
        let hashes = (0..<200_000).map { _ in SplitMix64.hex(&generator, bytes: 32) }
        // Even indicators test one hash with `=`, odd ones two with IN; indicator i owns hashes 2i and 2i+1.
        let patterns = try (0..<100_000).map { i in
            i.isMultiple(of: 2)
                ? try PatternParser.parse("[file:hashes.'SHA-256' = '\(hashes[2 * i])']")
                : try PatternParser.parse("[file:hashes.'SHA-256' IN ('\(hashes[2 * i])', '\(hashes[2 * i + 1])')]")
        }
        let index = RuleIndex(patterns: patterns)
        #expect(index.unanchored.isEmpty)
        for i in stride(from: 0, to: 100_000, by: 997) {
            let owned = i.isMultiple(of: 2) ? [2 * i] : [2 * i, 2 * i + 1]
            for hash in owned {
                #expect(index.candidates(for: [Self.file(["hashes": .object(["SHA-256": .string(hashes[hash])])])]) == [i])
            }
            if i.isMultiple(of: 2) {
                #expect(index.candidates(for: [Self.file(["hashes": .object(["SHA-256": .string(hashes[2 * i + 1])])])]).isEmpty)
            }
        }
        let host = (0..<50).map { Self.file(["hashes": .object(["SHA-256": .string(hashes[4 * $0 + 3])])]) }
        #expect(index.candidates(for: host) == (0..<50).map { 2 * $0 + 1 })
        #expect(index.candidates(for: [Self.file(["hashes": .object(["SHA-256": .string(String(repeating: "0", count: 64))])])]).isEmpty)
    }

    // MARK: Fixtures

    static func object(_ type: String, _ properties: [String: STIXValue]) -> STIXObject {
        var properties = properties
        properties["type"] = .string(type)
        return STIXObject(type: type, properties: properties)
    }

    static func file(_ properties: [String: STIXValue]) -> STIXObject { object("file", properties) }
    static func traffic(_ properties: [String: STIXValue]) -> STIXObject { object("network-traffic", properties) }
    static func address(_ value: String) -> STIXObject { object("ipv4-addr", ["value": .string(value)]) }
    static func logLine(_ text: String) -> STIXObject { object("x-log-line", ["text": .string(text)]) }

    static func request(userAgent: String) -> STIXObject {
        traffic(["extensions": .object(["http-request-ext": .object([
            "request_method": .string("POST"), "request_header": .object(["User-Agent": .string(userAgent)]),
        ])])])
    }
}

/// A small deterministic generator for test data (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `bytes` random bytes in lower-case hex.
    static func hex(_ generator: inout SplitMix64, bytes: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for _ in 0..<bytes {
            let byte = generator.next() & 0xff
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
