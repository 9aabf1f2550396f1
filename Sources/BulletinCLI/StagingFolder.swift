import Foundation
import ReportRendering

/// The folder a build writes the new site into before `OutputWriter` swaps it in. Workers write
/// their organisations' files into it at the same time; each file has one writer.
///
/// It may hold the site before the current one, which the build rewrites where it differs
/// (`holds` says what it has). Its files may be hard links to the published site's, so a file is
/// never written in place: it is unlinked and created anew.
struct StagingFolder: Sendable {
    let url: URL
    /// The output folder this one will replace, named in errors (it still holds the old site).
    let replacing: URL
    /// The organisations whose reports the folder already holds, by id, with the key they were
    /// built with (`BuildKey`); empty for an empty folder.
    var holds: [String: StoredKey] = [:]

    /// Writes `files` (paths relative to the folder), creating their folders.
    func write(_ files: [RenderedFile]) throws(OutputWriter.Failure) {
        var folderMade: Substring?
        for file in files {
            // An organisation's files share their folder: make it once.
            let folder = Self.folder(of: file.path)
            if folder != folderMade {
                try makeFolders(folder)
                folderMade = folder
            }
            try put(file)
        }
    }

    /// Writes one file (its path relative to the folder), creating its folders.
    func write(_ file: RenderedFile) throws(OutputWriter.Failure) {
        try makeFolders(Self.folder(of: file.path))
        try put(file)
    }

    private func put(_ file: RenderedFile) throws(OutputWriter.Failure) {
        let path = url.path + "/" + file.path
        unlink(path)
        do throws(StagedFile.Failure) {
            try StagedFile.write(file.contents, to: path)
        } catch {
            throw explained(error, for: file.path)
        }
    }

    /// Puts the file at `path` of the previous output into this folder without rendering it again:
    /// a hard link where the file system allows one (the previous output is about to be replaced,
    /// and no one writes into a published file), a copy otherwise.
    func reuse(_ path: String, from previous: URL) throws(OutputWriter.Failure) {
        let source = previous.path + "/" + path
        let target = url.path + "/" + path
        try makeFolders(Self.folder(of: path))
        unlink(target)
        if link(source, target) == 0 { return }
        guard let data = FileManager.default.contents(atPath: source) else { throw failure(source) }
        try write([RenderedFile(path: path, contents: [UInt8](data))])
    }

    /// Removes the file at `path`, if there is one.
    func remove(_ path: String) {
        unlink(url.path + "/" + path)
    }

    /// Removes the folder of organisation `id` and the files in it, if the folder has one: its
    /// report is about to be written anew, or it is no longer in the scans.
    func removeOrganisation(_ id: String) {
        let folder = url.path + "/" + OrganisationFolder.path(of: id)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where unlink(folder + "/" + name) != 0 {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        rmdir(folder)
    }

    /// Removes the site pages (everything but the organisations' folders, the build state and
    /// the marker) from `folder`, the site before the current one about to be rewritten: each
    /// build writes its own, and a shard writes none.
    static func removeSitePages(in folder: URL) throws(StagedFile.Failure) {
        let kept: Set<String> = [OrganisationFolder.parent, BuildState.folder, OutputWriter.marker]
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw StagedFile.Failure("read the folder", folder.path)
        }
        for name in names where !kept.contains(name) {
            let path = folder.path + "/" + name
            if unlink(path) == 0 || errno == ENOENT { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw StagedFile.Failure("remove", path)
            }
        }
    }

    /// A failure to create `path`, blamed on the folder above it that is not a folder when that
    /// is the cause (`makeFolders` takes any existing name for a folder).
    private func explained(_ error: StagedFile.Failure, for path: String) -> OutputWriter.Failure {
        guard error.code == ENOTDIR else { return OutputWriter.unwritten(error, replacing: replacing) }
        var folder = url.path
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            do throws(StagedFile.Failure) {
                try StagedFile.makeFolder(folder)
            } catch {
                return OutputWriter.unwritten(error, replacing: replacing)
            }
        }
        return OutputWriter.unwritten(error, replacing: replacing)
    }

    /// The folder part of a relative path (empty for a file at the top).
    fileprivate static func folder(of path: String) -> Substring {
        path.lastIndex(of: "/").map { path[..<$0] } ?? ""
    }

    /// Creates the folder `relative` and the folders above it. The deepest is tried first, as its
    /// parents nearly always exist: one system call per organisation rather than one per level
    /// and file. A name that exists but is not a folder shows when the file is created in it.
    fileprivate func makeFolders(_ relative: Substring) throws(OutputWriter.Failure) {
        guard !relative.isEmpty else { return }
        let folder = url.path + "/" + relative
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT, let slash = relative.lastIndex(of: "/") {
            try makeFolders(relative[..<slash])
        }
        do throws(StagedFile.Failure) {
            try StagedFile.makeFolder(folder)
        } catch {
            throw OutputWriter.unwritten(error, replacing: replacing)
        }
    }

    private func failure(_ path: String) -> OutputWriter.Failure {
        .io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

/// The site pages go into the staging folder; index.json and the manifest in pieces.
extension StagingFolder: SitePageWriter {
    func open(_ path: String) throws -> any SitePageStream {
        try makeFolders(Self.folder(of: path))
        let full = url.path + "/" + path
        unlink(full)
        let descriptor = Foundation.open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputWriter.unwritten(StagedFile.Failure("create", full), replacing: replacing) }
        return StagedStream(descriptor: descriptor, path: full, replacing: replacing)
    }

    /// One page of the staging folder written piece by piece.
    private final class StagedStream: SitePageStream {
        let descriptor: Int32
        let path: String
        let replacing: URL
        var failure: StagedFile.Failure?

        init(descriptor: Int32, path: String, replacing: URL) {
            self.descriptor = descriptor
            self.path = path
            self.replacing = replacing
        }

        func append(_ bytes: [UInt8]) {
            guard failure == nil else { return }
            do throws(StagedFile.Failure) {
                try StagedFile.writeAll(bytes, to: descriptor, path: path)
            } catch {
                failure = error
            }
        }

        func close() throws {
            do throws(StagedFile.Failure) {
                try StagedFile.finish(descriptor, path: path, after: failure)
            } catch {
                throw OutputWriter.unwritten(error, replacing: replacing)
            }
        }
    }
}
