import Foundation

/// The system calls that put the site on disk, with failures that name the path and the system's
/// reason (`No space left on device`, `Read-only file system`), which Foundation's messages on
/// Linux do not always give.
enum StagedFile {
    /// A failed system call on a path.
    struct Failure: Error, CustomStringConvertible {
        var action: String
        var path: String
        var cause: String
        /// The system's error number.
        var code: Int32

        init(_ action: String, _ path: String, errno code: Int32 = errno) {
            self.action = action
            self.path = path
            self.code = code
            cause = String(cString: strerror(code))
        }

        var description: String { "cannot \(action) \(path): \(cause)" }
    }

    /// Creates `contents` as the new file `path`, writing until every byte is accepted.
    static func write(_ contents: [UInt8], to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure("create", path) }
        var failure: Failure?
        do throws(Failure) {
            try writeAll(contents, to: descriptor, path: path)
        } catch {
            failure = error
        }
        try finish(descriptor, path: path, after: failure)
    }

    /// Closes the written file `descriptor` (of `path`), throwing `failure` (an earlier write's) or, if
    /// there was none, the close's own: a full disk can show only when the file is closed (NFS,
    /// some FUSE file systems).
    static func finish(_ descriptor: Int32, path: String, after failure: Failure?) throws(Failure) {
        let closed = Foundation.close(descriptor) == 0
        if let failure { throw failure }
        if !closed { throw Failure("write", path) }
    }

    /// Writes `contents` to the open file `descriptor` (of `path`) until every byte is accepted.
    static func writeAll(_ contents: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var written = 0
        var failure: Failure?
        contents.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = Failure("write", path)
                    return
                }
                written += count
            }
        }
        if let failure { throw failure }
    }

    /// Creates the folder `path`; one that exists already is fine.
    static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        var isFolder: ObjCBool = false
        if code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return }
        throw Failure("create the folder", path, errno: code)
    }

    /// Puts every file written on the file system holding `path` on disk, in one call rather
    /// than one `fsync` per file, which would cost seconds for thousands of reports.
    static func flushFileSystem(of path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure("open", path) }
        defer { close(descriptor) }
        #if os(Linux)
        // Glibc's module leaves out `syncfs` (it is behind _GNU_SOURCE): look it up at run time.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") {
            let syncfs = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
            guard syncfs(descriptor) == 0 else { throw Failure("flush to disk", path) }
            return
        }
        #endif
        sync()
    }

    /// Puts the file or folder `path` on disk (for a folder: its entries, a rename in it); best
    /// effort, as it comes after the swap or only narrows what a power cut can leave.
    static func flush(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
