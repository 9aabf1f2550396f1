import Foundation

/// Reads a file line by line in large chunks, so that a JSON Lines file of any size is walked with
/// memory bounded by the chunk and the longest line.
enum LineReader {
    static let chunkSize = 16 << 20

    /// One line: its bytes (without line break or trailing CR), its byte offset in the file and
    /// its 1-based number.
    struct Line: Sendable {
        var bytes: ArraySlice<UInt8>
        var offset: Int
        var number: Int
    }

    /// Calls `body` with the lines that are not blank, a chunk's worth at a time, in order.
    /// Returns false when the file cannot be opened or read.
    static func forEachChunk(ofFile path: String, _ body: ([Line]) -> Void) -> Bool {
        var lines: [Line] = []
        var lastChunk = 0
        let readable = forEachLine(ofFile: path) { bytes, offset, number, chunk in
            if chunk != lastChunk, !lines.isEmpty {
                body(lines)
                lines.removeAll(keepingCapacity: true)
            }
            lastChunk = chunk
            lines.append(Line(bytes: bytes, offset: offset, number: number))
        }
        if !lines.isEmpty { body(lines) }
        return readable
    }

    /// Calls `body` with each line that is not blank (without its line break or a trailing CR),
    /// the line's byte offset in the file, its 1-based number and the number of the chunk read
    /// that completed it. Returns false when the file cannot be opened or read.
    static func forEachLine(ofFile path: String, _ body: (ArraySlice<UInt8>, Int, Int, Int) -> Void) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer: [UInt8] = []
        var bufferOffset = 0  // file offset of buffer[0]
        var lineNumber = 0
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var atEnd = false
        var chunkNumber = 0
        while !atEnd {
            chunkNumber += 1
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            guard count >= 0 else { return false }
            if count == 0 {
                atEnd = true
                if buffer.isEmpty { break }
                buffer.append(0x0A)  // the last line has no line break
            } else {
                buffer += chunk[..<count]
            }
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var line = buffer[start..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    body(line, bufferOffset + start, lineNumber, chunkNumber)
                }
                start = newline + 1
            }
            buffer.removeFirst(start)
            bufferOffset += start
        }
        return true
    }
}
