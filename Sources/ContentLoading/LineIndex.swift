/// Maps UTF-8 byte offsets of a text to 1-based line and column numbers.
///
/// Built only when a diagnostic needs a position, so the happy path never pays for it.
struct LineIndex: Sendable {
    /// Byte offset at which each line starts.
    private let lineStarts: [Int]

    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        var starts = [bytes.startIndex]
        for index in bytes.indices where bytes[index] == 0x0A {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    /// The 1-based line and column (in bytes) of `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The byte offset at which the 1-based `line` starts, if the text has that line.
    func start(ofLine line: Int) -> Int? {
        lineStarts.indices.contains(line - 1) ? lineStarts[line - 1] : nil
    }
}
