import Foundation

/// The `organisations` file of an earlier build's state, read a line at a time when an
/// organisation is reused instead of held whole for the build: at 300,000 organisations it is
/// over 400 MB, as much as everything else the build keeps.
final class StoredLines: Sendable {
    let path: String
    private let descriptor: Int32

    /// Where one organisation's line is in the file, without its newline.
    struct Place: Sendable {
        var offset: Int
        var length: Int
    }

    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// The line at `place`; `nil` when it cannot be read whole (the file changed under the build).
    func line(at place: Place) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: place.length)
        var done = 0
        let complete = bytes.withUnsafeMutableBytes { buffer in
            while done < place.length {
                let count = pread(descriptor, buffer.baseAddress! + done, place.length - done, off_t(place.offset + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
        return complete ? bytes : nil
    }

    /// Calls `body` with each line's place, id and key (`id TAB key TAB record`), reading the file
    /// in pieces of `piece` bytes; false when it cannot be read or a line is not of that form or
    /// has no newline.
    func forEachOrganisation(piece: Int = 4 << 20, _ body: (Place, String, String) -> Void) -> Bool {
        var buffer: [UInt8] = []
        var bufferOffset = 0
        var atEnd = false
        while !atEnd {
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: piece))
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + start, piece, off_t(bufferOffset + start)) }
            if count < 0 && errno == EINTR {
                buffer.removeLast(piece)
                continue
            }
            guard count >= 0 else { return false }
            buffer.removeLast(piece - count)
            atEnd = count == 0
            var lineStart = 0
            while lineStart < buffer.count {
                guard let end = BuildState.newline(in: buffer, from: lineStart) else { break }
                let line = buffer[lineStart..<end]
                guard let fields = BuildState.fields(of: line) else { return false }
                body(
                    Place(offset: bufferOffset + lineStart, length: end - lineStart),
                    String(decoding: line[fields.id], as: UTF8.self), String(decoding: line[fields.key], as: UTF8.self))
                lineStart = end + 1
            }
            buffer.removeFirst(lineStart)
            bufferOffset += lineStart
        }
        return buffer.isEmpty
    }
}
