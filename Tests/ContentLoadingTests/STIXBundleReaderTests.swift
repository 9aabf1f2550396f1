import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// STIX 2.1 bundles: indicators with `pattern_type: stix` kept as written, everything else counted.
@Suite struct STIXBundleReaderTests {
    let importDate = Instant(date: "2021-03-16")!

    @Test func readsTheHafniumBundle() throws {
        let file = IndicatorFeedFixtures.path("hafnium-bundle.json")
        let result = STIXBundleReader(now: importDate).read(file)
        #expect(result.entriesRead == 7)
        #expect(result.otherContent == ["identity": 1, "malware": 1, "relationship": 1])
        #expect(result.skipped == ["pattern type sigma": 1, "revoked": 1, "expired": 1])
        #expect(result.diagnostics == [
            .warning("indicator indicator--1b5d9f3e-7a2c-4e81-b6f4-0c8e2a7d5b19 is written in 'sigma', not in the STIX pattern language bulletin runs; not imported",
                     id: "import.skipped", at: SourceLocation(file: file, line: 80, column: 5, jsonPointer: "/objects/6")),
            .warning("indicator indicator--6c3e0a8f-5b1d-4f29-9e74-2a6b8d0c3f51 is revoked by its producer; not imported",
                     id: "import.skipped", at: SourceLocation(file: file, line: 91, column: 5, jsonPointer: "/objects/7")),
            .warning("indicator indicator--2f8a6d4c-0e3b-4b75-8c19-7d5e1a9b3c60 expired at 2021-03-09T00:00:00Z (valid_until), before the import date 2021-03-16; not imported",
                     id: "import.skipped", at: SourceLocation(file: file, line: 103, column: 5, jsonPointer: "/objects/8")),
        ])
        #expect(result.indicators.map(\.title) == [
            "HAFNIUM web shell (SHA-256)", "HAFNIUM web shell (SHA-256), republished", "ASPX page in aspnet_client",
            "Exploitation source addresses (Volexity)",
        ])
        let shells = result.indicators[0]
        #expect(shells.verdict == .compromised && shells.confidence == .high)
        #expect(shells.provenance == [
            "STIX 2.1 bundle `hafnium-bundle.json`: indicator--0f3a9c2e-61b4-4d0c-8a1e-5c7b2d9e4f13, `HAFNIUM web shell (SHA-256)`, valid from 2021-03-02T00:00:00Z, types malicious-activity, TLP:WHITE, confidence 85, indicates `China Chopper web shell`"
        ])
        // The republished copy differs only in whitespace: the same indicator.
        #expect(result.indicators[1].key == shells.key)
        // `compromised` in indicator_types decides the verdict; STIX confidence 60 is medium.
        #expect(result.indicators[2].verdict == .compromised && result.indicators[2].confidence == .medium)
        #expect(result.indicators[2].pattern == #"[file:x_path MATCHES '(?i)^[a-z]:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\.*\\.aspx$']"#)
        // Addresses are a lead, not proof; confidence 20 is low.
        #expect(result.indicators[3].verdict == .suspicious && result.indicators[3].confidence == .low)
        // The pattern's origin is inside its JSON string, for the engine's errors.
        #expect(shells.patternOrigin.location(ofOffset: 1, in: shells.pattern) == SourceLocation(file: file, line: 34, column: 20))
    }

    @Test func anIndicatorOnObjectsNoScanPresentsIsSkipped() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("b.json", """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "id": "indicator--a", "pattern_type": "stix", "pattern": "[domain-name:value = 'evil.example'] OR [url:value = 'http://evil.example/']"},
              {"type": "indicator", "id": "indicator--b", "pattern_type": "stix", "pattern": "[domain-name:value = 'evil.example'] OR [file:name = 'x']"}
            ]}
            """)
        let result = STIXBundleReader(now: importDate).read(file)
        #expect(result.skipped == ["no observation carries domain-name, url": 1])
        #expect(result.diagnostics.first?.summary == "indicator indicator--a compares only 'domain-name', 'url' objects, which no bulletin.scan/1 observation presents, so it could never match; not imported")
        #expect(result.indicators.count == 1)
    }

    @Test func theSameIndicatorIsNotExpiredBeforeItsValidUntil() throws {
        let result = STIXBundleReader(now: Instant(date: "2021-03-05")!).read(IndicatorFeedFixtures.path("hafnium-bundle.json"))
        #expect(result.skipped == ["pattern type sigma": 1, "revoked": 1])
        #expect(result.indicators.contains { $0.pattern == "[ipv4-addr:value = '198.51.100.250']" })
    }

    @Test func anIndicatorWithoutPatternTypeOrPatternIsMalformed() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("b.json", """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "id": "indicator--a", "pattern": "[file:name = 'a']"},
              {"type": "indicator", "id": "indicator--b", "pattern_type": "stix"},
              {"type": "indicator", "id": "indicator--c", "pattern_type": "stix", "pattern": "[file:name = 'c']", "valid_until": "soon"}
            ]}
            """)
        let result = STIXBundleReader(now: importDate).read(file)
        #expect(result.indicators.isEmpty)
        #expect(result.diagnostics == [
            .error("indicator indicator--a has no 'pattern_type'; STIX 2.1 requires it (write \"pattern_type\": \"stix\")", id: "import.malformed",
                   at: SourceLocation(file: file, line: 2, column: 3, jsonPointer: "/objects/0")),
            .error("indicator indicator--b has no 'pattern' text; every STIX indicator needs one", id: "import.malformed",
                   at: SourceLocation(file: file, line: 3, column: 3, jsonPointer: "/objects/1")),
            .error("'valid_until' of indicator indicator--c is 'soon', not a STIX timestamp such as 2021-06-01T00:00:00Z", id: "import.malformed",
                   at: SourceLocation(file: file, line: 4, column: 118, jsonPointer: "/objects/2/valid_until")),
        ])
    }

    @Test func aFileThatIsNotABundleSaysWhichFormatItMightBe() throws {
        let file = IndicatorFeedFixtures.path("proxylogon-misp-event.json")
        let result = STIXBundleReader(now: importDate).read(file)
        #expect(result.diagnostics == [.error(
            "not a STIX bundle: expected an object with \"type\": \"bundle\" and an \"objects\" list; for MISP or MSTIC files pass --format misp or --format mstic",
            id: "import.shape", at: SourceLocation(file: file, line: 1, column: 1, jsonPointer: ""))])
    }

    @Test func brokenJSONIsALocatedSyntaxError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("b.json", "{\"type\": \"bundle\",\n \"objects\": [}\n")
        let result = STIXBundleReader(now: importDate).read(file)
        #expect(result.diagnostics.map(\.id) == ["import.syntax"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 2, column: 14))
    }

    @Test(arguments: [
        ("[file:hashes.'SHA-256' = 'ab' OR file:hashes.MD5 = 'cd']", ["file:hashes.'SHA-256'", "file:hashes.MD5"]),
        ("[file:name = 'a:b'] WITHIN 5 SECONDS", ["file:name"]),
        ("[x-log-line:text LIKE '%x%'] START t'2021-03-01T00:00:00Z' STOP t'2021-03-02T00:00:00Z'", ["x-log-line:text"]),
        ("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'x']", ["network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'"]),
    ])
    func objectPathsSkipLiterals(pattern: String, paths: [String]) {
        #expect(STIXBundleReader.objectPaths(in: pattern) == paths)
    }
}
