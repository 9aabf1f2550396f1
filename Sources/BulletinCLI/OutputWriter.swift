import Foundation
import ReportRendering

/// The only stage that writes: it writes the new site into a folder beside the output folder
/// (the site before the current one, rewritten where it differs) and then swaps the two, so that
/// a failed or interrupted build leaves the previous site whole.
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

    /// Folders being removed in the background: a discarded rewrite of the previous site.
    let discardedFolders: DiscardedFolders

    init(output: URL) {
        self.output = output
        discardedFolders = DiscardedFolders(output: output)
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
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .notOurs("\(output.path) exists and is not a folder; remove it or choose another --output")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty && !entries.contains(Self.marker) {
                throw .notOurs("\(output.path) is not empty and was not made by bulletin; it would be replaced, so choose another --output or empty it")
            }
        }
        let spare = previousSite.path
        if FileManager.default.fileExists(atPath: spare, isDirectory: &isDirectory) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: spare)) ?? []
            guard isDirectory.boolValue, entries.isEmpty || entries.contains(Self.marker) else {
                throw .notOurs("\(spare) was not made by bulletin, which keeps the previous site there; move it away or choose another --output")
            }
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

    /// Where the site before the current one is kept between builds: `.Output.previous` beside
    /// `Output`. The next build rewrites it into the new site, changing only what differs, and
    /// swaps the two; so a build touches what changed, not every file of the site, and
    /// `Output/` is still replaced whole, in one step.
    var previousSite: URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Prepares the folder the build writes the new site into, after removing what killed
    /// builds left; `publish` swaps it in. With `reusing`, the site before the current one is
    /// rewritten in place and the folder says which organisations it already holds (by their
    /// keys); otherwise, or when that site is not whole (a build was killed while rewriting it),
    /// the folder starts empty.
    func makeStaging(reusing: Bool = false) throws(Failure) -> StagingFolder {
        try checkReplaceable()
        try OutputLock.acquire(for: output)
        removeAbandonedFolders()
        let fileManager = FileManager.default
        let spare = previousSite
        // `checkReplaceable` made sure that a folder there is bulletin's, or empty (one the user
        // made for the output, swapped out by the last build), which is simply removed.
        if fileManager.fileExists(atPath: spare.path), rmdir(spare.path) != 0 {
            if reusing, let keys = BuildState.organisationKeys(in: spare) {
                do throws(StagedFile.Failure) {
                    // From here until the new state is written the folder does not describe
                    // itself: a build killed meanwhile leaves it to be discarded, not reused.
                    try BuildState.markRewriting(spare)
                    try StagingFolder.removeSitePages(in: spare)
                } catch {
                    throw unwritten(error)
                }
                return StagingFolder(url: spare, replacing: output, holds: keys)
            }
            discardedFolders.discard(spare)
        }
        do throws(StagedFile.Failure) {
            try Self.makeFolders(spare.path)
            try StagedFile.write(Array("bulletin output folder: replaced whole by each build\n".utf8), to: spare.appendingPathComponent(Self.marker).path)
        } catch {
            try? fileManager.removeItem(at: spare)
            throw unwritten(error)
        }
        return StagingFolder(url: spare, replacing: output, holds: [:])
    }

    /// Swaps the finished `staging` folder in as the output folder, after putting it on disk:
    /// after a power cut the output is then the old site or the whole new one, never a new name
    /// over files that were still in memory. The old site takes the staging folder's place,
    /// for the next build to rewrite.
    ///
    /// `seal` (the build state's catalogue) is written once everything else is on disk, and put
    /// on disk itself before the swap: a folder with it is whole even after a power cut, which the
    /// next build relies on when it rewrites the folder rather than building it anew.
    func publish(_ staging: StagingFolder, sealedBy seal: RenderedFile? = nil) throws(Failure) {
        defer { discardedFolders.finish() }
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
        if let seal {
            do {
                try staging.write(seal)
            } catch {
                discard(staging)
                throw error
            }
            let path = staging.url.path + "/" + seal.path
            StagedFile.flush(path)
            StagedFile.flush((path as NSString).deletingLastPathComponent)
        }
        try swap(staging.url, into: output)
        StagedFile.flush(output.deletingLastPathComponent().path)
    }

    /// Removes a staging folder that will not be published (the build failed).
    func discard(_ staging: StagingFolder) {
        try? FileManager.default.removeItem(at: staging.url)
        discardedFolders.finish()
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

    /// Puts `staging` where `output` is and the old output where `staging` was. With an
    /// existing output, both are exchanged in one `renameat2(RENAME_EXCHANGE)` where the system
    /// has it, so there is no moment without a site; elsewhere the old folder is moved aside
    /// first.
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
        if Self.exchange(staging.path, output.path) { return }
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
        if rename(old.path, staging.path) != 0 { try? fileManager.removeItem(at: old) }
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
