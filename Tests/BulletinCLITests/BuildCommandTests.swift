import Foundation
import Testing

/// `bulletin build` end to end, on a copy of the shipped Content, as a user runs it.
@Suite struct BuildCommandTests {
    /// What each sample organisation's scans call for (see Content/scans and the build table).
    static let expectedStatuses: [String: String] = [
        "bramble-arts": "unknown",
        "cloudfirst-consulting": "not_affected",
        "fenwick-legal": "vulnerable",
        "granite-bank": "vulnerable_no_fix",
        "harbour-clinic": "vulnerable",
        "hilltop-library": "patched",
        "kestrel-freight": "vulnerable",
        "lakeside-logistics": "undetermined",
        "marsh-hospital": "vulnerable",
        "meadow-insurance": "not_affected",
        "northfield-water": "patched",
        "oakridge-school": "vulnerable_no_fix",
        "quarry-labs": "vulnerable",
        "riverside": "vulnerable",
        "tidewater-college": "patched",
        "westbrook-council": "vulnerable",
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
        #expect(hosts.last?["status"] as? String == "vulnerable", "the internal sweep's full build decides over the external three-part one")
        #expect(hosts.last?["version"] as? String == "15.2.721.2")
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
        #expect(outcome.stderr.contains("verified 1 advisories and 14 scan files: 16 organisations"))
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
        for command in [["--help"], ["build", "--help"], ["verify", "--help"]] {
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
