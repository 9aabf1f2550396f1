import Foundation
import Testing

/// `bulletin build` end to end, on a copy of the shipped Content, as a user runs it.
@Suite struct BuildCommandTests {
    /// What each sample organisation's scans call for (see Content/scans and the build table).
    static let expectedStatuses: [String: String] = [
        "bramble-arts": "unknown",
        "cloudfirst-consulting": "not_affected",
        "fenwick-legal": "compromised",
        "granite-bank": "compromised",
        "harbour-clinic": "compromised",
        "hilltop-library": "patched",
        "kestrel-freight": "compromised",
        "lakeside-logistics": "undetermined",
        "marsh-hospital": "compromised",
        "meadow-insurance": "not_affected",
        "northfield-water": "patched",
        "oakridge-school": "compromised",
        "quarry-labs": "vulnerable",
        "riverside": "compromised",
        "tidewater-college": "patched",
        "westbrook-council": "compromised",
    ]

    static let affectedStatuses: Set<String> = ["undetermined", "vulnerable", "vulnerable_no_fix", "suspicious", "compromised"]

    @Test func buildsTheShippedContentWithTheStatusEachScanCallsFor() throws {
        let bulletin = try BulletinProcess()
        let outcome = try bulletin.run(["build", "--date", "2021-03-16"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("bulletin: built"))

        let index = try bulletin.index()
        #expect(index["generated"] as? String == "2021-03-16")
        let organisations = try #require(index["organisations"] as? [[String: Any]])
        let statuses = Dictionary(uniqueKeysWithValues: organisations.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(statuses == Self.expectedStatuses)
        #expect(organisations.map { $0["id"] as? String ?? "" } == organisations.map { $0["id"] as? String ?? "" }.sorted())

        let files = bulletin.snapshot("Output")
        for (id, status) in Self.expectedStatuses {
            let affected = Self.affectedStatuses.contains(status)
            #expect((files["organisations/\(id)/index.html"] != nil) == affected, "\(id) report")
            #expect((files["organisations/\(id)/report.md"] != nil) == affected, "\(id) Markdown")
        }
        let indexPage = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        for id in Self.expectedStatuses.keys {
            #expect(indexPage.contains("<td>\(id)</td>"), "index lists \(id)")
        }
    }

    @Test func mergesTheTwoRiversideScansIntoOneHostWithBothBuilds() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16"]).status == 0)
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        let riverside = try #require(organisations.first { $0["id"] as? String == "riverside" })
        let hosts = try #require((riverside["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]])
        #expect(hosts.map { $0["id"] as? String } == ["hybrid", "mail"])
        #expect(hosts.last?["status"] as? String == "compromised")
        #expect(hosts.last?["version"] as? String == "15.2.721.2", "the internal sweep's full build decides over the external three-part one")
        #expect((hosts.last?["findings"] as? [String])?.contains("PL-UPSTREAM-WEBSHELL") == true, "the external scan's detection counts")
        #expect((hosts.last?["findings"] as? [String])?.contains("PL-WEBSHELL-SHA256") == true, "the internal sweep's files count")
    }

    @Test func twoBuildsOfTheSameInputsAreByteIdentical() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--output", "A"]).status == 0)
        #expect(try bulletin.run(["build", "--output", "B"], environment: ["SOURCE_DATE_EPOCH": "1615852800"]).status == 0)
        let a = bulletin.snapshot("A"), b = bulletin.snapshot("B")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b, "SOURCE_DATE_EPOCH 1615852800 is 2021-03-16, so the sites are the same")
    }

    @Test func allRendersReportsForUnaffectedOrganisationsToo() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--all"]).status == 0)
        let files = bulletin.snapshot("Output")
        for id in Self.expectedStatuses.keys {
            #expect(files["organisations/\(id)/index.html"] != nil, "\(id)")
        }
    }

    /// Bad input of each kind: the located error it must produce.
    static let badInputs: [(name: String, file: String, text: String, expected: String)] = [
        ("JSON syntax error", "Content/scans/zz-broken.json",
         "{\n  \"format\": \"bulletin.scan/1\",\n  \"organisation\": {\"id\": \"x\", \"name\": \"X\"}\n  \"hosts\": []\n}\n",
         "Content/scans/zz-broken.json:4:3: error: unexpected '\"'; expected ',' or '}' in object; the file is not valid JSON [scan.syntax]"),
        ("organisation id that is a path", "Content/scans/zz-evil.json",
         "{\"format\": \"bulletin.scan/1\", \"organisation\": {\"id\": \"../x\", \"name\": \"X\"}, \"hosts\": []}\n",
         "Content/scans/zz-evil.json:1:54: error: organisation id '../x' is not valid"),
        ("duplicate host", "Content/scans/zz-dup.json",
         "{\"format\": \"bulletin.scan/1\", \"organisation\": {\"id\": \"dup\", \"name\": \"Dup\"},\n \"hosts\": [{\"id\": \"mail01\"}, {\"id\": \"mail01\"}]}\n",
         "Content/scans/zz-dup.json:2:37: error: host 'mail01' is declared twice in organisation 'dup'"),
        ("front matter error", "Content/advisories/zz-broken/advisory.md",
         "---\nid: BUL-X\ntitle: [unclosed\n---\nBody\n",
         "Content/advisories/zz-broken/advisory.md:4:1: error: front matter is not valid YAML"),
    ]

    @Test(arguments: 0..<badInputs.count)
    func badInputIsALocatedErrorAndLeavesTheOutputUntouched(_ index: Int) throws {
        let bad = Self.badInputs[index]
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16"]).status == 0)
        let before = bulletin.snapshot("Output")
        try bulletin.write(bad.file, bad.text)

        let outcome = try bulletin.run(["build", "--date", "2021-03-17"])
        #expect(outcome.status == 1, "\(bad.name)")
        #expect(outcome.stderr.contains(bad.expected), "\(bad.name): \(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"))
        #expect(bulletin.snapshot("Output") == before, "\(bad.name): the previous site is untouched")

        let verify = try bulletin.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains(bad.expected))
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Precious/thesis.tex", "years of work")
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--output", "Precious"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("is not empty and was not made by bulletin"))
        #expect(bulletin.snapshot("Precious") == ["thesis.tex": Data("years of work".utf8)])
    }

    @Test func aUsageErrorExitsWith64() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--no-such-option"]).status == 64)
        let badDate = try bulletin.run(["build", "--date", "16/03/2021"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.contains("--date '16/03/2021' is not a date written YYYY-MM-DD"))
    }

    @Test func verifyChecksEverythingAndWritesNothing() throws {
        let bulletin = try BulletinProcess()
        let outcome = try bulletin.run(["verify"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("verified 1 advisories (18 indicators against 138 samples) and 14 scan files: 16 organisations"))
        #expect(!FileManager.default.fileExists(atPath: bulletin.folder.appendingPathComponent("Output").path))
    }

    @Test func printsDiagnosticsAsJSONLinesForCI() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/zz-dup.json", "{\"format\": \"bulletin.scan/1\", \"organisation\": {\"id\": \"dup\", \"name\": \"Dup\"},\n \"hosts\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}\n")
        let outcome = try bulletin.run(["verify", "--diagnostics", "json"])
        let line = try #require(outcome.stderr.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "Content/scans/zz-dup.json")
        #expect(object["line"] as? Int == 2)
        #expect(object["column"] as? Int == 32)
        #expect(object["id"] as? String == "scan.duplicate-host")
        #expect(object["severity"] as? String == "error")
    }

    @Test func everyCommandHasAManualPage() throws {
        let bulletin = try BulletinProcess()
        for command in [["--help"], ["build", "--help"], ["merge", "--help"], ["verify", "--help"]] {
            let outcome = try bulletin.run(command)
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("USAGE:"), "\(command)")
        }
        #expect(try bulletin.run(["build", "--help"]).stdout.contains("SOURCE_DATE_EPOCH"))
    }
}

extension BuildCommandTests {
    @Test func aReportSaysWhoSentItAndHowToVerifyIt() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16"]).status == 0)
        let report = String(decoding: try #require(bulletin.snapshot("Output")["organisations/harbour-clinic/index.html"]), as: UTF8.self)
        #expect(report.contains("This report was sent by <strong>Example National CERT</strong>"))
        #expect(report.contains("To check that it is genuine"))
    }

    @Test func refusesToPublishWithoutSayingWhoPublishes() throws {
        let bulletin = try BulletinProcess()
        try FileManager.default.removeItem(at: bulletin.folder.appendingPathComponent("Content/site.yml"))
        let outcome = try bulletin.run(["build", "--date", "2021-03-16"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("Content/site.yml: error: no site.yml: say who sends the reports"))
    }
}

extension BuildCommandTests {
    /// Hosts that carry compromise evidence, with the indicators that must find it.
    static let expectedFindings: [String: Set<String>] = [
        "fenwick-legal/exch2010": ["PL-26857-UM-EVENT"],
        "granite-bank/mail02": ["PL-26855-HTTPPROXY", "PL-ATTACKER-IP", "PL-ATTACKER-UA", "PL-UPSTREAM-26855-PROBE"],
        "kestrel-freight/owa01": ["PL-UPSTREAM-WEBSHELL"],
        "marsh-hospital/exchmbx": ["PL-27065-ECP-SCRIPT-URL", "PL-ECP-AUTH-UNEXPECTED", "PL-WEBSHELL-SHA256"],
        "oakridge-school/exch": ["PL-26855-HTTPPROXY", "PL-26857-UM-EVENT", "PL-ATTACKER-IP", "PL-ATTACKER-UA"],
        "westbrook-council/mbx01": ["PL-26858-OABGEN", "PL-ASPNET-CLIENT-ASPX", "PL-WEBSHELL-SHA256"],
    ]

    @Test func findsTheCompromiseEvidenceAndNoneOnTheBenignLookAlikes() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16"]).status == 0)
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        var findings: [String: Set<String>] = [:]
        for organisation in organisations {
            for advisory in organisation["advisories"] as? [[String: Any]] ?? [] {
                for host in advisory["hosts"] as? [[String: Any]] ?? [] {
                    let ids = Set(host["findings"] as? [String] ?? [])
                    if !ids.isEmpty { findings["\(organisation["id"] as? String ?? "")/\(host["id"] as? String ?? "")"] = ids }
                }
            }
        }
        for (host, expected) in Self.expectedFindings {
            #expect(findings[host] == expected, "\(host)")
        }
        for benign in ["northfield-water/mail01", "meadow-insurance/exch01", "granite-bank/mail01", "riverside/hybrid", "tidewater-college/mail"] {
            #expect(findings[benign] == nil, "\(benign) carries only look-alikes")
        }
        #expect(Set(findings.keys) == Set(Self.expectedFindings.keys).union(["harbour-clinic/mail01", "riverside/mail"]))
        #expect(findings["harbour-clinic/mail01"]?.count == 12)
    }

    @Test func verifyFailsLoudlyWhenASampleContradictsItsIndicator() throws {
        let bulletin = try BulletinProcess()
        let indicators = bulletin.folder.appendingPathComponent("Content/advisories/2021-03-exchange-proxylogon/indicators.yml")
        var text = try String(contentsOf: indicators, encoding: .utf8)
        // The known-hash indicator's inline match sample gets a hash that is not on the list.
        let entry = try #require(text.range(of: "- id: PL-WEBSHELL-SHA256"))
        let samples = try #require(text.range(of: "samples:", range: entry.upperBound..<text.endIndex))
        let range = try #require(text.range(of: "2b6f1ebb2208e93ade4a6424555d6a8341fd6d9f60c25e44afe11008f5c1aad1", range: samples.upperBound..<text.endIndex))
        text.replaceSubrange(range, with: String(repeating: "0", count: 64))
        try Data(text.utf8).write(to: indicators)
        let lineOfSample = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1

        let verify = try bulletin.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("indicators.yml:\(lineOfSample):"), "located at the sample: \(verify.stderr)")
        #expect(verify.stderr.contains("error: indicator 'PL-WEBSHELL-SHA256' does not match its match sample"))
        let build = try bulletin.run(["build", "--date", "2021-03-16"])
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: bulletin.folder.appendingPathComponent("Output").path), "nothing is published")
    }
}

extension BuildCommandTests {
    @Test(arguments: ["Content", "Templates", "Content/scans", ".", "Content/advisories"])
    func refusesAnOutputFolderThatWouldReplaceAnInput(_ output: String) throws {
        let bulletin = try BulletinProcess()
        let before = bulletin.snapshot("Content")
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--output", output])
        #expect(outcome.status == 1, "\(output)")
        #expect(outcome.stderr.contains("refusing to use") || outcome.stderr.contains("was not made by bulletin"), "\(outcome.stderr)")
        #expect(bulletin.snapshot("Content") == before)
    }

    @Test func noOrganisationsFolderHoldsAnotherOrganisationsData() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--all"]).status == 0)
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        // What identifies each organisation in the scans: its name, host names and addresses.
        var identifying: [String: Set<String>] = [:]
        for organisation in organisations {
            let id = organisation["id"] as? String ?? ""
            var tokens: Set<String> = [organisation["name"] as? String ?? ""]
            let report = try #require(bulletin.snapshot("Output")["organisations/\(id)/report.json"])
            let document = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
            for advisory in document["advisories"] as? [[String: Any]] ?? [] {
                for host in advisory["hosts"] as? [[String: Any]] ?? [] {
                    if let hostname = host["hostname"] as? String { tokens.insert(hostname) }
                    for address in host["addresses"] as? [String] ?? [] { tokens.insert(address) }
                }
            }
            identifying[id] = tokens
        }
        let files = bulletin.snapshot("Output")
        for (id, _) in identifying {
            let own = files.filter { $0.key.hasPrefix("organisations/\(id)/") }
            #expect(!own.isEmpty)
            for (path, data) in own {
                let text = String(decoding: data, as: UTF8.self)
                for (other, tokens) in identifying where other != id {
                    for token in tokens where !token.isEmpty && !identifying[id]!.contains(token) {
                        #expect(!text.contains(token), "\(path) contains \(other)'s \(token)")
                    }
                    #expect(!text.contains("organisations/\(other)/"), "\(path) links to \(other)")
                }
            }
        }
    }
}

extension BuildCommandTests {
    /// Renders Markdown as GitHub does (cmark-gfm with its extensions).
    static func cmarkGFM(_ markdown: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(markdown)
        try input.fileHandleForWriting.close()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cmark-gfm is needed: apt-get install cmark-gfm")
        return String(decoding: html, as: UTF8.self)
    }

    @Test func theSampleBuildsMarkdownHasNoElementFromScanDataButTextAndCode() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--all"]).status == 0)
        // Links may come only from the advisory's references and the publisher's website.
        let advisory = try String(contentsOf: bulletin.folder.appendingPathComponent("Content/advisories/2021-03-exchange-proxylogon/advisory.md"), encoding: .utf8)
        let allowedLinks = Set(advisory.matches(of: /url: "([^"]+)"/).map { String($0.output.1) } + ["https://cert.example.org/"])
        let files = bulletin.snapshot("Output").filter { $0.key.hasSuffix(".md") }
        #expect(files.count == 17, "16 reports and the briefing")
        for (path, markdown) in files {
            let html = try Self.cmarkGFM(markdown)
            let links = html.matches(of: /<a href="([^"]*)"/).map { String($0.output.1) }
            for link in links {
                #expect(allowedLinks.contains(link), "\(path) links to \(link)")
            }
            let tags = Set(html.matches(of: /<([a-z0-9]+)[ >]/).map { String($0.output.1) })
            let structure: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td"]
            #expect(tags.isSubset(of: structure), "\(path) has \(tags.subtracting(structure))")
            #expect(!html.contains("@<a"), "\(path) has no mention link")
        }
    }
}
