import Foundation
import ReportRendering

/// The folder a build writes the new site into before `OutputWriter` swaps it in. Workers write
/// their organisations' files into it at the same time; each file has one writer.
struct StagingFolder: Sendable {
    let url: URL
    /// The output folder this one will replace, named in errors (it still holds the old site).
    let replacing: URL

    /// Writes `files` (paths relative to the folder), creating their folders.
    func write(_ files: [RenderedFile]) throws(OutputWriter.Failure) {
        for file in files { try write(file) }
    }

    /// Writes one file (its path relative to the folder), creating its folders.
    func write(_ file: RenderedFile) throws(OutputWriter.Failure) {
        try makeFolders(for: file.path)
        do throws(StagedFile.Failure) {
            try StagedFile.write(file.contents, to: url.path + "/" + file.path)
        } catch {
            throw OutputWriter.unwritten(error, replacing: replacing)
        }
    }

    /// Puts the file at `path` of the previous output into this folder without rendering it again:
    /// a hard link where the file system allows one (the previous output is about to be replaced,
    /// and no one writes into a published file), a copy otherwise.
    func reuse(_ path: String, from previous: URL) throws(OutputWriter.Failure) {
        let source = previous.path + "/" + path
        let target = url.path + "/" + path
        try makeFolders(for: path)
        if link(source, target) == 0 { return }
        guard let data = FileManager.default.contents(atPath: source) else { throw failure(source) }
        try write([RenderedFile(path: path, contents: [UInt8](data))])
    }

    /// Removes the file at `path`, if there is one.
    func remove(_ path: String) {
        unlink(url.path + "/" + path)
    }

    /// Creates the folders above `path` (at most two levels: `organisations/<id>/`).
    private func makeFolders(for path: String) throws(OutputWriter.Failure) {
        var folder = url.path
        let components = path.split(separator: "/").dropLast()
        for component in components {
            folder += "/" + component
            do throws(StagedFile.Failure) {
                try StagedFile.makeFolder(folder)
            } catch {
                throw OutputWriter.unwritten(error, replacing: replacing)
            }
        }
    }

    private func failure(_ path: String) -> OutputWriter.Failure {
        .io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
