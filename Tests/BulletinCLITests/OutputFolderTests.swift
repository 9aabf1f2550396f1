import Foundation
import Testing

/// `--output` is replaced whole by each build, so bulletin must never be pointed at something that
/// is not its own: it refuses, from the command line, every folder whose loss would hurt, and
/// deletes nothing.
@Suite struct OutputFolderTests {
    /// Runs a build into `output` and checks that it was refused with a message saying why and
    /// what to do, and that nothing under the scratch folder changed.
    func expectRefused(_ output: String, environment: [String: String] = [:], in bulletin: BulletinProcess, saying reason: String) throws {
        let before = bulletin.snapshot(".")
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--output", output], environment: environment)
        #expect(outcome.status == 1, "\(output): \(outcome.stderr)")
        #expect(outcome.stderr.contains(reason), "\(output): \(outcome.stderr)")
        #expect(outcome.stderr.contains("[output.refused]"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"), "\(outcome.stderr)")
        #expect(bulletin.snapshot(".") == before, "\(output): nothing changed")
    }

    @Test func refusesTheRootFolder() throws {
        let bulletin = try BulletinProcess()
        try expectRefused("/", in: bulletin, saying: "refusing to use / as the output folder; name a folder of its own, such as Output")
        try expectRefused("/tmp/../", in: bulletin, saying: "refusing to use / as the output folder")
    }

    @Test func refusesTheHomeFolderEvenWhenItIsEmpty() throws {
        let bulletin = try BulletinProcess()
        let home = bulletin.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try expectRefused(home.path, environment: ["HOME": home.path], in: bulletin, saying: "refusing to use \(home.path) as the output folder")
        try expectRefused("home/", environment: ["HOME": home.path], in: bulletin, saying: "as the output folder; name a folder of its own")
    }

    @Test(arguments: ["Content", "Content/", "./Templates", "Templates/partials", "Content/advisories/2021-03-exchange-proxylogon"])
    func refusesTheInputFolders(_ output: String) throws {
        let bulletin = try BulletinProcess()
        try expectRefused(output, in: bulletin, saying: "it would replace the input")
    }

    @Test func refusesASymbolicLinkToAnInputFolder() throws {
        let bulletin = try BulletinProcess()
        try FileManager.default.createSymbolicLink(atPath: bulletin.folder.appendingPathComponent("Site").path, withDestinationPath: "Templates")
        try expectRefused("Site", in: bulletin, saying: "it would replace the input")
    }

    @Test func refusesTheInputsOfAnotherContentFolderToo() throws {
        let bulletin = try BulletinProcess()
        try FileManager.default.copyItem(at: bulletin.folder.appendingPathComponent("Content"), to: bulletin.folder.appendingPathComponent("Bundle"))
        let before = bulletin.snapshot(".")
        // The shipped Content is not an input of this build, but it is a folder bulletin did not make.
        let outcome = try bulletin.run(["build", "--date", "2021-03-16", "--content", "Bundle", "--output", "Content"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("Content is not empty and was not made by bulletin; it would be replaced, so choose another --output or empty it"), "\(outcome.stderr)")
        #expect(bulletin.snapshot(".") == before)
    }

    @Test func refusesAFolderThatHoldsTheInputs() throws {
        let bulletin = try BulletinProcess()
        try expectRefused(".", in: bulletin, saying: "it would replace the input")
        try expectRefused("..", in: bulletin, saying: "it would replace the input")
    }

    @Test func refusesAFileAndANonEmptyFolderItDidNotMake() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("notes.txt", "keep me")
        try expectRefused("notes.txt", in: bulletin, saying: "notes.txt exists and is not a folder; remove it or choose another --output")
        try bulletin.write("Reports/.hidden", "even a hidden file is someone's")
        try expectRefused("Reports", in: bulletin, saying: "Reports is not empty and was not made by bulletin")
    }

    @Test func replacesItsOwnOutputAndUsesAnEmptyFolder() throws {
        let bulletin = try BulletinProcess()
        try FileManager.default.createDirectory(at: bulletin.folder.appendingPathComponent("Empty"), withIntermediateDirectories: true)
        #expect(try bulletin.run(["build", "--date", "2021-03-16", "--output", "Empty"]).status == 0)
        #expect(bulletin.snapshot("Empty")[".bulletin-output"] != nil, "the marker says the folder is bulletin's")
        try bulletin.write("Empty/stale.html", "from an earlier build")
        #expect(try bulletin.run(["build", "--date", "2021-03-17", "--output", "Empty"]).status == 0)
        #expect(bulletin.snapshot("Empty")["stale.html"] == nil, "its own folder is replaced whole")
        #expect(bulletin.snapshot("Empty")["index.html"] != nil)
        #expect(try bulletin.run(["build", "--date", "2021-03-18", "--output", "Empty"]).status == 0)
        #expect(bulletin.snapshot("Empty")["stale.html"] == nil, "nor does it come back from the previous site")
    }

    @Test func refusesAPreviousSiteFolderItDidNotMake() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write(".Output.previous/notes.txt", "keep me")
        try expectRefused("Output", in: bulletin, saying: ".Output.previous was not made by bulletin, which keeps the previous site there; move it away or choose another --output")
        #expect(bulletin.snapshot(".Output.previous")["notes.txt"] != nil)
    }
}
