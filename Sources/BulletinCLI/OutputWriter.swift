import Foundation
import ReportRendering

/// The only stage that writes: it writes the whole site into a staging folder beside the output
/// folder and then swaps it in, so that a failed or interrupted build leaves the previous site
/// whole.
struct OutputWriter {
    /// The output folder.
    let output: URL

    /// The marker that tells bulletin a folder is its own output, which it may replace.
    static let marker = ".bulletin-output"

    enum Failure: Error, CustomStringConvertible {
        case notOurs(String)
        case io(String)

        var description: String {
            switch self {
            case .notOurs(let message), .io(let message): message
            }
        }
    }

    /// Folders the build reads (content, scans, templates): the output may not be one of them, be
    /// inside one, or hold one, since replacing it would delete the inputs.
    var protected: [URL] = []

    /// The user's home folder as the shell knows it (`$HOME`, which `sudo`, containers and CI
    /// set) and as the account database does; both are someone's whole life's files.
    static var homeFolders: Set<String> {
        let candidates: [String?] = [ProcessInfo.processInfo.environment["HOME"], FileManager.default.homeDirectoryForCurrentUser.path]
        return Set(candidates.compactMap { $0 }.filter { !$0.isEmpty }.map {
            URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path
        })
    }

    /// Checks, before any work is done, that the output folder may be replaced.
    func checkReplaceable() throws(Failure) {
        let path = output.standardizedFileURL.resolvingSymlinksInPath().path
        if path == "/" || Self.homeFolders.contains(path) {
            throw .notOurs("refusing to use \(path) as the output folder; name a folder of its own, such as Output")
        }
        for input in protected {
            let inputPath = input.standardizedFileURL.resolvingSymlinksInPath().path
            if path == inputPath || inputPath.hasPrefix(path + "/") || path.hasPrefix(inputPath + "/") {
                throw .notOurs("refusing to use \(output.path) as the output folder: it would replace the input \(input.path); name a folder of its own, such as Output")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw .notOurs("\(output.path) exists and is not a folder; remove it or choose another --output")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty && !entries.contains(Self.marker) {
            throw .notOurs("\(output.path) is not empty and was not made by bulletin; it would be replaced, so choose another --output or empty it")
        }
    }

    /// Writes `files` and swaps them in as the new output folder.
    func write(_ files: [RenderedFile]) throws(Failure) {
        let staging = try makeStaging()
        do {
            try staging.write(files)
        } catch {
            discard(staging)
            throw error
        }
        try publish(staging)
    }

    /// Creates the empty staging folder beside the output folder, marked as bulletin's, after
    /// removing what killed builds left; the build writes into it and `publish` swaps it in.
    func makeStaging() throws(Failure) -> StagingFolder {
        try checkReplaceable()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = output.deletingLastPathComponent().appendingPathComponent(".\(name).staging-\(pid)")
        removeAbandonedFolders()
        let fileManager = FileManager.default
        do throws(StagedFile.Failure) {
            try? fileManager.removeItem(at: staging)
            try Self.makeFolders(staging.path)
            try StagedFile.write(Array("bulletin output folder: replaced whole by each build\n".utf8), to: staging.appendingPathComponent(Self.marker).path)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw unwritten(error)
        }
        return StagingFolder(url: staging, replacing: output)
    }

    /// Swaps the finished `staging` folder in as the output folder, after putting it on disk:
    /// after a power cut the output is then the old site or the whole new one, never a new name
    /// over files that were still in memory.
    func publish(_ staging: StagingFolder) throws(Failure) {
        do {
            try checkReplaceable()
        } catch {
            discard(staging)
            throw error
        }
        do throws(StagedFile.Failure) {
            try StagedFile.flushFileSystem(of: staging.url.path)
        } catch {
            discard(staging)
            throw unwritten(error)
        }
        try swap(staging.url, into: output)
        StagedFile.flushFolder(output.deletingLastPathComponent().path)
    }

    /// Removes a staging folder that will not be published (the build failed).
    func discard(_ staging: StagingFolder) {
        try? FileManager.default.removeItem(at: staging.url)
    }

    /// The failure for a site that could not be written, saying what the output still holds.
    func unwritten(_ error: StagedFile.Failure) -> Failure {
        Self.unwritten(error, replacing: output)
    }

    /// The failure for a site meant to replace `output` that could not be written.
    static func unwritten(_ error: StagedFile.Failure, replacing output: URL) -> Failure {
        let kept = FileManager.default.fileExists(atPath: output.path) ? "\(output.path) still holds the previous site" : "nothing was published"
        return .io("cannot write the new site: \(error.description); \(kept)")
    }

    /// Makes `folder` and the folders above it that are missing (`--output` may name a folder
    /// in a folder that does not exist yet).
    private static func makeFolders(_ folder: String) throws(StagedFile.Failure) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder, parent != "/" { try makeFolders(parent) }
        try StagedFile.makeFolder(folder)
    }

    /// Puts `staging` where `output` is. With an existing output, both are exchanged in one
    /// `renameat2(RENAME_EXCHANGE)` where the system has it, so there is no moment without a
    /// site; elsewhere the old folder is moved aside first.
    private func swap(_ staging: URL, into output: URL) throws(Failure) {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            guard rename(staging.path, output.path) == 0 else {
                let cause = String(cString: strerror(errno))
                try? fileManager.removeItem(at: staging)
                throw .io("cannot move the new site into \(output.path): \(cause)")
            }
            return
        }
        if Self.exchange(staging.path, output.path) {
            try? fileManager.removeItem(at: staging)
            return
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: old)
        guard rename(output.path, old.path) == 0 else {
            let cause = String(cString: strerror(errno))
            try? fileManager.removeItem(at: staging)
            throw .io("cannot move the previous site \(output.path) aside: \(cause)")
        }
        guard rename(staging.path, output.path) == 0 else {
            _ = rename(old.path, output.path)
            throw .io("cannot move the new site into \(output.path): \(String(cString: strerror(errno)))")
        }
        try? fileManager.removeItem(at: old)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Atomically exchanges two paths with Linux's `renameat2`, looked up at run time because
    /// Swift's Glibc module does not declare it. Returns false where it is unavailable.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}
