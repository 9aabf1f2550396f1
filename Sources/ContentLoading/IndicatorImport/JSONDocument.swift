import BulletinModel
import Foundation

/// A JSON feed file decoded into values, with line and column worked out for the paths that a
/// diagnostic or a provenance note names.
struct JSONDocument {
    let file: String
    let root: JSONValue
    private let bytes: [UInt8]
    private let lines: LineIndex

    /// The file line where `bytes` start: 1 for a whole file, the line of a JSON Lines document.
    private let firstLine: Int

    /// Reads and decodes `file`; a file that is not JSON is an error at the first bad character.
    static func read(_ file: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        guard let data = FileManager.default.contents(atPath: file) else {
            diagnostics.append(.error(FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file; pass the feed file to import", id: "import.unreadable", at: SourceLocation(file: file)))
            return nil
        }
        return decode([UInt8](data), file: file, firstLine: 1, what: "the file", diagnostics: &diagnostics)
    }

    /// Decodes `bytes`, which start at `firstLine` of `file` and are called `what` in messages
    /// (`the line` of a JSON Lines file).
    static func decode(_ bytes: [UInt8], file: String, firstLine: Int, what: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        if let error = JSONLocator.syntaxError(in: bytes) {
            let (line, column) = LineIndex(bytes).position(of: error.offset)
            diagnostics.append(.error(
                "\(error.message); \(what) is not valid JSON", id: "import.syntax",
                at: SourceLocation(file: file, line: line + firstLine - 1, column: column)))
            return nil
        }
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            diagnostics.append(.error("\(what) could not be decoded as JSON", id: "import.syntax", at: SourceLocation(file: file, line: firstLine, column: 1)))
            return nil
        }
        return JSONDocument(file: file, root: root, bytes: bytes, lines: LineIndex(bytes), firstLine: firstLine)
    }

    /// Where the value at `path` starts.
    func location(_ path: [JSONPathComponent]) -> SourceLocation {
        at(offset: JSONLocator.offset(of: path, in: bytes), path: path)
    }

    /// Where each element of the list at `path` starts, found in one pass over the file: a feed's
    /// rows are located together, not one rescan each.
    func elementLocations(_ path: [JSONPathComponent]) -> [SourceLocation] {
        elementOffsets(path).enumerated().map { index, offset in at(offset: offset, path: path + [.index(index)]) }
    }

    /// The byte offsets where each element of the list at `path` starts.
    func elementOffsets(_ path: [JSONPathComponent]) -> [Int] {
        JSONLocator.elementOffsets(ofArrayAt: path, in: bytes)
    }

    /// Where the value at `subpath` of element `index` of the list at `listPath` starts, scanning
    /// only that element (`offsets` are the list's element offsets): locating a field of every row
    /// of a large feed stays linear in the file.
    func location(_ subpath: [JSONPathComponent], inElement index: Int, of listPath: [JSONPathComponent], offsets: [Int]) -> SourceLocation {
        let elementPath = listPath + [.index(index)]
        guard index < offsets.count else { return location(elementPath + subpath) }
        let start = offsets[index]
        let end = index + 1 < offsets.count ? offsets[index + 1] : bytes.count
        return at(offset: start + JSONLocator.offset(of: subpath, in: Array(bytes[start..<end])), path: elementPath + subpath)
    }

    private func at(offset: Int, path: [JSONPathComponent]) -> SourceLocation {
        let (line, column) = lines.position(of: offset)
        return SourceLocation(file: file, line: line + firstLine - 1, column: column, jsonPointer: JSONPathComponent.pointer(path))
    }
}
