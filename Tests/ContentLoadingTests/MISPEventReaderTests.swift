import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// MISP events: `to_ids` decides what is an indicator; types map to our observation views.
@Suite struct MISPEventReaderTests {
    @Test func readsTheProxyLogonEvent() throws {
        let file = IndicatorFeedFixtures.path("proxylogon-misp-event.json")
        let result = MISPEventReader().read(file)
        #expect(result.entriesRead == 12)
        #expect(result.skipped == ["to_ids false (context)": 3, "MISP type yara": 1, "deleted": 1])
        #expect(result.diagnostics.map(\.severity) == [.note, .note, .warning, .warning, .note])
        #expect(result.diagnostics[0] == Diagnostic(
            .note, "attribute 9d3a5e7c-4f6b-4c8d-8e1f-2a3b4c5d6e7f (ip-dst) has to_ids false: MISP marks it as context, not for detection; not imported",
            id: "import.skipped", at: SourceLocation(file: file, line: 31, column: 7, jsonPointer: "/Event/Attribute/2")))
        #expect(result.diagnostics[2] == .warning(
            "attribute d17e9cb0-8daf-4ac1-8c5d-6e7f8091a2b3 has type 'yara', which no bulletin.scan/1 observation carries; not imported",
            id: "import.skipped", at: SourceLocation(file: file, line: 51, column: 7, jsonPointer: "/Event/Attribute/6")))
        // Object attributes are located inside their object.
        #expect(result.diagnostics[4].location == SourceLocation(file: file, line: 68, column: 11, jsonPointer: "/Event/Object/0/Attribute/0"))

        #expect(result.indicators.map(\.pattern) == [
            "[file:hashes.'SHA-256' = '2b6f1ebb2208e93ade4a6424555d6a8341fd6d9f60c25e44afe11008f5c1aad1']",
            "[ipv4-addr:value = '104.140.114.110']",
            "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'ExchangeServicesClient/0.0.0.0']",
            #"[network-traffic:extensions.'http-request-ext'.request_header.Host MATCHES '(?i)^mail\\.victim\\.example(:[0-9]+)?$' AND network-traffic:extensions.'http-request-ext'.request_value = '/ecp/y.js']"#,
            // Upper-case hex is normalised, as scan hashes are.
            "[file:hashes.'SHA-256' = 'b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0']",
            // filename|md5 keeps the hash; the name goes into provenance.
            "[file:hashes.MD5 = '4b3039cf227c611c45d2242d1228a121']",
            // A `filename` that holds a whole path is compared as a path, without regard to case.
            #"[file:x_path MATCHES '(?i)^c:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\system_web\\\\supp0rt\\.aspx$']"#,
        ])
        #expect(result.indicators.map(\.verdict) == [.compromised, .suspicious, .suspicious, .suspicious, .compromised, .compromised, .suspicious])
        #expect(result.indicators[5].provenance == [
            "MISP event `proxylogon-misp-event.json` 5c6e2f1a-9b3d-4e7a-8f20-1d4c6b8a0e37, `Exchange ProxyLogon exploitation (HAFNIUM) - web shells and sources`, 2021-03-03, by `CIRCL`, TLP:WHITE; object `file` f390bed2-a0c1-4ce3-ae7f-8091a2b3c4d5: attribute 26c3e105-d3f4-4f16-91a2-b3c4d5e6f708 (filename|md5, Payload installation), `supp0rt.aspx`"
        ])
    }

    @Test func aValueThatIsNotItsTypeIsAnErrorAtTheValue() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("e.json", """
            {"Event": {"uuid": "e1", "info": "x", "Attribute": [
              {"type": "sha256", "to_ids": true, "uuid": "a1", "value": "not-a-hash"},
              {"type": "ip-dst", "to_ids": "yes", "uuid": "a2", "value": "192.0.2.1"},
              {"type": "filename|sha256", "to_ids": true, "uuid": "a3", "value": "x.aspx"},
              {"type": "ip-src", "to_ids": "1", "uuid": "a4", "value": "2001:db8::7"}
            ]}}
            """)
        let result = MISPEventReader().read(file)
        #expect(result.diagnostics == [
            .error("attribute a1: 'not-a-hash' is not a SHA-256 hash (64 hex digits)", id: "import.malformed",
                   at: SourceLocation(file: file, line: 2, column: 61, jsonPointer: "/Event/Attribute/0/value")),
            .error("'to_ids' of attribute a2 must be true or false", id: "import.malformed",
                   at: SourceLocation(file: file, line: 3, column: 32, jsonPointer: "/Event/Attribute/1/to_ids")),
            .error("attribute a3 of type 'filename|sha256' needs a value written 'first|second', not 'x.aspx'", id: "import.malformed",
                   at: SourceLocation(file: file, line: 4, column: 70, jsonPointer: "/Event/Attribute/2/value")),
        ])
        // Older MISP writes to_ids as "1"; an IPv6 source address is an ipv6-addr.
        #expect(result.indicators.map(\.pattern) == ["[ipv6-addr:value = '2001:db8::7']"])
    }

    @Test func readsTheAPIResponseShape() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("r.json", """
            {"response": [{"Event": {"uuid": "e1", "info": "one", "Attribute": [{"type": "domain", "to_ids": true, "uuid": "a1", "value": "Evil.Example"}]}},
                          {"Event": {"uuid": "e2", "info": "two", "Attribute": [{"type": "md5", "to_ids": false, "uuid": "a2", "value": "4b3039cf227c611c45d2242d1228a121"}]}}]}
            """)
        let result = MISPEventReader().read(file)
        #expect(result.entriesRead == 2)
        #expect(result.indicators.map(\.pattern) == [#"[network-traffic:extensions.'http-request-ext'.request_header.Host MATCHES '(?i)^evil\\.example(:[0-9]+)?$']"#])
        #expect(result.skipped == ["to_ids false (context)": 1])
    }
}
