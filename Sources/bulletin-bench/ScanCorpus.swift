import Foundation
import ScanSynthesis

/// A deterministic JSON Lines scan corpus shaped like a national sweep: one organisation per line,
/// each with a few hosts carrying HttpProxy requests with log fields, files with hashes (Windows
/// paths, so backslash escapes), and Windows events. The same size always gives the same bytes.
struct ScanCorpus {
    /// Hosts per organisation and observations per host: about 20 KB per line.
    static let hostsPerOrganisation = 2
    static let observationsPerHost = 40

    /// Writes about `megabytes` MB (10^6 bytes) of JSON Lines to `path`; returns the byte count.
    @discardableResult
    static func write(megabytes: Int, to path: String) throws -> Int {
        var random = SplitMix64(seed: 26855)
        var text = ""
        text.reserveCapacity(megabytes * 1_000_000 + 100_000)
        var number = 0
        while text.utf8.count < megabytes * 1_000_000 {
            appendOrganisation(number: number, random: &random, to: &text)
            text += "\n"
            number += 1
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return text.utf8.count
    }

    private static func appendOrganisation(number: Int, random: inout SplitMix64, to text: inout String) {
        let id = "org-\(number)"
        text += #"{"format": "bulletin.scan/1", "scanner": {"name": "exchange-sweep", "version": "2.3.0"}, "scanned_at": "2021-03-09T12:00:00Z", "#
        text += #""organisation": {"id": "\#(id)", "name": "Organisation \#(number)", "sector": "Local government", "country": "NL", "#
        text += #""contacts": [{"name": "IT Service Desk", "email": "servicedesk@\#(id).example", "role": "technical"}]}, "hosts": ["#
        for host in 0..<hostsPerOrganisation {
            if host > 0 { text += ", " }
            text += #"{"id": "mail0\#(host)", "hostname": "mail0\#(host).\#(id).example", "addresses": ["198.51.\#(random.next() % 256).\#(random.next() % 256)"], "#
            text += #""software": [{"product": "Exchange Server 2016", "version": "15.1.2106.\#(random.next() % 10)", "source": "registry"}], "observations": ["#
            for observation in 0..<observationsPerHost {
                if observation > 0 { text += ", " }
                switch observation % 10 {
                case 0, 1, 2, 3, 4: appendRequest(random: &random, to: &text)
                case 5, 6, 7: appendFile(number: observation, random: &random, to: &text)
                default: appendEvent(random: &random, to: &text)
                }
            }
            text += "]}"
        }
        text += "]}"
    }

    private static func appendRequest(random: inout SplitMix64, to text: inout String) {
        let words = SyntheticScan.words
        let path = (0..<3).map { _ in words[Int(random.next() % 20)] }.joined(separator: "/")
        let agent = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Microsoft Office/16.0", "python-requests/2.25.1",
                     "ExchangeServicesClient/15.01.2176.009"][Int(random.next() % 4)]
        text += #"{"type": "http-request", "time": "2021-03-0\#(1 + random.next() % 9)T0\#(random.next() % 10):1\#(random.next() % 10):2\#(random.next() % 10)Z", "#
        text += #""method": "\#(random.next() % 3 == 0 ? "POST" : "GET")", "url": "/\#(path)/r.js?v=\#(random.next() % 10_000)", "status": 200, "#
        text += #""client_ip": "198.51.\#(random.next() % 256).\#(random.next() % 256)", "user_agent": "\#(agent)", "log": "HttpProxy/Ecp", "#
        text += #""fields": {"AnchorMailbox": "ServerInfo~a]@mail\#(random.next() % 100).example:444/\#(path)", "AuthenticatedUser": "user\#(random.next() % 5000)@example.org", "#
        text += #""BackEndCookie": "\#(random.hex(bytes: 8))"}}"#
    }

    private static func appendFile(number: Int, random: inout SplitMix64, to text: inout String) {
        let directory = #"C:\\inetpub\\wwwroot\\"# + SyntheticScan.words[Int(random.next() % 20)]
        let name = "f\(number)." + ["dll", "aspx", "js", "exe"][Int(random.next() % 4)]
        text += #"{"type": "file", "path": "\#(directory)\\\#(name)", "sha256": "\#(random.hex(bytes: 32))", "#
        text += #""sha1": "\#(random.hex(bytes: 20))", "md5": "\#(random.hex(bytes: 16))", "size": \#(random.next() % 100_000), "modified": "2021-03-03T07:02:11Z"}"#
    }

    private static func appendEvent(random: inout SplitMix64, to text: inout String) {
        text += #"{"type": "event", "time": "2021-03-04T0\#(random.next() % 10):00:00Z", "channel": "Application", "provider": "MSExchange Unified Messaging", "#
        text += #""event_id": \#(1000 + random.next() % 100), "level": "Error", "message": "An unknown error has occurred in Unified Messaging (\#(random.hex(bytes: 4)))."}"#
    }
}
