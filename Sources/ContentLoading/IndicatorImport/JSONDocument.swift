import BulletinModel
import Foundation

/// A JSON feed file parsed by the same strict reader as scan documents (duplicate keys, invalid
/// UTF-8 and runaway nesting are located errors), with its values as `FeedValue`s and the parsed
/// tape kept, so that any path a diagnostic or a provenance note names has a line and column.
struct JSONDocument {
    let file: String
    let root: FeedValue
    private let tape: JSONTape

    /// The file line where the document starts: 1 for a whole file, the line of a JSON Lines document.
    private let firstLine: Int

    /// Feeds nest a few levels (a MISP event's objects' attributes' tags); this is far above that
    /// and far below what could exhaust the stack when the values are built.
    static let maximumDepth = 256

    /// Reads and parses `file`; a file that is not JSON is an error at the first bad character.
    static func read(_ file: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        guard let data = FileManager.default.contents(atPath: file) else {
            diagnostics.append(.error(FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file; pass the feed file to import", id: "import.unreadable", at: SourceLocation(file: file)))
            return nil
        }
        return decode([UInt8](data), file: file, firstLine: 1, what: "the file", diagnostics: &diagnostics)
    }

    /// Parses `bytes`, which start at `firstLine` of `file` and are called `what` in messages
    /// (`the line` of a JSON Lines file).
    static func decode(_ bytes: [UInt8], file: String, firstLine: Int, what: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        switch JSONParser.parse(text, maximumDepth: maximumDepth) {
        case .success(let tape):
            return JSONDocument(file: file, root: FeedValue(tape: tape, index: 0), tape: tape, firstLine: firstLine)
        case .failure(let error):
            let here = SourceLocation(file: file, line: error.line + firstLine - 1, column: error.column)
            let summary = switch error.reason {
            case .syntax(let message): "\(message); \(what) is not valid JSON"
            case .invalidText(let message): message
            case .tooDeep(let limit): "objects and arrays nested more than \(limit) levels deep; \(what) is not a feed"
            case .duplicateKey(let key, let line, let column):
                "key '\(key.inert)' appears twice in one object (first at \(line + firstLine - 1):\(column)); tools disagree on which value wins, so remove one"
            }
            diagnostics.append(.error(summary, id: "import.syntax", at: here))
            return nil
        }
    }

    /// Where the value at `path` starts (or the deepest part of it that exists).
    func location(_ path: [JSONPathComponent]) -> SourceLocation {
        at(offset: tape.offset(of: node(at: path, from: 0)), path: path)
    }

    /// Where each element of the list at `path` starts, found in one pass over the list.
    func elementLocations(_ path: [JSONPathComponent]) -> [SourceLocation] {
        elementOffsets(path).enumerated().map { index, node in at(offset: tape.offset(of: node), path: path + [.index(index)]) }
    }

    /// The elements of the list at `path`, as handles for `location(_:inElement:of:offsets:)`.
    func elementOffsets(_ path: [JSONPathComponent]) -> [Int] {
        let list = node(at: path, from: 0)
        guard tape.nodes[list].kind == .array else { return [] }
        var elements: [Int] = []
        var element = list + 1
        while element < Int(tape.nodes[list].end) {
            elements.append(element)
            element = tape.next(after: element)
        }
        return elements
    }

    /// Where the value at `subpath` of element `index` of the list at `listPath` starts, walking
    /// only that element (`offsets` are the list's `elementOffsets`): locating a field of every
    /// row of a large feed stays linear in the file.
    func location(_ subpath: [JSONPathComponent], inElement index: Int, of listPath: [JSONPathComponent], offsets: [Int]) -> SourceLocation {
        let elementPath = listPath + [.index(index)]
        guard index < offsets.count else { return location(elementPath + subpath) }
        return at(offset: tape.offset(of: node(at: subpath, from: offsets[index])), path: elementPath + subpath)
    }

    /// The node at `path` below node `start`, or the deepest node of it that exists.
    private func node(at path: [JSONPathComponent], from start: Int) -> Int {
        var index = start
        for step in path {
            let container = tape.nodes[index]
            var member = index + 1
            var found: Int?
            switch (step, container.kind) {
            case (.key(let key), .object):
                while member < Int(container.end) {
                    if tape.string(at: member) == key { found = member + 1; break }
                    member = tape.next(after: member + 1)
                }
            case (.index(let wanted), .array) where wanted >= 0 && wanted < Int(container.length):
                for _ in 0..<wanted { member = tape.next(after: member) }
                found = member
            default: break
            }
            guard let found else { break }
            index = found
        }
        return index
    }

    private func at(offset: Int, path: [JSONPathComponent]) -> SourceLocation {
        let (line, column) = tape.position(of: offset)
        return SourceLocation(file: file, line: line + firstLine - 1, column: column, jsonPointer: JSONPathComponent.pointer(path))
    }
}
