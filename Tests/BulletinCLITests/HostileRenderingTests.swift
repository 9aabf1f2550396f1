import Foundation
import Testing

/// Scan data written by an attacker, built from the command line: every payload lands in the
/// evidence of a compromised host and comes out as text. The whole corpus, every field against a
/// baseline and in Chromium, is `scripts/check-hostile.py` and `scripts/check-browser.py` (CI);
/// this is its core, runnable with `swift test` alone.
@Suite struct HostileRenderingTests {
    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "' onmouseover='alert(3)", "javascript:alert(4)",
        "data:text/html;base64,PHNjcmlwdD4=", "</code><iframe src=https://evil.example/></iframe>",
        "[fix](https://evil.example/fix.exe)", "![px](https://evil.example/p.png)", "<https://evil.example/a> www.evil.example",
        "<!-- x -->", "``` fence `` run", "| a | b |\n| --- | --- |", "@channel #42", "\n# heading\n- item",
        "invoice\u{202E}gpj.exe", "adm\u{200B}in", "esc\u{1B}[31m nul\u{0} bell\u{7}", "=HYPERLINK(\"https://evil.example\")",
        "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "{{title}} {{{stylesheet}}}",
    ]

    /// One organisation per payload: the payload is its name, its host's name, a web shell's file
    /// name, the attacker's user agent and a log field of the proxy request.
    static func scan(_ index: Int, _ payload: String) throws -> String {
        let document: [String: Any] = [
            "format": "bulletin.scan/1",
            "organisation": ["id": "hostile-\(index)", "name": payload, "sector": payload, "contacts": [["name": payload, "email": payload]]],
            "hosts": [[
                "id": "mail01", "hostname": payload, "addresses": [payload],
                "software": [["product": "Exchange Server 2016", "version": "15.1.2106.2"]],
                "observations": [
                    ["type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\" + payload + ".aspx"],
                    ["type": "http-request", "method": "POST", "url": "/ecp/y.js", "status": 200, "user_agent": payload,
                     "fields": ["AnchorMailbox": "ServerInfo~a]@mail01:444/ecp/", "X-Payload": payload]],
                ],
            ]],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    static let templateTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "nav", "h1", "h2", "h3", "h4", "h5",
        "p", "strong", "em", "span", "code", "pre", "a", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr",
        "th", "td", "br", "div", "figure", "svg", "title", "desc", "g", "rect", "text", "line",
    ]

    @Test func everyPayloadIsTextInEveryOutput() throws {
        let bulletin = try BulletinProcess()
        for (index, payload) in Self.payloads.enumerated() {
            try bulletin.write("scans/hostile-\(index).json", try Self.scan(index, payload))
        }
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--scans", "scans"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{0}" }, "no escape sequence reaches the terminal")
        let files = bulletin.snapshot("Output")
        #expect(files.keys.filter { $0.hasPrefix("organisations/") }.count == 3 * Self.payloads.count, "every organisation is reported")
        // `.bulletin-build/` is the incremental build's own state, never published (not in the
        // manifest; the README says to leave it out when copying the site).
        for (path, data) in files where !path.hasPrefix(".bulletin-build/") {
            let text = String(decoding: data, as: UTF8.self)
            if !path.hasSuffix(".csv") {
                // The zero-width space that breaks a mention after `@` or `#` is the escaper's; the data's shows as [U+200B].
                let shown = text.replacingOccurrences(of: "@\u{200B}", with: "@").replacingOccurrences(of: "#\u{200B}", with: "#")
                #expect(!shown.unicodeScalars.contains { ["\u{1B}", "\u{202E}", "\u{200B}", "\u{0}", "\u{7}"].contains($0) }, "\(path) holds a raw invisible character")
            }
            if path.hasSuffix(".html") {
                // Escaping turns every `<` of the data into `&lt;`: any tag is the template's.
                let tags = Set(text.matches(of: /<([a-zA-Z][a-zA-Z0-9]*)/).map { String($0.output.1).lowercased() })
                #expect(tags.isSubset(of: Self.templateTags), "\(path) has \(tags.subtracting(Self.templateTags))")
                #expect(text.firstMatch(of: /<[^>]*\son[a-z]+=/) == nil, "\(path) has an event handler")
                #expect(!text.contains("href=\"javascript") && !text.contains("evil.example/\""), "\(path) links out")
            } else if path.hasSuffix(".md") {
                let html = try BuildCommandTests.cmarkGFM(data)
                let tags = Set(html.matches(of: /<([a-z0-9]+)[ >]/).map { String($0.output.1) })
                let structure: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td"]
                #expect(tags.isSubset(of: structure), "\(path) has \(tags.subtracting(structure))")
                for link in html.matches(of: /<a href="([^"]*)"/).map({ String($0.output.1) }) {
                    #expect(!link.contains("evil.example") && !link.hasPrefix("javascript") && !link.hasPrefix("data"), "\(path) links to \(link)")
                }
            } else if path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is valid JSON")
            }
        }
        let report = try #require(files["organisations/hostile-0/report.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect((document["organisation"] as? [String: Any])?["name"] as? String == Self.payloads[0], "report.json keeps the data as it was")
        let csv = String(decoding: try #require(files["findings.csv"]), as: UTF8.self)
        let rows = Self.csvRows(csv)
        #expect(rows.count > Self.payloads.count, "every organisation has evidence rows")
        for row in rows {
            #expect(row.count == rows[0].count, "\(row)")
            for cell in row {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "a formula in findings.csv: \(cell)")
            }
        }
    }

    /// The rows of an RFC 4180 file: quoted cells may hold commas, quotes (doubled) and line breaks.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = text.makeIterator()
        while let character = characters.next() {
            switch (quoted, character) {
            case (true, "\""):
                quoted = false
            case (true, _):
                cell.append(character)
            case (false, "\""):
                if !cell.isEmpty { cell.append("\"") }
                quoted = true
            case (false, ","):
                row.append(cell)
                cell = ""
            case (false, "\r\n"), (false, "\n"):
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            default:
                cell.append(character)
            }
        }
        return rows
    }
}
