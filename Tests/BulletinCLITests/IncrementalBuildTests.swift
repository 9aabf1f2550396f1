import Foundation
import Testing

/// Incremental builds: what did not change is reused, and the site is byte for byte the one a
/// clean build of the same inputs makes.
@Suite struct IncrementalBuildTests {
    /// The site without the build state (which records this machine's file times).
    static func site(_ bulletin: BulletinProcess, _ output: String) -> [String: Data] {
        bulletin.snapshot(output).filter { !$0.key.hasPrefix(".bulletin-build/") }
    }

    static let date = ["--date", "2021-03-16"]

    @Test func rebuildsOnlyTheChangedOrganisationAndMatchesACleanBuild() throws {
        let bulletin = try BulletinProcess()
        var lines = ParallelBuildTests.corpus(40).split(separator: "\n").map(String.init)
        lines[5] = lines[5].replacingOccurrences(of: #""id": "mail""#, with: #""id": "mail", "surprise": true"#)
        try bulletin.write("Content/scans/many.jsonl", lines.joined(separator: "\n") + "\n")
        let first = try bulletin.run(["build"] + Self.date)
        #expect(first.status == 0, "\(first.stderr)")

        // One organisation changes: its build moves to a vulnerable one and gains web shell evidence.
        lines[9] = ParallelBuildTests.organisation(9)
            .replacingOccurrences(of: "Organisation 9", with: "Organisation Nine")
            .replacingOccurrences(of: #""observations": []"#, with: #""observations": [{"type": "file", "path": "C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx", "time": "2021-03-05T01:00:00Z"}]"#)
        try bulletin.write("Content/scans/many.jsonl", lines.joined(separator: "\n") + "\n")
        let incremental = try bulletin.run(["build"] + Self.date)
        #expect(incremental.status == 0, "\(incremental.stderr)")
        #expect(incremental.stderr.contains("56 organisations (53 unchanged, reused)"), "\(incremental.stderr)")
        let clean = try bulletin.run(["build", "--clean", "--output", "Clean"] + Self.date)
        #expect(clean.status == 0)
        #expect(!clean.stderr.contains("reused"))
        let a = Self.site(bulletin, "Output"), b = Self.site(bulletin, "Clean")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        #expect(String(decoding: a["organisations/org-009/report.md"] ?? Data(), as: UTF8.self).contains("Organisation Nine"))
        #expect(incremental.stderr.replacingOccurrences(of: " (53 unchanged, reused)", with: "") == clean.stderr.replacingOccurrences(of: "Clean", with: "Output"),
                "a reused organisation still reports its warning")
        #expect(incremental.stderr.contains("surprise"))
    }

    @Test func aChangedAdvisoryOrTemplateRebuildsEveryOrganisation() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", ParallelBuildTests.corpus(10))
        #expect(try bulletin.run(["build"] + Self.date).status == 0)
        let template = bulletin.folder.appendingPathComponent("Templates/organisation.md.mustache")
        try (try String(contentsOf: template, encoding: .utf8) + "\nEnd of report.\n").write(to: template, atomically: true, encoding: .utf8)
        let incremental = try bulletin.run(["build"] + Self.date)
        #expect(incremental.status == 0)
        #expect(!incremental.stderr.contains("reused"), "\(incremental.stderr)")
        #expect(String(decoding: Self.site(bulletin, "Output")["organisations/org-001/report.md"] ?? Data(), as: UTF8.self).hasSuffix("End of report.\n"))
        let again = try bulletin.run(["build", "--date", "2021-03-17"])
        #expect(!again.stderr.contains("reused"), "a new report date changes every report")
    }

    @Test func aFailedBuildLeavesThePreviousSiteAndStateUsable() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", ParallelBuildTests.corpus(10))
        #expect(try bulletin.run(["build"] + Self.date).status == 0)
        let before = bulletin.snapshot("Output")
        try bulletin.write("Content/scans/bad.jsonl", "{not json\n")
        #expect(try bulletin.run(["build"] + Self.date).status == 1)
        #expect(bulletin.snapshot("Output") == before)
        try FileManager.default.removeItem(at: bulletin.folder.appendingPathComponent("Content/scans/bad.jsonl"))
        let again = try bulletin.run(["build"] + Self.date)
        #expect(again.stderr.contains("(24 unchanged, reused)"), "\(again.stderr)")
    }

    /// Each build rewrites the site before the current one (`.Output.previous`) where it differs
    /// and swaps it in: over builds that change, add and remove organisations, and one run with
    /// `--all`, the site is every time the one a clean build makes.
    @Test func rewritingThePreviousSiteGivesTheCleanSiteBuildAfterBuild() throws {
        let bulletin = try BulletinProcess()
        var organisations = (0..<30).map(ParallelBuildTests.organisation)
        let steps: [(String, (inout [String]) -> Void, [String])] = [
            ("first build", { _ in }, []),
            ("one organisation changes", { $0[4] = $0[4].replacingOccurrences(of: "Organisation 4", with: "Organisation Four") }, []),
            ("another changes, one goes", { $0[8] = $0[8].replacingOccurrences(of: "15.1.2176.2", with: "15.2.792.3"); $0.remove(at: 12) }, []),
            ("nothing changes", { _ in }, []),
            ("unaffected ones get reports too", { _ in }, ["--all"]),
            ("one comes back, without --all again", { $0.append(ParallelBuildTests.organisation(12)) }, []),
        ]
        for (step, change, flags) in steps {
            change(&organisations)
            try bulletin.write("Content/scans/many.jsonl", organisations.joined(separator: "\n") + "\n")
            let incremental = try bulletin.run(["build"] + Self.date + flags)
            #expect(incremental.status == 0, "\(step): \(incremental.stderr)")
            let clean = try bulletin.run(["build", "--clean", "--output", "Clean"] + Self.date + flags)
            #expect(clean.status == 0, "\(step): \(clean.stderr)")
            let a = Self.site(bulletin, "Output"), b = Self.site(bulletin, "Clean")
            #expect(a.keys.sorted() == b.keys.sorted(), "\(step)")
            #expect(a == b, "\(step)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: bulletin.folder.path).filter { $0.hasPrefix(".Output.") }
        #expect(entries == [".Output.previous"], "only the previous site is kept beside the output")
    }

    /// A build killed while it rewrote the previous site leaves that site without its state: the
    /// next build does not trust what is in it.
    @Test func aPreviousSiteLeftHalfRewrittenIsNotReused() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", ParallelBuildTests.corpus(10))
        for _ in 0..<2 { #expect(try bulletin.run(["build"] + Self.date).status == 0) }
        let previous = bulletin.folder.appendingPathComponent(".Output.previous")
        try FileManager.default.removeItem(at: previous.appendingPathComponent(".bulletin-build/catalogue"))
        // As a killed build leaves it: a new file where an old one was unlinked (files the two
        // sites share are hard links, never written in place).
        try FileManager.default.removeItem(at: previous.appendingPathComponent("organisations/org-001/index.html"))
        try bulletin.write(".Output.previous/organisations/org-001/index.html", "half written")
        try bulletin.write(".Output.previous/organisations/org-002/stray.html", "half written")
        #expect(try bulletin.run(["build"] + Self.date).status == 0)
        #expect(try bulletin.run(["build", "--clean", "--output", "Clean"] + Self.date).status == 0)
        #expect(Self.site(bulletin, "Output") == Self.site(bulletin, "Clean"))
    }

    /// Two builds into the same output at once would rewrite the same previous site: the second
    /// is refused, saying why.
    @Test func aSecondBuildIntoTheSameOutputAtOnceIsRefused() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["build"] + Self.date).status == 0)
        let before = bulletin.snapshot("Output")
        // The lock a running build holds: on the folder that holds the output.
        let descriptor = open(bulletin.folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let second = try bulletin.run(["build"] + Self.date)
        #expect(second.status == 1)
        #expect(second.stderr.contains("another bulletin is writing a site in \(bulletin.folder.path)"), "\(second.stderr)")
        #expect(bulletin.snapshot("Output") == before)
        flock(descriptor, LOCK_UN)
        #expect(try bulletin.run(["build"] + Self.date).status == 0)
    }
}
