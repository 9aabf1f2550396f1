import Foundation
import ReportRendering

/// The folder a build writes the new site into before `OutputWriter` swaps it in. Workers write
/// their organisations' files into it at the same time; each file has one writer.
struct StagingFolder: Sendable {
    let url: URL

    /// Writes `files` (paths relative to the folder), creating their folders.
    func write(_ files: [RenderedFile]) throws(OutputWriter.Failure) {
        for file in files {
            let path = url.path + "/" + file.path
            try makeFolders(for: file.path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw failure(path) }
            defer { close(descriptor) }
            var written = 0
            while written < file.contents.count {
                let count = file.contents.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, file.contents.count - written) }
                guard count > 0 else { throw failure(path) }
                written += count
            }
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
            if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw failure(folder) }
        }
    }

    private func failure(_ path: String) -> OutputWriter.Failure {
        .io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
