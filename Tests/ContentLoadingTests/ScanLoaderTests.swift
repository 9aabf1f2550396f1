import Foundation
import BulletinModel
import Testing

@testable import ContentLoading

/// Scan loading as `spec/scan-format.md` states it: shapes, merging, and located diagnostics.
@Suite struct ScanLoaderTests {
    private func document(_ organisation: String = #"{"id": "acme", "name": "Acme Corporation"}"#, hosts: String = "[]") -> String {
        """
        {"format": "bulletin.scan/1", "organisation": \(organisation), "hosts": \(hosts)}
        """
    }

    @Test func readsOneOrganisationWithHostsSoftwareAndObservations() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("acme.json", document(hosts: #"""
            [{"id": "mail01", "hostname": "mail01.acme.example", "addresses": ["192.0.2.5"],
              "software": [{"product": "Exchange Server 2016", "version": "15.1.2106.2", "source": "registry"}],
              "observations": [
                {"type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx", "sha256": "B75F163CA9B9240BF4B37AD92BC7556B40A17E27C2B8ED5C8991385FE07D17D0"},
                {"type": "http-request", "method": "POST", "url": "/ecp/y.js", "status": 200, "fields": {"AnchorMailbox": "ServerInfo~a]@mail01:444/autodiscover/autodiscover.xml?#"}}
              ]}]
            """#))
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.isEmpty)
        let host = try #require(result.organisations.first?.hosts.first)
        #expect(host.software == [SoftwareEntry(product: "Exchange Server 2016", version: "15.1.2106.2", vendor: nil, source: "registry", location: SourceLocation(file: file, jsonPointer: "/hosts/0/software/0"))])
        guard case .file(let observed) = host.observations.first?.kind else {
            Issue.record("first observation is not a file")
            return
        }
        #expect(observed.path == #"C:\inetpub\wwwroot\aspnet_client\x.aspx"#)
        #expect(observed.sha256 == "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", "hashes are normalised to lower case")
        #expect(host.observations[1].origin == SourceLocation(file: file, jsonPointer: "/hosts/0/observations/1"))
    }

    @Test func reportsAJSONSyntaxErrorAtItsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("broken.json", """
            {
              "format": "bulletin.scan/1",
              "organisation": {"id": "acme", "name": "Acme"}
              "hosts": []
            }
            """)
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics == [
            .error("unexpected '\"'; expected ',' or '}' in object; the file is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: 4, column: 3))
        ])
        #expect(result.organisations.isEmpty)
    }

    @Test func reportsAJSONLinesSyntaxErrorAtItsLineAndColumnAndKeepsTheOtherLines() throws {
        let folder = try TemporaryFolder()
        let good = document().replacingOccurrences(of: "\n", with: " ")
        let file = try folder.write("batch.jsonl", good + "\n\n" + #"{"format": "bulletin.scan/1", "organisation": {"id": "b", "name": "B"}, "hosts": [,]}"# + "\n")
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics == [
            .error("unexpected ','; expected a value; the line is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: 3, column: 83))
        ])
        #expect(result.organisations.map(\.organisation.id) == ["acme"])
    }

    @Test func refusesAnOrganisationIDThatIsNotAFolderName() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("evil.json", "{\"format\": \"bulletin.scan/1\",\n \"organisation\": {\"id\": \"../x\", \"name\": \"X\"},\n \"hosts\": []}")
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.id) == ["scan.invalid-organisation-id"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 2, column: 25, jsonPointer: "/organisation/id"))
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.organisations.isEmpty, "never silently rewritten into another folder name")
    }

    @Test func refusesAWindowsDeviceNameAsOrganisationIDWithTheReasonAndTheFix() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("con.json", "{\"format\": \"bulletin.scan/1\",\n \"organisation\": {\"id\": \"con.txt\", \"name\": \"Con\"},\n \"hosts\": []}")
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics == [
            .error(
                "organisation id 'con.txt' is not valid: 'con' is a device name on Windows, where the folder could not be opened; choose another id",
                id: "scan.invalid-organisation-id", at: SourceLocation(file: file, line: 2, column: 25, jsonPointer: "/organisation/id"))
        ])
        #expect(result.organisations.isEmpty)
    }

    @Test func aDuplicateHostIDIsQuotedInertInTheDiagnostic() throws {
        let folder = try TemporaryFolder()
        let host = #"{"id": "mail\u001b[2J\u202e01"}"#
        let file = try folder.write("dup.json", #"{"format": "bulletin.scan/1", "organisation": {"id": "acme", "name": "A"}, "hosts": ["# + host + ", " + host + "]}")
        let result = ScanLoader().load(paths: [file])
        let summary = try #require(result.diagnostics.first?.summary)
        #expect(summary.hasPrefix("host 'mail\\u{1b}[2J\\u{202e}01' is declared twice"), "\(summary)")
    }

    @Test func reportsADuplicateHostAtTheSecondDeclaration() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("dup.json", document(hosts: "[{\"id\": \"mail01\"},\n {\"id\": \"mail01\"}]"))
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics == [
            .error("host 'mail01' is declared twice in organisation 'acme' (first at /hosts/0); give each host a unique id", id: "scan.duplicate-host", at: SourceLocation(file: file, line: 2, column: 9, jsonPointer: "/hosts/1/id"))
        ])
    }

    @Test func reportsEveryProblemOfADocumentNotOnlyTheFirst() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("many.json", document(hosts: #"[{"hostname": 5}, {"id": "b", "observations": [{"type": "file"}, {"type": "event", "event_id": "x"}, {"type": "file", "path": "a", "time": "yesterday"}]}]"#))
        let ids = ScanLoader().load(paths: [file]).diagnostics.map(\.id)
        #expect(ids == ["scan.missing-field", "scan.type-mismatch", "scan.missing-field", "scan.type-mismatch", "scan.invalid-time"])
    }

    @Test func warnsOncePerUnknownKeyNameAndKeepsItOutOfTheModel() throws {
        let folder = try TemporaryFolder()
        let a = try folder.write("a.json", document(hosts: #"[{"id": "h1", "colour": "red"}, {"id": "h2", "colour": "blue"}]"#))
        let result = ScanLoader().load(paths: [a])
        #expect(result.diagnostics.map(\.summary) == ["unknown key 'colour' in host is ignored (it may come from a newer scan format)"])
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.organisations.first?.hosts.count == 2)
    }

    @Test func keepsObservationsOfAnUnknownTypeWithTheirFields() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.json", document(hosts: #"[{"id": "h1", "observations": [{"type": "registry-key", "key": "HKLM\\X", "value": 3}]}]"#))
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.id) == ["scan.unknown-observation-type"])
        #expect(result.organisations.first?.hosts.first?.observations.first?.kind == .other(type: "registry-key", fields: ["key": #"HKLM\X"#, "value": "3"]))
    }

    @Test func refusesAnotherFormat() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.json", #"{"format": "bulletin.scan/2", "organisation": {"id": "a", "name": "A"}, "hosts": []}"#)
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.summary) == ["unsupported format 'bulletin.scan/2'; this version of bulletin reads 'bulletin.scan/1'"])
    }

    @Test func readsBatchesAndJSONLinesInAJSONFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("scans/batch.json", #"{"format": "bulletin.scan/1", "organisations": [{"organisation": {"id": "b", "name": "B"}, "hosts": []}, {"organisation": {"id": "a", "name": "A"}, "hosts": []}]}"#)
        try folder.write("scans/lines.json", document(#"{"id": "c", "name": "C"}"#).replacingOccurrences(of: "\n", with: "") + "\n" + document(#"{"id": "d", "name": "D"}"#).replacingOccurrences(of: "\n", with: "") + "\n")
        try folder.write("scans/notes.txt", "not a scan")
        let result = ScanLoader().load(paths: [folder.path + "/scans"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.organisations.map(\.organisation.id) == ["a", "b", "c", "d"])
        #expect(result.files.map { ($0 as NSString).lastPathComponent } == ["batch.json", "lines.json"])
    }

    @Test func mergesAnExternalScanAndAnInternalSweepOfTheSameOrganisation() throws {
        let folder = try TemporaryFolder()
        let external = try folder.write("a-external.json", #"""
            {"format": "bulletin.scan/1", "scanner": {"name": "sweep", "version": "1"}, "scanned_at": "2021-03-07T00:00:00Z",
             "organisation": {"id": "acme", "name": "Acme", "sector": "Water"},
             "hosts": [{"id": "mail", "addresses": ["192.0.2.1"], "software": [{"product": "Exchange Server 2019", "version": "15.2.721"}]}]}
            """#)
        let sweep = try folder.write("b-internal.json", #"""
            {"format": "bulletin.scan/1", "scanner": {"name": "agent", "version": "2"}, "scanned_at": "2021-03-09T00:00:00Z",
             "organisation": {"id": "acme", "name": "Acme", "reference": "CASE-1"},
             "hosts": [{"id": "mail", "hostname": "mail.acme.example", "addresses": ["192.0.2.1", "198.51.100.1"],
                        "software": [{"product": "Exchange Server 2019", "version": "15.2.721.2"}],
                        "observations": [{"type": "log-line", "log": "ECP/Server", "text": "x"}]},
                       {"id": "hybrid"}]}
            """#)
        let result = ScanLoader().load(paths: [external, sweep])
        #expect(result.diagnostics.isEmpty)
        let acme = try #require(result.organisations.first)
        #expect(result.organisations.count == 1)
        #expect(acme.organisation.sector == "Water")
        #expect(acme.organisation.reference == "CASE-1")
        #expect(acme.hosts.map(\.id) == ["hybrid", "mail"])
        let mail = acme.hosts[1]
        #expect(mail.hostname == "mail.acme.example")
        #expect(mail.addresses == ["192.0.2.1", "198.51.100.1"])
        #expect(mail.software.map(\.version) == ["15.2.721", "15.2.721.2"])
        #expect(mail.observations.count == 1)
        #expect(acme.scanners == ["agent 2", "sweep 1"])
        #expect(acme.scannedAt == "2021-03-09T00:00:00Z")
        #expect(acme.sources.map(\.file) == [external, sweep])
    }

    @Test func reportsConflictingOrganisationMetadataNamingBothPlaces() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.json", document(#"{"id": "acme", "name": "Acme", "country": "NL"}"#))
        let second = try folder.write("b.json", document(#"{"id": "acme", "name": "Acme", "country": "BE"}"#))
        let result = ScanLoader().load(paths: [first, second])
        #expect(result.diagnostics == [
            .error("organisation 'acme' has country 'BE' here but 'NL' at \(first):1:47; make the scan files agree", id: "scan.conflicting-organisation", at: SourceLocation(file: second, line: 1, column: 47, jsonPointer: "/organisation"))
        ])
    }

    @Test func reportsAMissingScanPath() {
        let result = ScanLoader().load(paths: ["/nonexistent/scans"])
        #expect(result.diagnostics.map(\.id) == ["scan.missing-path"])
    }
}

extension ScanLoaderTests {
    @Test func locatesAConflictingHostnameFoundWhileMerging() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.json", document(hosts: #"[{"id": "mail", "hostname": "mail.acme.example"}]"#))
        let second = try folder.write("b.json", document(hosts: "[\n  {\"id\": \"mail\", \"hostname\": \"owa.acme.example\"}]"))
        let result = ScanLoader().load(paths: [first, second])
        #expect(result.diagnostics.map(\.id) == ["scan.conflicting-hostname"])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.location == SourceLocation(file: second, line: 2, column: 3, jsonPointer: "/hosts/0"))
        #expect(result.organisations.first?.hosts.first?.hostname == "mail.acme.example", "the first hostname is kept")
    }

    /// Found by fuzzing: in JSON Lines, a problem found while merging had the document's line but
    /// column 0, printed as `scan.jsonl:2:` with no column and no pointer.
    @Test func locatesAConflictingHostnameInJSONLinesAtItsColumn() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("batch.jsonl", [
            document(hosts: #"[{"id": "mail", "hostname": "mail.acme.example"}]"#),
            document(hosts: #"[{"id": "mail", "hostname": "owa.acme.example"}]"#) + "\r",
        ].joined(separator: "\n") + "\n")
        let result = ScanLoader().load(paths: [file])
        #expect(result.diagnostics.map(\.id) == ["scan.conflicting-hostname"])
        // The host object starts right after the hosts array's `[`, which is where `[]` is in a
        // document without hosts: the third character from its end. Columns count from 1.
        let column = document().utf8.count - 3 + 1 + 1
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 2, column: column, jsonPointer: "/hosts/0"))
    }
}

/// `load(_:path:)`: a document held in memory is read as the file at `path` would be, and nothing
/// is read from disk, not even to locate a problem found while merging.
extension ScanLoaderTests {
    @Test func loadsADocumentFromMemoryAsFromTheFileItNames() throws {
        let folder = try TemporaryFolder()
        let text = document(hosts: "[\n  {\"id\": \"mail\", \"hostname\": \"mail.acme.example\", \"surprise\": 1}]")
        let file = try folder.write("acme.json", text)
        let fromDisk = ScanLoader().load(paths: [file])
        let fromMemory = ScanLoader().load(Array(text.utf8), path: file)
        #expect(fromMemory.files == [file])
        #expect(fromMemory.diagnostics == fromDisk.diagnostics)
        #expect(fromMemory.diagnostics.first?.location?.line == 2, "the unknown key is located")
        #expect(fromMemory.organisations == fromDisk.organisations)
        #expect(fromMemory.organisations.first?.hosts.map(\.hostname) == ["mail.acme.example"])
    }

    @Test func locatesAMergeConflictInAJSONLinesDocumentThatIsNotOnDisk() {
        let path = "/nonexistent/received.jsonl"
        let lines = [
            document(hosts: #"[{"id": "mail", "hostname": "mail.acme.example"}]"#),
            document(hosts: #"[{"id": "mail", "hostname": "owa.acme.example"}]"#),
        ]
        let result = ScanLoader().load(Array(lines.joined(separator: "\n").utf8), path: path)
        #expect(result.diagnostics.map(\.id) == ["scan.conflicting-hostname"])
        // As in `locatesAConflictingHostnameInJSONLinesAtItsColumn`: the host object starts where
        // `[]` is in a document without hosts, the third character from its end.
        let column = document().utf8.count - 3 + 1 + 1
        #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 2, column: column, jsonPointer: "/hosts/0"))
    }

    @Test func readsADocumentFromMemoryAsJSONLinesOnlyWhenItsPathSaysSo() {
        let oneLine = document().replacingOccurrences(of: "\n", with: " ")
        let twoDocuments = Array((oneLine + "\n" + oneLine.replacingOccurrences(of: "acme", with: "beta")).utf8)
        #expect(ScanLoader().load(twoDocuments, path: "scans.ndjson").organisations.map(\.organisation.id) == ["acme", "beta"])
        // A `.json` file holding JSON Lines is read as such too (see `holdsJSONLines`); text that is
        // one broken document is refused at its place, in that file's name.
        let broken = ScanLoader().load(Array("{\"format\": ".utf8), path: "scan.json")
        #expect(broken.diagnostics.map(\.id) == ["scan.syntax"])
        #expect(broken.diagnostics.first?.location?.file == "scan.json")
        #expect(broken.organisations.isEmpty)
    }
}
