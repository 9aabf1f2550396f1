import BulletinModel
import Foundation

/// Reads scan files (`bulletin.scan/1`: one organisation, a batch, or JSON Lines) and merges what
/// they say by organisation and host id.
///
/// Documents are decoded by `JSONDecoder`; positions are worked out only for diagnostics, by
/// rescanning the text, so the common case pays nothing for them.
public struct ScanLoader: Sendable {
    /// File name endings read when a directory is given.
    public static let extensions = ["json", "jsonl", "ndjson"]

    public init() {}

    /// What loading produced: organisations sorted by id, and every diagnostic.
    public struct Result: Sendable {
        public var organisations: [OrganisationScan]
        public var diagnostics: [Diagnostic]
        /// The files read, in order.
        public var files: [String]
    }

    /// Loads every scan file under `paths` (files, or directories walked in sorted order).
    public func load(paths: [String]) -> Result {
        var diagnostics: [Diagnostic] = []
        let files = ScanLoader.files(under: paths, diagnostics: &diagnostics)
        var merger = ScanMerger()
        var warnedOnce: Set<String> = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(.error("cannot read scan file", id: "scan.unreadable", at: SourceLocation(file: file)))
                continue
            }
            let bytes = [UInt8](data)
            for (part, location) in parts(of: bytes, file: file, diagnostics: &diagnostics, warnedOnce: &warnedOnce) {
                merger.add(part, at: location, diagnostics: &diagnostics)
            }
        }
        return Result(organisations: merger.organisations, diagnostics: resolvingPositions(diagnostics), files: files)
    }

    /// Gives a line and column to diagnostics that were raised with only a JSON pointer (merging
    /// works on values, not text), by reading each such file once more. Rare, so it costs nothing
    /// in a clean run. A JSON Lines document already knows its line: the pointer gives the column.
    private func resolvingPositions(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var cache: [String: ([UInt8], LineIndex)] = [:]
        return diagnostics.map { diagnostic in
            guard var location = diagnostic.location, location.column == 0, let pointer = location.jsonPointer else { return diagnostic }
            if cache[location.file] == nil, let data = FileManager.default.contents(atPath: location.file) {
                let bytes = [UInt8](data)
                cache[location.file] = (bytes, LineIndex(bytes))
            }
            guard let (bytes, lines) = cache[location.file] else { return diagnostic }
            let path = JSONPathComponent.path(pointer: pointer)
            if location.line == 0 {
                (location.line, location.column) = lines.position(of: JSONLocator.offset(of: path, in: bytes))
            } else {
                guard let start = lines.start(ofLine: location.line) else { return diagnostic }
                let line = bytes[start...].prefix { $0 != 0x0A }
                location.column = JSONLocator.offset(of: path, in: Array(line.last == 0x0D ? line.dropLast() : line)) + 1
            }
            var resolved = diagnostic
            resolved.location = location
            return resolved
        }
    }

    /// Lists the scan files named by `paths`; a path that does not exist is an error.
    static func files(under paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or directory; pass scan files or folders with --scans", id: "scan.missing-path", at: SourceLocation(file: path)))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? path : path + "/"
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
            files.append(contentsOf: found.map { base + $0 })
        }
        return files
    }

    /// Decodes one file into organisation parts with their locations, turning problems into
    /// located diagnostics.
    private func parts(of bytes: [UInt8], file: String, diagnostics: inout [Diagnostic], warnedOnce: inout Set<String>) -> [(ScanDocument.Part, SourceLocation)] {
        let isJSONLines = ["jsonl", "ndjson"].contains((file as NSString).pathExtension.lowercased())
        if !isJSONLines {
            switch decode(bytes[...], origin: ScanDocument.Origin(file: file, line: 0)) {
            case .document(let document):
                let lines = LineIndex(bytes)
                func locate(_ path: [JSONPathComponent]) -> SourceLocation {
                    let (line, column) = lines.position(of: JSONLocator.offset(of: path, in: bytes))
                    return SourceLocation(file: file, line: line, column: column, jsonPointer: JSONPathComponent.pointer(path))
                }
                report(document.problems, locate: locate, diagnostics: &diagnostics, warnedOnce: &warnedOnce)
                let batchOffsets = document.organisations.first?.path.isEmpty == false
                    ? JSONLocator.elementOffsets(ofArrayAt: [.key("organisations")], in: bytes) : []
                return document.organisations.map { part in
                    if case .index(let index)? = part.path.last, index < batchOffsets.count {
                        let (line, column) = lines.position(of: batchOffsets[index])
                        return (part, SourceLocation(file: file, line: line, column: column, jsonPointer: JSONPathComponent.pointer(part.path)))
                    }
                    return (part, locate(part.path + [.key("organisation")]))
                }
            case .syntaxError(let error) where error.endOfFirstDocument.map({ bytes[..<$0].contains(0x0A) }) == true:
                break  // several documents on separate lines: JSON Lines in a .json file
            case .syntaxError(let error):
                let (line, column) = LineIndex(bytes).position(of: error.offset)
                diagnostics.append(.error("\(error.message); the file is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: line, column: column)))
                return []
            }
        }
        var result: [(ScanDocument.Part, SourceLocation)] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let location = SourceLocation(file: file, line: lineNumber, column: 1)
            switch decode(line, origin: ScanDocument.Origin(file: file, line: lineNumber)) {
            case .document(let document):
                let lineBytes = Array(line)
                let number = lineNumber
                report(document.problems, locate: { path in
                    SourceLocation(file: file, line: number, column: JSONLocator.offset(of: path, in: lineBytes) + 1, jsonPointer: JSONPathComponent.pointer(path))
                }, diagnostics: &diagnostics, warnedOnce: &warnedOnce)
                result += document.organisations.map { ($0, location) }
            case .syntaxError(let error):
                var summary = error.message
                if error.endOfFirstDocument != nil { summary += "; JSON Lines need exactly one document per line" }
                diagnostics.append(.error("\(summary); the line is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: lineNumber, column: error.offset + 1)))
            }
        }
        return result
    }

    private enum Decoded {
        case document(ScanDocument)
        case syntaxError(JSONLocator.SyntaxError)
    }

    private func decode(_ bytes: ArraySlice<UInt8>, origin: ScanDocument.Origin) -> Decoded {
        let decoder = JSONDecoder()
        decoder.userInfo[ScanDocument.originKey] = origin
        if let document = try? decoder.decode(ScanDocument.self, from: Data(bytes)) {
            return .document(document)
        }
        let array = Array(bytes)
        return .syntaxError(JSONLocator.syntaxError(in: array) ?? JSONLocator.SyntaxError(offset: 0, message: "the document could not be decoded"))
    }

    private func report(_ problems: [ScanProblem], locate: ([JSONPathComponent]) -> SourceLocation, diagnostics: inout [Diagnostic], warnedOnce: inout Set<String>) {
        for problem in problems {
            if let once = problem.onceKey, !warnedOnce.insert(once).inserted { continue }
            diagnostics.append(Diagnostic(problem.severity, problem.summary, id: problem.id, at: locate(problem.path)))
        }
    }
}
