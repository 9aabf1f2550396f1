import BulletinModel
import Testing

@testable import IndicatorEngine

/// The matching semantics as truth tables: every comparison operator with and without NOT, absent
/// and mistyped properties, lists and references, then observation operators and qualifiers.
/// (`OracleTests` checks the same ground against the OASIS reference matcher; these tables are the
/// readable specification.)
@Suite struct MatcherTests {
    /// A pattern and whether it must match.
    struct Row: CustomTestStringConvertible, Sendable {
        var pattern: String
        var matches: Bool
        var testDescription: String { "\(pattern) -> \(matches)" }

        init(_ pattern: String, _ matches: Bool) {
            self.pattern = pattern
            self.matches = matches
        }
    }

    // MARK: Comparisons on one object

    /// An event with `event_id` 4007, `level` 'Error' and `message` 'Watson report'.
    static let event = Fixture.host(Fixture.event)

    @Test(arguments: [
        Row("[x-windows-event:level = 'Error']", true), Row("[x-windows-event:level NOT = 'Error']", false),
        Row("[x-windows-event:level = 'error']", false), Row("[x-windows-event:level NOT = 'error']", true),
        Row("[x-windows-event:level != 'Error']", false), Row("[x-windows-event:level NOT != 'Error']", true),
        Row("[x-windows-event:event_id = 4007]", true), Row("[x-windows-event:event_id = 4007.0]", true),
        Row("[x-windows-event:event_id < 4008]", true), Row("[x-windows-event:event_id NOT < 4008]", false),
        Row("[x-windows-event:event_id <= 4007]", true), Row("[x-windows-event:event_id > 4007]", false),
        Row("[x-windows-event:event_id NOT > 4007]", true), Row("[x-windows-event:event_id >= 4007.5]", false),
        Row("[x-windows-event:level < 'F']", true), Row("[x-windows-event:level > 'Errors']", false),
        Row("[x-windows-event:level IN ('Warning', 'Error')]", true), Row("[x-windows-event:level NOT IN ('Warning', 'Error')]", false),
        Row("[x-windows-event:level IN ()]", false), Row("[x-windows-event:level NOT IN ()]", true),
        Row("[x-windows-event:event_id IN (4007.0, 1)]", true),
        Row("[x-windows-event:message LIKE 'Watson%']", true), Row("[x-windows-event:message NOT LIKE 'Watson%']", false),
        Row("[x-windows-event:message LIKE 'W_tson report']", true), Row("[x-windows-event:message LIKE 'watson%']", false),
        Row("[x-windows-event:message MATCHES 'son rep']", true), Row("[x-windows-event:message NOT MATCHES 'son rep']", false),
        Row("[x-windows-event:message MATCHES '^son']", false), Row("[x-windows-event:message MATCHES '(?i)^WATSON']", true),
        Row("[EXISTS x-windows-event:level]", true), Row("[NOT EXISTS x-windows-event:level]", false),
    ])
    func operatorsOnPresentValues(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Self.event) == row.matches)
    }

    /// No comparison holds for a property the object does not have, negated or not; only NOT
    /// EXISTS does.
    @Test(arguments: [
        "[x-windows-event:channel = 'x']", "[x-windows-event:channel NOT = 'x']", "[x-windows-event:channel != 'x']",
        "[x-windows-event:channel < 'x']", "[x-windows-event:channel NOT < 'x']", "[x-windows-event:channel IN ('x')]",
        "[x-windows-event:channel NOT IN ('x')]", "[x-windows-event:channel LIKE '%']", "[x-windows-event:channel NOT LIKE 'x']",
        "[x-windows-event:channel MATCHES '']", "[x-windows-event:channel NOT MATCHES 'x']",
        "[x-windows-event:channel ISSUBSET '0.0.0.0/0']", "[x-windows-event:channel NOT ISSUBSET '10.0.0.0/8']",
        "[EXISTS x-windows-event:channel]", "[x-windows-event:level.x = 'Error']",
    ])
    func absentPropertiesSatisfyNothing(pattern: String) throws {
        let host = Fixture.host(.event(Observation.WindowsEvent(eventID: 4007, level: "Error")))
        #expect(try Fixture.matches(pattern, host) == false)
        #expect(try Fixture.matches("[NOT EXISTS x-windows-event:channel]", host))
    }

    /// Comparisons of values and literals of different types, as the reference matcher has them:
    /// "not equal" for = and IN (so NOT and != hold), "no order" for < and > (false even under NOT).
    @Test(arguments: [
        Row("[x-windows-event:event_id = '4007']", false), Row("[x-windows-event:event_id != '4007']", true),
        Row("[x-windows-event:event_id NOT = '4007']", true), Row("[x-windows-event:level = 1]", false),
        Row("[x-windows-event:level = true]", false), Row("[x-windows-event:level != false]", true),
        Row("[x-windows-event:level < 5]", false), Row("[x-windows-event:level NOT < 5]", false),
        Row("[x-windows-event:event_id > 'a']", false), Row("[x-windows-event:event_id NOT > 'a']", false),
        Row("[x-windows-event:event_id IN ('4007')]", false), Row("[x-windows-event:event_id NOT IN ('4007')]", true),
        Row("[x-windows-event:event_id LIKE '40%']", false), Row("[x-windows-event:event_id NOT LIKE '40%']", true),
        Row("[x-windows-event:event_id MATCHES '4']", false), Row("[x-windows-event:event_id NOT MATCHES '4']", true),
        Row("[x-windows-event:level ISSUBSET '10.0.0.0/8']", false), Row("[x-windows-event:level NOT ISSUBSET '10.0.0.0/8']", true),
        Row("[x-windows-event:level = t'2021-03-03T00:00:00Z']", false),
    ])
    func mismatchedTypes(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Self.event) == row.matches)
    }

    /// Hex and binary literals compare with strings whose code points spell their bytes.
    @Test(arguments: [
        Row("[x-windows-event:level = h'4572726f72']", true), Row("[x-windows-event:level = b'RXJyb3I=']", true),
        Row("[x-windows-event:level != h'4572726f72']", false), Row("[x-windows-event:level < h'46']", true),
        Row("[x-windows-event:level IN (h'4572726f72')]", false), Row("[x-windows-event:event_id = h'0fa7']", false),
    ])
    func binaryLiterals(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Self.event) == row.matches)
    }

    @Test(arguments: [
        Row("[file:mtime = t'2021-03-03T07:02:11Z']", true), Row("[file:mtime = t'2021-03-03T07:02:11.000Z']", true),
        Row("[file:mtime = '2021-03-03T07:02:11Z']", true), Row("[file:ctime < t'2021-03-03T07:00:00.000001Z']", true),
        Row("[file:ctime > t'2021-03-03T07:00:00Z']", false), Row("[file:mtime IN (t'2021-03-03T07:02:11Z')]", true),
        Row("[file:size NOT >= 1712.5]", true),
    ])
    func timestampsAndNumbers(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Fixture.host(Fixture.webShell)) == row.matches)
    }

    /// Addresses: IPv4 and IPv6 values inside or containing CIDR blocks.
    @Test(arguments: [
        Row("[ipv4-addr:value ISSUBSET '203.0.113.0/24']", true), Row("[ipv4-addr:value ISSUBSET '203.0.113.128/25']", false),
        Row("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", true), Row("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", true),
        Row("[network-traffic:src_ref.value ISSUBSET '203.0.113.7']", true),
        Row("[ipv4-addr:value ISSUPERSET '203.0.113.7/32']", true), Row("[ipv4-addr:value ISSUPERSET '203.0.113.0/24']", false),
        Row("[ipv6-addr:value ISSUBSET '2001:db8::/32']", false),
    ])
    func addressRanges(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Fixture.host(Fixture.request)) == row.matches)
    }

    @Test func ipv6Ranges() throws {
        let host = Fixture.host(.httpRequest(Observation.HTTPRequest(clientIP: "2001:db8::7")))
        #expect(try Fixture.matches("[ipv6-addr:value ISSUBSET '2001:db8::/32']", host))
        #expect(try Fixture.matches("[ipv6-addr:value ISSUBSET '2001:db9::/32']", host) == false)
        #expect(try Fixture.matches("[network-traffic:src_ref.value ISSUBSET '::/0']", host))
        #expect(try Fixture.matches("[network-traffic:src_ref.value ISSUBSET '0.0.0.0/0']", host) == false)
    }

    // MARK: Paths: lists, references, keys

    static let connection = Fixture.host(.connection(Observation.Connection(
        direction: "outbound", localIP: "198.51.100.10", localPort: 49700, remoteIP: "192.0.2.66", remotePort: 8080, proto: "tcp")))

    /// A list is compared element by element only through an index: a whole list equals no string.
    @Test(arguments: [
        Row("[network-traffic:protocols[*] = 'tcp']", true), Row("[network-traffic:protocols[0] = 'tcp']", true),
        Row("[network-traffic:protocols[1] = 'tcp']", false), Row("[network-traffic:protocols[1] NOT = 'tcp']", false),
        Row("[network-traffic:protocols[*] NOT = 'udp']", true), Row("[network-traffic:protocols = 'tcp']", false),
        Row("[network-traffic:protocols != 'tcp']", true), Row("[network-traffic:protocols IN ('tcp')]", false),
        Row("[network-traffic:dst_ref.value = '192.0.2.66' AND network-traffic:dst_port = 8080]", true),
        Row("[network-traffic:src_ref.type = 'ipv4-addr']", true), Row("[network-traffic:src_ref[0] = 'x']", false),
        Row("[ipv4-addr:value = '198.51.100.10']", true),
    ])
    func listsAndReferences(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Self.connection) == row.matches)
    }

    /// AND and OR inside brackets speak of one object; two objects of one observation do not combine.
    @Test(arguments: [
        Row("[network-traffic:x_status = 200 AND network-traffic:x_log = 'HttpProxy/Ecp']", true),
        Row("[network-traffic:x_status = 200 AND ipv4-addr:value = '203.0.113.7']", false),
        Row("[network-traffic:x_status = 404 OR ipv4-addr:value = '203.0.113.7']", true),
        Row("[network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%/%' AND network-traffic:x_fields.AnchorMailbox NOT LIKE 'ServerInfo~%/autodiscover%']", true),
        Row("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' IN ('python-requests/2.25.1')]", true),
    ])
    func comparisonsInsideBrackets(row: Row) throws {
        #expect(try Fixture.matches(row.pattern, Fixture.host(Fixture.request)) == row.matches)
    }

    // MARK: Observation operators and qualifiers

    static let log = "[x-log-line:log = 'OABGeneratorLog']"
    static let error = "[x-windows-event:level = 'Error']"

    /// AND and FOLLOWEDBY need distinct observations; FOLLOWEDBY allows equal times.
    @Test(arguments: [
        (Row(log + " AND " + error, true), [0, 10]), (Row(log + " AND " + log, false), [0, 10]),
        (Row(log + " OR [file:name = 'x']", true), [0, 10]),
        (Row(log + " FOLLOWEDBY " + error, true), [0, 10]), (Row(log + " FOLLOWEDBY " + error, true), [10, 10]),
        (Row(log + " FOLLOWEDBY " + error, false), [11, 10]), (Row(error + " FOLLOWEDBY " + log, true), [11, 10]),
        (Row("(" + log + " AND " + error + ") WITHIN 10 SECONDS", true), [0, 10]),
        (Row("(" + log + " AND " + error + ") WITHIN 9.5 SECONDS", false), [0, 10]),
        (Row(log + " FOLLOWEDBY " + error + " WITHIN 5 SECONDS", true), [0, 10]),
        (Row("(" + log + " FOLLOWEDBY " + error + ") WITHIN 5 SECONDS", false), [0, 10]),
        (Row(log + " START t'2021-03-03T07:00:00Z' STOP t'2021-03-03T07:00:10Z'", true), [0, 10]),
        (Row(error + " START t'2021-03-03T07:00:00Z' STOP t'2021-03-03T07:00:10Z'", false), [0, 10]),
        (Row(error + " START t'2021-03-03T07:00:10Z' STOP t'2021-03-03T07:00:11Z'", true), [0, 10]),
    ])
    func operatorsAcrossObservations(row: Row, seconds: [Int]) throws {
        let host = Fixture.host([(Fixture.logLine, Fixture.time(seconds[0])), (Fixture.event, Fixture.time(seconds[1]))])
        #expect(try Fixture.matches(row.pattern, host) == row.matches)
    }

    @Test(arguments: [
        (Row(log + " REPEATS 2 TIMES", true), [0, 30, 90]), (Row(log + " REPEATS 3 TIMES", true), [0, 30, 90]),
        (Row(log + " REPEATS 4 TIMES", false), [0, 30, 90]),
        (Row(log + " REPEATS 2 TIMES WITHIN 30 SECONDS", true), [0, 30, 90]),
        (Row(log + " REPEATS 3 TIMES WITHIN 60 SECONDS", false), [0, 30, 90]),
        (Row(log + " REPEATS 2 TIMES WITHIN 59 SECONDS", false), [0, 60, 120]),
    ])
    func repeats(row: Row, seconds: [Int]) throws {
        let host = Fixture.host(seconds.map { (Fixture.logLine, Fixture.time($0)) })
        #expect(try Fixture.matches(row.pattern, host) == row.matches)
    }

    /// An observation without a time satisfies what puts no time constraint on it, and nothing under
    /// FOLLOWEDBY, WITHIN or START/STOP.
    @Test(arguments: [
        Row(log, true), Row(log + " AND " + error, true), Row(log + " REPEATS 2 TIMES", true),
        Row(log + " FOLLOWEDBY " + error, false), Row(error + " FOLLOWEDBY " + log, false),
        Row(log + " WITHIN 1000000 SECONDS", false), Row(log + " START t'0001-01-01T00:00:00Z' STOP t'9999-01-01T00:00:00Z'", false),
        Row("(" + log + " WITHIN 1 SECONDS) OR " + error, true),
    ])
    func observationsWithoutTime(row: Row) throws {
        let host = Fixture.host([(Fixture.logLine, nil), (Fixture.otherLogLine, nil), (Fixture.event, Fixture.time(5))])
        #expect(try Fixture.matches(row.pattern, host) == row.matches)
    }

    // MARK: Evidence and findings

    @Test func evidenceIsEveryMatchingObservationOfASimplePattern() throws {
        let host = Fixture.host(Fixture.logLine, Fixture.event, Fixture.otherLogLine)
        #expect(try Fixture.evaluate(Self.log, host).evidence == [0, 2])
    }

    @Test func evidenceHoldsOnlyObservationsThatTakePartInABinding() throws {
        // Only the log line at 100 s has an error event after it within 10 s.
        let host = Fixture.host([
            (Fixture.logLine, Fixture.time(0)), (Fixture.event, Fixture.time(50)),
            (Fixture.otherLogLine, Fixture.time(100)), (Fixture.event, Fixture.time(105)), (Fixture.event, Fixture.time(200)),
        ])
        let evaluation = try Fixture.evaluate("(" + Self.log + " FOLLOWEDBY " + Self.error + ") WITHIN 10 SECONDS", host)
        #expect(evaluation == PatternEvaluation(matched: true, evidence: [2, 3], isComplete: true))
    }

    @Test func evidenceOfRepeatsAndOr() throws {
        let host = Fixture.host([
            (Fixture.logLine, Fixture.time(0)), (Fixture.otherLogLine, Fixture.time(5)), (Fixture.logLine, Fixture.time(100)),
            (Fixture.webShell, nil),
        ])
        #expect(try Fixture.evaluate(Self.log + " REPEATS 2 TIMES WITHIN 10 SECONDS", host).evidence == [0, 1])
        #expect(try Fixture.evaluate(Self.log + " OR [file:name = 'supp0rt.aspx']", host).evidence == [0, 1, 2, 3])
    }

    @Test func findingsCiteObservationsWhereTheyWereReadSortedByIndicator() throws {
        let indicators = [
            indicator("PL-2", "[file:name LIKE '%.aspx']"), indicator("PL-1", Self.log),
            indicator("PL-3", "[file:name = 'nothing']"),
        ]
        let (ruleSet, diagnostics) = RuleCompiler().compile(indicators)
        #expect(diagnostics.isEmpty)
        let host = Fixture.host(Fixture.logLine, Fixture.webShell, Fixture.otherLogLine)
        let findings = Matcher(ruleSet: ruleSet).findings(for: host)
        #expect(findings.map(\.indicatorID) == ["PL-1", "PL-2"])
        #expect(findings[0].evidence.map(\.origin.line) == [1, 3])
        #expect(findings[1].evidence == [host.observations[1]])
        #expect(findings[1].title == "PL-2 title" && findings[1].verdict == .compromised && findings[1].cves == ["CVE-2021-27065"])
    }

    @Test func softwareMatchesCiteTheSoftwareEntry() throws {
        let location = SourceLocation(file: "scan.json", line: 4, column: 9, jsonPointer: "/hosts/0/software/0")
        let entry = SoftwareEntry(product: "Exchange Server 2016", version: "15.1.2106.2", vendor: "Microsoft", source: "registry", location: location)
        let host = Fixture.host([(Fixture.logLine, nil)], software: [entry])
        let (ruleSet, _) = RuleCompiler().compile([
            indicator("SW", "[software:name = 'Exchange Server 2016' AND software:version LIKE '15.1.%'] AND " + Self.log)
        ])
        let evidence = try #require(Matcher(ruleSet: ruleSet).findings(for: host).first).evidence
        #expect(evidence.map(\.origin) == [location, host.observations[0].origin])
        #expect(evidence[0].kind == .other(type: "software", fields: ["product": "Exchange Server 2016", "version": "15.1.2106.2", "vendor": "Microsoft"]))
    }

    @Test func selectiveSidesAreSearchedFirst() throws {
        // Thousands of simultaneous candidates for two expressions and one far away for the third:
        // binding the rare one first leaves the others an empty window, so the answer is immediate.
        var observations: [(Observation.Kind, String?)] = []
        for index in 0..<3000 { observations.append((index % 2 == 0 ? Fixture.logLine : Fixture.event, Fixture.time(0))) }
        observations.append((Fixture.webShell, Fixture.time(3000)))
        let pattern = "(" + Self.log + " AND " + Self.error + " AND [file:name = 'supp0rt.aspx']) WITHIN 1 SECONDS"
        #expect(try Fixture.evaluate(pattern, Fixture.host(observations)) == PatternEvaluation(matched: false, evidence: [], isComplete: true))
    }

    @Test func hostileHostIsCutShortAndReported() throws {
        // Thousands of candidates on both sides of an AND, all after the one observation that
        // could follow them: without the budget the search would try every pair.
        var observations: [(Observation.Kind, String?)] = [(Fixture.webShell, Fixture.time(0))]
        for index in 0..<3000 { observations.append((index % 2 == 0 ? Fixture.logLine : Fixture.event, Fixture.time(10))) }
        let host = Fixture.host(observations)
        let pattern = "(" + Self.log + " AND " + Self.error + ") FOLLOWEDBY [file:name = 'supp0rt.aspx']"
        let clock = ContinuousClock()
        var evaluation: PatternEvaluation?
        let elapsed = try clock.measure { evaluation = try Fixture.evaluate(pattern, host) }
        #expect(evaluation?.matched == false)
        #expect(evaluation?.isComplete == false)
        #expect(elapsed < .seconds(20))
        let (ruleSet, _) = RuleCompiler().compile([indicator("SLOW", pattern)])
        let result = Matcher(ruleSet: ruleSet).match(host)
        #expect(result.findings.isEmpty)
        #expect(result.diagnostics.map(\.id) == ["match.search-budget"])
    }

    // MARK: Indexes larger than the cache

    /// With tens of thousands of hash indicators the matcher looks a host's hashes up together,
    /// after streaming it (`DeferredLookup`); every hit must still be a finding that cites exactly
    /// the observation holding the hash.
    @Test func hashHitsOfALargeIndexCiteTheirObservations() throws {
        var generator = SplitMix64(seed: 26855)
        let hashes = (0..<70_000).map { _ in SplitMix64.hex(&generator, bytes: 32) }
        let (ruleSet, diagnostics) = RuleCompiler().compile(hashes.enumerated().map { number, hash in
            indicator("H\(100_000 + number)", "[file:hashes.'SHA-256' = '\(hash)']")
        })
        #expect(diagnostics.isEmpty)
        #expect(ruleSet.index.tables.exactStrings.isLarge)
        // Every seventh observation holds an indicator's hash, the others a hash no indicator has.
        let observations = (0..<40).map { position -> (Observation.Kind, String?) in
            let sha256 = position.isMultiple(of: 7) ? hashes[position * 1000] : String(repeating: "f", count: 62) + "\(10 + position)"
            return (.file(Observation.File(path: "C:\\inetpub\\f\(position).aspx", sha256: sha256)), nil)
        }
        let findings = Matcher(ruleSet: ruleSet).findings(for: Fixture.host(observations))
        let hits = Array(stride(from: 0, to: 40, by: 7))
        #expect(findings.map(\.indicatorID) == hits.map { "H\(100_000 + $0 * 1000)" })
        #expect(findings.map { $0.evidence.map(\.origin.line) } == hits.map { [$0 + 1] })
    }

    private func indicator(_ id: String, _ pattern: String) -> Indicator {
        Indicator(
            id: id, title: "\(id) title", verdict: .compromised, confidence: .high, status: .stable, cves: ["CVE-2021-27065"],
            pattern: pattern, patternOrigin: TextOrigin(file: "indicators.yml", lineStarts: [.init(line: 3, column: 14)]),
            description: nil, remediation: ["remove-web-shells"], matchSamples: [], noMatchSamples: [], advisoryID: "proxylogon",
            location: SourceLocation(file: "indicators.yml", line: 2, column: 5))
    }
}
