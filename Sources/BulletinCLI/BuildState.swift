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
///   report depends on), its diagnostics and its summary, one line each in id order.
///
/// It describes this machine's files (times, inodes), so it is not part of the published site
/// and not in `manifest.json`; it is replaced with the output folder as a whole, so it always
/// describes the site beside it.
struct BuildState: Sendable {
    static let folder = ".bulletin-build"
    static let format = "bulletin.build-state/1"

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
        var key: String
        var line: ArraySlice<UInt8>
    }

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
        guard let tab = line.firstIndex(of: 0x09), let second = line[(tab + 1)...].firstIndex(of: 0x09) else { return nil }
        var reader = JSONReader(line[(second + 1)...])
        return try? Record(reading: &reader)
    }

    /// Reads the state an earlier build left in `output`; `nil` when there is none or it is not
    /// one this version wrote (then everything is built again).
    static func read(output: URL) -> BuildState? {
        let folder = output.appendingPathComponent(Self.folder)
        guard let catalogue = FileManager.default.contents(atPath: folder.appendingPathComponent("catalogue").path),
            let organisations = FileManager.default.contents(atPath: folder.appendingPathComponent("organisations").path)
        else { return nil }
        guard var state = parseCatalogue([UInt8](catalogue)) else { return nil }
        let bytes = [UInt8](organisations)
        var start = 0
        while start < bytes.count, let end = bytes[start...].firstIndex(of: 0x0A) {
            let line = bytes[start..<end]
            start = end + 1
            guard let tab = line.firstIndex(of: 0x09), let second = line[(tab + 1)...].firstIndex(of: 0x09) else { return nil }
            let id = String(decoding: line[..<tab], as: UTF8.self)
            state.organisations[id] = StoredOrganisation(key: String(decoding: line[(tab + 1)..<second], as: UTF8.self), line: line)
        }
        return state
    }

    /// The catalogue file: a header, then per scan file a `file` line and its `document` lines.
    /// Plain text rather than JSON because the next build reads it before doing anything else.
    private static func parseCatalogue(_ bytes: [UInt8]) -> BuildState? {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3, lines[0] == format, lines[1].hasPrefix("environment "), lines[2].hasPrefix("shard ") else { return nil }
        var state = BuildState(environment: String(lines[1].dropFirst("environment ".count)))
        let shardText = String(lines[2].dropFirst("shard ".count))
        state.shard = shardText == "-" ? nil : Shard(shardText)
        var current: (path: String, file: ScanFile)?
        for line in lines[3...] {
            // The path ends a file line and may hold spaces; an organisation id holds none.
            let fields = line.split(separator: " ", maxSplits: line.hasPrefix("file ") ? 4 : 5, omittingEmptySubsequences: false)
            if fields.first == "file", fields.count == 5, let size = Int64(fields[1]), let modified = Int64(fields[2]), let inode = UInt64(fields[3]) {
                if let current { state.scanFiles[current.path] = current.file }
                current = (String(fields[4]), ScanFile(stamp: ScanFileStamp(size: size, modified: modified, inode: inode), documents: []))
            } else if fields.first == "document", fields.count == 6, let offset = Int(fields[1]), let length = Int(fields[2]), let number = Int(fields[3]) {
                current?.file.documents.append((String(fields[5]), ScanCatalogue.Document(file: 0, offset: offset, length: length, line: number, digest: String(fields[4]))))
            } else {
                return nil
            }
        }
        if let current { state.scanFiles[current.path] = current.file }
        return state
    }

    /// Writes the catalogue and, unless they were written as organisations were built, the
    /// organisations' lines into the staging folder.
    static func write(
        environment: String, shard: Shard?, scanFiles: [(path: String, file: ScanFile)], organisationLines: [[UInt8]]?, into staging: StagingFolder
    ) throws(OutputWriter.Failure) {
        var catalogue = "\(format)\nenvironment \(environment)\nshard \(shard?.description ?? "-")\n"
        for (path, file) in scanFiles where !path.contains("\n") {
            catalogue += "file \(file.stamp.size) \(file.stamp.modified) \(file.stamp.inode) \(path)\n"
            for (organisation, document) in file.documents {
                guard let (offset, length, line) = document.range, let digest = document.digest else { continue }
                catalogue += "document \(offset) \(length) \(line) \(digest) \(organisation)\n"
            }
        }
        var files = [RenderedFile(path: "\(folder)/catalogue", text: catalogue)]
        if let organisationLines {
            var organisations: [UInt8] = []
            for line in organisationLines { organisations += line }
            files.append(RenderedFile(path: "\(folder)/organisations", contents: organisations))
        }
        try staging.write(files)
    }
}
