import BulletinModel
import Foundation

/// Reads scan files (`bulletin.scan/1`: one organisation, a batch, or JSON Lines) and merges what
/// they say by organisation and host id.
///
/// Documents are parsed by our own reader (`JSONParser` into a `JSONTape`, read by `ScanDocument`,
/// `HostReader` and `ObjectReader`), not by Foundation's `JSONDecoder` as DESIGN.md first decided:
/// - scale: JSONDecoder reads about 45 MB/s on our machines, and a national corpus is hundreds of
///   MB; on the benchmark corpus our reader takes 8 times fewer instructions than the
///   JSONDecoder-based loader did, and 4 times fewer than JSONDecoder alone, checks included
///   (`Benchmarks/scan-load-benchmark.sh`);
/// - hostile input: JSONDecoder keeps one of two duplicate keys silently, recurses without a
///   limit, and fails whole documents on numbers it cannot represent, without a position. Our
///   parser refuses duplicates, nesting beyond `ScanLimits.maximumDepth`, invalid UTF-8 and
///   documents beyond `ScanLimits.maximumDocumentBytes`, each at its line and column, and the
///   readers check each integer field's range;
/// - positions: every value keeps its offset, so a diagnostic needs no second pass over the text.
public struct ScanLoader: Sendable {
    /// File name endings read when a directory is given.
    public static let extensions = ["json", "jsonl", "ndjson"]

    /// The size and nesting limits each document must keep to.
    public var limits: ScanLimits

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
    }

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
            merge([UInt8](data), file: file, into: &merger, diagnostics: &diagnostics, warnedOnce: &warnedOnce)
        }
        return Result(organisations: merger.organisations, diagnostics: resolvingPositions(diagnostics), files: files)
    }

    /// Loads one scan file whose bytes are already in memory, as `load(paths: [path])` would load
    /// it from disk, without touching the disk: for input that never was a file (a pipe, a test, a
    /// fuzzer's input). `path` names it in diagnostics, and its extension decides, as on disk,
    /// whether it is read as JSON Lines (`.jsonl`, `.ndjson`).
    public func load(_ bytes: [UInt8], path: String) -> Result {
        var diagnostics: [Diagnostic] = []
        var merger = ScanMerger()
        var warnedOnce: Set<String> = []
        merge(bytes, file: path, into: &merger, diagnostics: &diagnostics, warnedOnce: &warnedOnce)
        let resolved = resolvingPositions(diagnostics) { $0 == path ? bytes : nil }
        return Result(organisations: merger.organisations, diagnostics: resolved, files: [path])
    }

    /// Reads one file's bytes into its organisation parts and merges them.
    private func merge(_ bytes: [UInt8], file: String, into merger: inout ScanMerger, diagnostics: inout [Diagnostic], warnedOnce: inout Set<String>) {
        for (part, location) in parts(of: bytes, file: file, diagnostics: &diagnostics, warnedOnce: &warnedOnce) {
            merger.add(part, at: location, diagnostics: &diagnostics)
        }
    }

    /// Gives a line and column to diagnostics that were raised with only a JSON pointer (merging
    /// works on values, whose locations carry no column), by parsing each such document once more:
    /// the whole file, or the JSON Lines line the location already names. Rare, so it costs
    /// nothing in a clean run. `contents` gives a file's bytes: read again from disk, unless the
    /// caller still holds them.
    func resolvingPositions(
        _ diagnostics: [Diagnostic],
        contents: (String) -> [UInt8]? = { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
    ) -> [Diagnostic] {
        var files: [String: [UInt8]] = [:]
        var wholeDocuments: [String: JSONTape] = [:]
        return diagnostics.map { diagnostic in
            guard var location = diagnostic.location, location.column == 0, let pointer = location.jsonPointer else { return diagnostic }
            if files[location.file] == nil, let bytes = contents(location.file) {
                files[location.file] = bytes
            }
            guard let bytes = files[location.file] else { return diagnostic }
            if location.line == 0 {
                if wholeDocuments[location.file] == nil,
                    case .success(let tape) = JSONParser.parse(Self.withoutByteOrderMark(bytes[...]), maximumDepth: limits.maximumDepth)
                {
                    wholeDocuments[location.file] = tape
                }
                guard let tape = wholeDocuments[location.file] else { return diagnostic }
                (location.line, location.column) = tape.position(of: tape.offset(ofPointer: pointer))
            } else {
                guard let line = Self.line(location.line, of: bytes[...]),
                    case .success(let tape) = JSONParser.parse(line, maximumDepth: limits.maximumDepth)
                else { return diagnostic }
                location.column = tape.offset(ofPointer: pointer) + 1
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

    /// Reads one file into organisation parts with their locations, turning problems into
    /// located diagnostics.
    func parts(of fileBytes: [UInt8], file: String, diagnostics: inout [Diagnostic], warnedOnce: inout Set<String>) -> [(ScanDocument.Part, SourceLocation)] {
        let bytes = Self.withoutByteOrderMark(fileBytes[...])
        if let encoding = Self.utf16Encoding(of: bytes) {
            diagnostics.append(.error(
                "the file is \(encoding), not UTF-8; convert it, e.g. with iconv -f \(encoding) -t UTF-8", id: "scan.invalid-utf8",
                at: SourceLocation(file: file, line: 1, column: 1)))
            return []
        }
        func keep(_ decoded: (parts: [(ScanDocument.Part, SourceLocation)], notices: [ScanNotice])) -> [(ScanDocument.Part, SourceLocation)] {
            for notice in decoded.notices {
                if let once = notice.onceKey, !warnedOnce.insert(once).inserted { continue }
                diagnostics.append(notice.diagnostic)
            }
            return decoded.parts
        }
        let isJSONLines = ["jsonl", "ndjson"].contains((file as NSString).pathExtension.lowercased())
        if !isJSONLines, !holdsJSONLines(bytes) {
            return keep(decodeWhole(bytes, file: file))
        }
        var result: [(ScanDocument.Part, SourceLocation)] = []
        var lineNumber = 0
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = Self.newline(in: bytes, from: lineStart)
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            let rawLine = bytes[lineStart..<lineEnd]
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            result += keep(decodeLine(line, file: file, line: lineNumber))
        }
        return result
    }

    /// Reads a whole-file document (byte order mark already removed) into organisation parts
    /// located where each starts.
    func decodeWhole(_ bytes: ArraySlice<UInt8>, file: String) -> (parts: [(ScanDocument.Part, SourceLocation)], notices: [ScanNotice]) {
        guard bytes.count <= limits.maximumDocumentBytes else {
            return ([], [ScanNotice(tooLarge(bytes.count, "the file", at: SourceLocation(file: file, line: 1, column: 1)))])
        }
        switch read(bytes, origin: ScanDocument.Origin(file: file, line: 0)) {
        case .success(let (document, tape)):
            func locate(_ offset: Int, _ pointer: String) -> SourceLocation {
                let (line, column) = tape.position(of: offset)
                return SourceLocation(file: file, line: line, column: column, jsonPointer: pointer)
            }
            let notices = document.problems.map { ScanNotice(Diagnostic($0.severity, $0.summary, id: $0.id, at: locate($0.offset, $0.pointer)), onceKey: $0.onceKey) }
            return (document.organisations.map { ($0, locate($0.offset, $0.pointer)) }, notices)
        case .failure(let error):
            return ([], [ScanNotice(diagnostic(for: error, in: "file") { SourceLocation(file: file, line: $0, column: $1) })])
        }
    }

    /// Reads one JSON Lines line into organisation parts located at the line.
    func decodeLine(_ line: ArraySlice<UInt8>, file: String, line number: Int) -> (parts: [(ScanDocument.Part, SourceLocation)], notices: [ScanNotice]) {
        guard line.count <= limits.maximumDocumentBytes else {
            return ([], [ScanNotice(tooLarge(line.count, "this line", at: SourceLocation(file: file, line: number, column: 1)))])
        }
        switch read(line, origin: ScanDocument.Origin(file: file, line: number)) {
        case .success(let (document, _)):
            let notices = document.problems.map { problem in
                ScanNotice(Diagnostic(problem.severity, problem.summary, id: problem.id, at: SourceLocation(
                    file: file, line: number, column: problem.offset + 1, jsonPointer: problem.pointer)), onceKey: problem.onceKey)
            }
            let location = SourceLocation(file: file, line: number, column: 1)
            return (document.organisations.map { ($0, location) }, notices)
        case .failure(let error):
            return ([], [ScanNotice(diagnostic(for: error, in: "line") { SourceLocation(file: file, line: number, column: $1) })])
        }
    }

    /// Line `number` (1-based) of `bytes`, without its line break or a trailing CR.
    static func line(_ number: Int, of bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = bytes.startIndex
        for _ in 1..<max(number, 1) {
            let end = newline(in: bytes, from: start)
            guard end < bytes.endIndex else { return nil }
            start = end + 1
        }
        let line = bytes[start..<newline(in: bytes, from: start)]
        return line.last == 0x0D ? line.dropLast() : line
    }

    /// The index of the first newline at or after `start`, or the end: `memchr`, because a JSON
    /// Lines file of many gigabytes is mostly bytes between newlines.
    private static func newline(in bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let from = start - bytes.startIndex
            guard from < buffer.count, let found = memchr(buffer.baseAddress! + from, 0x0A, buffer.count - from) else { return bytes.endIndex }
            return bytes.startIndex + (buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self)))
        }
    }

    /// Whether a `.json` file holds JSON Lines: a complete document, then more after a newline.
    /// Decided on the first line alone, so that a file too large to be one document can still be
    /// read line by line.
    func holdsJSONLines(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A), bytes[(newline + 1)...].contains(where: { $0 > 0x20 }) else { return false }
        let firstLine = bytes[..<newline]
        guard firstLine.count <= limits.maximumDocumentBytes, firstLine.contains(where: { $0 > 0x20 }) else { return false }
        if case .success = JSONParser.parse(firstLine, maximumDepth: limits.maximumDepth) { return true }
        return false
    }

    /// Parses one document and reads it.
    private func read(_ bytes: ArraySlice<UInt8>, origin: ScanDocument.Origin) -> Swift.Result<(ScanDocument, JSONTape), JSONParseError> {
        JSONParser.parse(bytes, maximumDepth: limits.maximumDepth).map { tape in
            (ScanDocument(JSONValue(root: tape), origin: origin), tape)
        }
    }
}
