import Foundation
import ReportRendering
import Testing

@testable import BulletinCLI

/// The output writer's promises: the old site stays whole when the new one cannot be written,
/// failures name the path and the system's reason, and what killed builds left is cleaned up.
@Suite struct OutputWriterTests {
    /// A scratch folder with an `Output` inside, removed when the test ends.
    final class Scratch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-writer-\(UUID().uuidString)")
        var output: URL { folder.appendingPathComponent("Output") }

        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
    }

    private func file(_ path: String, _ text: String) -> RenderedFile {
        RenderedFile(path: path, contents: Array(text.utf8))
    }

    @Test func writesTheSiteAndReplacesThePreviousOneWhole() throws {
        let scratch = try Scratch()
        let writer = OutputWriter(output: scratch.output)
        try writer.write([file("index.html", "one"), file("organisations/a/report.html", "a")])
        try writer.write([file("index.html", "two")])
        #expect(try scratch.read("index.html") == "two")
        #expect(!FileManager.default.fileExists(atPath: scratch.output.appendingPathComponent("organisations").path))
        #expect(try scratch.entries() == [".Output.previous", "Output"], "the previous site is kept beside, and nothing else")
        #expect(try String(contentsOf: scratch.folder.appendingPathComponent(".Output.previous/index.html"), encoding: .utf8) == "one")
    }

    @Test func aFileThatCannotBeWrittenNamesItsPathAndLeavesThePreviousSite() throws {
        let scratch = try Scratch()
        let writer = OutputWriter(output: scratch.output)
        try writer.write([file("index.html", "old")])
        // `a` is a file, so the folder `a/` cannot be made: the same path as a full disk, halfway.
        let failure = #expect(throws: OutputWriter.Failure.self) {
            try writer.write([file("a", "x"), file("a/b.html", "y")])
        }
        #expect(failure?.description == "cannot write the new site: cannot create the folder \(scratch.folder.path)/.Output.previous/a: File exists; \(scratch.output.path) still holds the previous site")
        #expect(try scratch.read("index.html") == "old")
        #expect(try scratch.entries() == ["Output"], "the half-written site is removed")
    }

    @Test func anOutputWhoseFolderCannotBeMadeIsAClearError() throws {
        let scratch = try Scratch()
        let blocker = scratch.folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        let writer = OutputWriter(output: blocker.appendingPathComponent("Output"))
        let failure = #expect(throws: OutputWriter.Failure.self) { try writer.write([file("index.html", "x")]) }
        #expect(failure?.description == "cannot write the new site: cannot create the folder \(blocker.path): File exists; nothing was published")
    }

    @Test func removesWhatKilledBuildsLeftButNotWhatARunningBuildIsWriting() throws {
        let scratch = try Scratch()
        let dead = try Self.pidOfAnExitedProcess()
        let running = getppid()
        for name in [".Output.staging-\(dead)", ".Output.old-\(dead)", ".Output.staging-\(running)", ".Other.staging-\(dead)"] {
            try FileManager.default.createDirectory(at: scratch.folder.appendingPathComponent(name + "/organisations"), withIntermediateDirectories: true)
        }
        try OutputWriter(output: scratch.output).write([file("index.html", "x")])
        #expect(try scratch.entries() == [".Other.staging-\(dead)", ".Output.staging-\(running)", "Output"])
        for name in [".Output.discarded-\(dead)-0", ".Output.discarded-\(running)-0"] {
            try FileManager.default.createDirectory(at: scratch.folder.appendingPathComponent(name + "/organisations"), withIntermediateDirectories: true)
        }
        try OutputWriter(output: scratch.output).write([file("index.html", "y")])
        #expect(try scratch.entries() == [".Other.staging-\(dead)", ".Output.discarded-\(running)-0", ".Output.previous", ".Output.staging-\(running)", "Output"])
    }

    /// The id of a process that has exited, which no running process has (barring reuse, which
    /// takes the system a full round of process ids).
    static func pidOfAnExitedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
