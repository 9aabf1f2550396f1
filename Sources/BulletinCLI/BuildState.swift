import BulletinModel
import ContentLoading
import Foundation
import ReportRendering

/// What a build leaves in `<output>/.bulletin-build/` so that the next one redoes only what
/// changed, and so that `bulletin merge` can make the site pages from shards:
///
/// - `catalogue`: for each scan file, its stamp (size, time, inode) and its documents with
///   their organisation, place and SHA-256, so an unchanged file is neither read nor hashed;
/// - `organisations`: for each organisation built, its key (the fingerprint of everything its
///   report depends on), its diagnostics and its summary, one line each in id order;
/// - `keys`: the same organisations' ids and keys alone.
///
/// It describes this machine's files (times, inodes), so it is not part of the published site
/// and not in `manifest.json`; it is replaced with the output folder as a whole, so it always
/// describes the site beside it. The previous site (`.Output.previous`) keeps its own, which
/// says (in `keys`) which reports it holds when the next build rewrites it; the catalogue is
/// written last, once the rest is on disk, so a state without one is not whole.
struct BuildState: Sendable {
    static let folder = ".bulletin-build"
    static let format = "bulletin.build-state/1"
    /// The file of `id TAB key` lines, one per organisation of `organisations`: what the next
    /// build reads of the previous site, a fifteenth of its size.
    static let keysFile = "keys"

    /// The fingerprint of what every organisation shares (see `BuildKey.environment`).
    var environment: String
    /// The shard this output holds, `K/N`, or `nil` for a whole site.
    var shard: Shard?
    var scanFiles: [String: ScanFile] = [:]
    /// Each organisation's line of `organisations`, by id.
    var organisations: [String: StoredOrganisation] = [:]

    struct ScanFile: Sendable {
        var stamp: ScanFileStamp
        var documents: [(organisation: String, document: ScanCatalogue.Document)]
    }

    /// One organisation as an earlier build left it: its key, and its stored line, decoded only
    /// if it is reused.
    struct StoredOrganisation: Sendable {
        var key: StoredKey
        /// Where its line is in `lines`.
        var place: StoredLines.Place
    }

    /// The `organisations` file the organisations' lines are read from when they are reused.
    var lines: StoredLines?

    /// What is stored per organisation besides its key.
    struct Record: Sendable {
        var notices: [StoredNotice]
        var summary: OrganisationSummary
    }

    /// A diagnostic as stored, so that a reused organisation reports what it reported when built.
    struct StoredNotice: Sendable {
        var severity: Diagnostic.Severity
        var summary: String
        var id: String
        var file: String?
        var line: Int?
        var column: Int?
        var pointer: String?
        var once: String?

        init(_ notice: ScanNotice) {
            let diagnostic = notice.diagnostic
            severity = diagnostic.severity
            summary = diagnostic.summary
            id = diagnostic.id
            file = diagnostic.location?.file
            line = diagnostic.location?.line
            column = diagnostic.location?.column
            pointer = diagnostic.location?.jsonPointer
            once = notice.onceKey
        }

        func write(to writer: inout JSONWriter) {
            writer.object { writer in
                writer.key("column")
                writer.number(column)
                writer.key("file")
                writer.string(file)
                writer.key("id")
                writer.string(id)
                writer.key("line")
                writer.number(line)
                writer.key("once")
                writer.string(once)
                writer.key("pointer")
                writer.string(pointer)
                writer.key("severity")
                writer.string(severity.rawValue)
                writer.key("summary")
                writer.string(summary)
            }
        }

        var notice: ScanNotice {
            let location = file.map { SourceLocation(file: $0, line: line ?? 0, column: column ?? 0, jsonPointer: pointer) }
            return ScanNotice(diagnostic: Diagnostic(severity, summary, id: id, at: location), onceKey: once)
        }
    }

    /// One organisation's line of `organisations`: id, key, then its record as JSON.
    /// Written with `JSONWriter` (JSONEncoder cost as much as matching the organisation); read
    /// back with `JSONReader` (JSONDecoder cost a third of a millisecond per organisation).
    static func line(id: String, key: String, record: Record) -> [UInt8] {
        var writer = JSONWriter(capacity: 2048, compact: true)
        writer.object { writer in
            writer.key("notices")
            writer.array(record.notices) { writer, notice in notice.write(to: &writer) }
            writer.key("summary")
            record.summary.write(to: &writer)
        }
        return Array("\(id)\t\(key)\t".utf8) + writer.finished()
    }

    /// The record of a stored line.
    static func record(of line: ArraySlice<UInt8>) -> Record? {
        guard let fields = fields(of: line) else { return nil }
        var reader = JSONReader(line[(fields.key.upperBound + 1)...])
        return try? Record(reading: &reader)
    }

    /// Where a stored line's id and key are: `id TAB key TAB record`; `nil` without both tabs.
    static func fields(of line: ArraySlice<UInt8>) -> (id: Range<Int>, key: Range<Int>)? {
        guard let tab = line.firstIndex(of: 0x09), let second = line[(tab + 1)...].firstIndex(of: 0x09) else { return nil }
        return (line.startIndex..<tab, (tab + 1)..<second)
    }

    /// A stored line's line of the `keys` file: `id TAB key` and a newline.
    static func keysLine(of line: ArraySlice<UInt8>) -> [UInt8] {
        guard let fields = fields(of: line) else { return [] }
        return Array(line[..<fields.key.upperBound]) + [0x0A]
    }

    /// Reads the state an earlier build left in `output`; `nil` when there is none or it is not
    /// one this version wrote (then everything is built again).
    static func read(output: URL) -> BuildState? {
        let folder = output.appendingPathComponent(Self.folder)
        guard let catalogue = FileManager.default.contents(atPath: folder.appendingPathComponent("catalogue").path),
            let lines = StoredLines(path: folder.appendingPathComponent("organisations").path)
        else { return nil }
        guard var state = parseCatalogue([UInt8](catalogue)) else { return nil }
        state.lines = lines
        let whole = lines.forEachOrganisation { place, id, key in
            state.organisations[id] = StoredOrganisation(key: StoredKey(key), place: place)
        }
        return whole ? state : nil
    }

    /// The stored line of `organisation`, read from the file; `nil` when it cannot be read.
    func line(of organisation: StoredOrganisation) -> [UInt8]? {
        lines?.line(at: organisation.place)
    }

    /// The organisations whose reports the site in `folder` holds, with their keys, as its build
    /// state says; `nil` when it has no whole state (it is being rewritten, or a build rewriting
    /// it was killed).
    static func organisationKeys(in folder: URL) -> [String: StoredKey]? {
        let stateFolder = folder.appendingPathComponent(Self.folder)
        guard let catalogue = FileManager.default.contents(atPath: stateFolder.appendingPathComponent("catalogue").path),
            String(decoding: catalogue.prefix(format.utf8.count + 1), as: UTF8.self) == format + "\n",
            let lines = FileManager.default.contents(atPath: stateFolder.appendingPathComponent(keysFile).path)
        else { return nil }
        var keys: [String: StoredKey] = [:]
        var whole = true
        let complete = forEachLine(of: [UInt8](lines)) { line in
            guard whole, let tab = line.firstIndex(of: 0x09) else {
                whole = false
                return
            }
            keys[String(decoding: line[..<tab], as: UTF8.self)] = StoredKey(hex: line[(tab + 1)...])
        }
        return complete && whole ? keys : nil
    }

    /// Marks the build state in `folder` as not describing the folder, before the folder is
    /// rewritten: the catalogue goes first, and is written last (`OutputWriter.publish`). On disk
    /// before any file changes, so that after a power cut too the folder is not taken for what
    /// it was.
    static func markRewriting(_ folder: URL) throws(StagedFile.Failure) {
        let stateFolder = folder.appendingPathComponent(Self.folder).path
        let catalogue = stateFolder + "/catalogue"
        guard unlink(catalogue) == 0 || errno == ENOENT else { throw StagedFile.Failure("remove", catalogue) }
        StagedFile.flush(stateFolder)
    }

    /// The catalogue file: a header, then per scan file a `file` line and its `document` lines.
    /// Plain text rather than JSON because the next build reads it before doing anything else;
    /// read as bytes, since a national catalogue has a line per organisation.
    private static func parseCatalogue(_ bytes: [UInt8]) -> BuildState? {
        var lines: [ArraySlice<UInt8>] = []
        guard forEachLine(of: bytes, { lines.append($0) }), lines.count >= 3 else { return nil }
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        guard text(lines[0]) == format, lines[1].starts(with: "environment ".utf8), lines[2].starts(with: "shard ".utf8) else { return nil }
        var state = BuildState(environment: text(lines[1].dropFirst("environment ".count)))
        let shardText = text(lines[2].dropFirst("shard ".count))
        state.shard = shardText == "-" ? nil : Shard(shardText)
        var current: (path: String, file: ScanFile)?
        for line in lines[3...] {
            // The path ends a file line and may hold spaces; an organisation id holds none.
            if line.starts(with: "file ".utf8) {
                let fields = line.split(separator: 0x20, maxSplits: 4, omittingEmptySubsequences: false)
                guard fields.count == 5, let size = Int64(text(fields[1])), let modified = Int64(text(fields[2])), let inode = UInt64(text(fields[3])) else { return nil }
                if let current { state.scanFiles[current.path] = current.file }
                current = (text(fields[4]), ScanFile(stamp: ScanFileStamp(size: size, modified: modified, inode: inode), documents: []))
            } else if line.starts(with: "document ".utf8) {
                let fields = line.split(separator: 0x20, maxSplits: 5, omittingEmptySubsequences: false)
                guard fields.count == 6, let offset = decimal(fields[1]), let length = decimal(fields[2]), let number = decimal(fields[3]), current != nil else { return nil }
                current?.file.documents.append((text(fields[5]), ScanCatalogue.Document(file: 0, offset: offset, length: length, line: number, digest: text(fields[4]))))
            } else {
                return nil
            }
        }
        if let current { state.scanFiles[current.path] = current.file }
        return state
    }

    /// A non-negative decimal number of at most 18 digits, as the catalogue writes offsets,
    /// lengths and lines; `nil` for anything else.
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    /// The index of the first newline in `bytes` from `start` on. Found with `memchr`: the state's
    /// files run to tens of megabytes at national scale.
    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(buffer.baseAddress!) }
        }
    }

    /// Calls `body` with each line of `bytes`, without its newline; false when the last line has
    /// none (the file was cut short).
    private static func forEachLine(of bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        var start = 0
        while start < bytes.count {
            guard let end = newline(in: bytes, from: start) else { return false }
            body(bytes[start..<end])
            start = end + 1
        }
        return true
    }

    /// Writes the organisations' lines, unless they were written as organisations were built,
    /// and returns the catalogue, which `OutputWriter.publish` writes last, once everything else
    /// is on disk: a state with a catalogue is whole (see `organisationKeys`).
    static func write(
        environment: String, shard: Shard?, scanFiles: [(path: String, file: ScanFile)], organisationLines: [[UInt8]]?, into staging: StagingFolder
    ) throws(OutputWriter.Failure) -> RenderedFile {
        var catalogue = "\(format)\nenvironment \(environment)\nshard \(shard?.description ?? "-")\n"
        for (path, file) in scanFiles where !path.contains("\n") {
            catalogue += "file \(file.stamp.size) \(file.stamp.modified) \(file.stamp.inode) \(path)\n"
            for (organisation, document) in file.documents {
                guard let (offset, length, line) = document.range, let digest = document.digest else { continue }
                catalogue += "document \(offset) \(length) \(line) \(digest) \(organisation)\n"
            }
        }
        if let organisationLines {
            var organisations: [UInt8] = []
            var keys: [UInt8] = []
            for line in organisationLines {
                organisations += line
                keys += keysLine(of: line[...])
            }
            try staging.write([RenderedFile(path: "\(folder)/organisations", contents: organisations), RenderedFile(path: "\(folder)/\(keysFile)", contents: keys)])
        }
        return RenderedFile(path: "\(folder)/catalogue", text: catalogue)
    }
}
