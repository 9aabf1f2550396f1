import Foundation
import Testing

/// An organisation's report holds that organisation's data and no one else's: a report mailed to
/// the wrong recipient must not also disclose another victim's servers or compromise.
///
/// The organisations here are deliberately alike, as a night's scans of one sector are: names,
/// ids, host names and addresses that differ in one character or are prefixes of each other,
/// the same host ids, the same indicators matching, arriving through every input shape (one
/// document per file, a batch, JSON Lines, and two files for one organisation that merge).
@Suite struct OrganisationIsolationTests {
    static let count = 24

    /// What identifies organisation `n` and must appear in its folder and in no other's.
    struct Identity {
        var id: String
        var name: String
        var hostname: String
        var address: String
        var evidence: [String]

        var tokens: [String] { [id, name, hostname, address] + evidence }
    }

    static func identity(_ n: Int) -> Identity {
        // 1 and 10, 2 and 20: every short id, name and address is a prefix of a longer one.
        Identity(
            id: "acme-water-\(n)", name: "Acme Water \(n)", hostname: "mail\(n).acme-water.example",
            address: "198.51.100.\(n)",
            evidence: ["support\(n)x.aspx", "oab-\(n)-gen.xml", "ServerInfo~a]@mail\(n).acme-water.example:444/ecp/\(n)"])
    }

    static func document(_ n: Int, hostObservations: Bool = true, software: Bool = true) -> [String: Any] {
        let identity = identity(n)
        var host: [String: Any] = ["id": "mail01", "hostname": identity.hostname, "addresses": [identity.address]]
        if software {
            host["software"] = [["product": "Exchange Server 2016", "version": "15.1.2106.2"]]
        }
        if hostObservations {
            host["observations"] = [
                ["type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\" + identity.evidence[0]],
                ["type": "log-line", "log": "OABGeneratorLog", "text": "Download failed and temporary file C:\\temp\\\(identity.evidence[1]) removed"],
                ["type": "http-request", "method": "POST", "url": "/ecp/y.js", "status": 200, "client_ip": "104.250.191.110",
                 "fields": ["AnchorMailbox": identity.evidence[2]]],
            ]
        }
        return [
            "organisation": ["id": identity.id, "name": identity.name, "sector": "Water", "reference": "CASE-\(n)"],
            "hosts": [host],
        ]
    }

    static func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Writes the organisations through every input shape.
    static func writeScans(_ bulletin: BulletinProcess) throws {
        var lines: [String] = []
        var batch: [[String: Any]] = []
        for n in 1...count {
            var document = document(n)
            switch n % 4 {
            case 0:
                document["format"] = "bulletin.scan/1"
                try bulletin.write("scans/org-\(n).json", try json(document))
            case 1:
                batch.append(document)
            case 2:
                document["format"] = "bulletin.scan/1"
                lines.append(try json(document))
            default:
                // An external scan with the software and an internal sweep with the evidence.
                var external = Self.document(n, hostObservations: false)
                external["format"] = "bulletin.scan/1"
                try bulletin.write("scans/org-\(n)-external.json", try json(external))
                var sweep = Self.document(n, software: false)
                sweep["format"] = "bulletin.scan/1"
                lines.append(try json(sweep))
            }
        }
        try bulletin.write("scans/batch.json", try json(["format": "bulletin.scan/1", "organisations": batch]))
        try bulletin.write("scans/night.jsonl", lines.joined(separator: "\n") + "\n")
    }

    /// Whether `text` holds `token` as a whole: not as the start of `198.51.100.10` when the
    /// token is `198.51.100.1`, nor inside `mail11` when it is `mail1`.
    static func holds(_ text: String, _ token: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: token, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let joins: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
            if !joins(before) && !joins(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    @Test func noOrganisationsFolderHoldsAnotherOrganisationsIdNameHostsAddressesOrEvidence() throws {
        let bulletin = try BulletinProcess()
        try Self.writeScans(bulletin)
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--scans", "scans"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let files = bulletin.snapshot("Output")
        let identities = (1...Self.count).map(Self.identity)
        for identity in identities {
            let own = files.filter { $0.key.hasPrefix("organisations/\(identity.id)/") }
            #expect(own.keys.sorted() == ["index.html", "report.json", "report.md"].map { "organisations/\(identity.id)/\($0)" })
            // JSON writes a backslash as \\ and HTML an apostrophe as &#39;: search the text as each
            // format writes it, and as a reader sees it.
            let texts = own.mapValues { String(decoding: $0, as: UTF8.self) }
            for token in identity.tokens {
                #expect(texts.values.contains { Self.holds($0, token) }, "\(identity.id)'s folder shows its own \(token)")
            }
            for (path, text) in texts {
                for other in identities where other.id != identity.id {
                    for token in other.tokens {
                        #expect(!Self.holds(text, token), "\(path) holds \(other.id)'s \(token)")
                    }
                }
            }
        }
    }

    @Test func wholeTokenSearchTellsSimilarValuesApart() {
        #expect(Self.holds("from 198.51.100.1, port 443", "198.51.100.1"))
        #expect(!Self.holds("from 198.51.100.10, port 443", "198.51.100.1"))
        #expect(!Self.holds("acme-water-11", "acme-water-1"))
        #expect(Self.holds("\"acme-water-1\"", "acme-water-1"))
        #expect(!Self.holds("Acme Water 12", "Acme Water 1"))
    }
}
