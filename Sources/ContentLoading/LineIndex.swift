/// Maps byte offsets of a text to 1-based line and column numbers, from the offsets where its
/// lines start (which the parser records as it goes).
struct LineIndex: Sendable {
    /// Byte offset at which each line starts; the first is 0.
    let lineStarts: [Int]

    init(lineStarts: [Int]) {
        self.lineStarts = lineStarts
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
