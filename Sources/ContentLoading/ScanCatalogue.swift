import BulletinModel
import Dispatch
import Foundation
import Synchronization

/// Where each organisation's scan documents are, found without building the model: the first
/// pass of a build, after which organisations can be loaded one at a time, in any order and in
/// parallel, with memory bounded by the largest one.
///
/// A JSON Lines line or a single-organisation file is catalogued as a byte range with the
/// organisation id read from it (`ScanLoader.organisationID(in:)`). A batch document, or a
/// document whose id cannot be read that way, is decoded at once and kept decoded: batches are
/// the small-run shape, and a document without a readable id has problems to report.
public struct ScanCatalogue: Sendable {
    /// The scan files, in the order read.
    public internal(set) var files: [String]
    /// Every organisation, sorted by id, with its documents in file order.
    public internal(set) var organisations: [Entry]
    /// Problems found while cataloguing (missing paths, unreadable files, documents that do not
    /// decode), with their once-per-run kinds.
    public internal(set) var notices: [ScanNotice]
    /// The once-per-run kinds already warned about by documents decoded while cataloguing.
    public internal(set) var warnedOnce: Set<String>
    /// The reader of the documents, with the run's size and nesting limits.
    public let loader: ScanLoader

    /// One organisation and where it is described.
    public struct Entry: Sendable {
        public var id: String
        public var documents: [Document]
    }

    /// One document that describes (part of) an organisation.
    public struct Document: Sendable {
        /// Index into `files`.
        public var file: Int
        var content: Content
        /// The SHA-256 of the document's bytes, when an earlier build computed it and the file is
        /// unchanged; incremental builds set and read it, loading ignores it.
        public var digest: String?

        enum Content: Sendable {
            /// Bytes `offset..<offset+length` of the file; `line` is the JSON Lines line, or 0
            /// for a whole-file document.
            case range(offset: Int, length: Int, line: Int)
            /// A document decoded while cataloguing. Boxed: inline, its organisation made every
            /// document 240 bytes where a range needs 25, and a build keeps two per organisation
            /// (the catalogue's, and the one recorded for the next build's catalogue).
            indirect case decoded(ScanDocument.Part, SourceLocation)
        }

        /// Where the document's bytes are, when it was catalogued as a range: what an incremental
        /// build fingerprints. `nil` for a decoded document.
        public var range: (offset: Int, length: Int, line: Int)? {
            if case .range(let offset, let length, let line) = content { return (offset, length, line) }
            return nil
        }

        /// A document found in the file at `offset`, `length` bytes long, on JSON Lines `line`
        /// (0 for a whole-file document): how an earlier build's catalogue is reused.
        public init(file: Int, offset: Int, length: Int, line: Int, digest: String? = nil) {
            self.file = file
            content = .range(offset: offset, length: length, line: line)
            self.digest = digest
        }

        init(file: Int, content: Content) {
            self.file = file
            self.content = content
        }
    }

    /// Catalogues every scan file under `paths` (files, or folders walked in sorted order).
    /// `reuse` may return the documents an earlier build found in an unchanged file (by path),
    /// so that file is not read again.
    public static func make(paths: [String], limits: ScanLimits = ScanLimits(), reuse: (String) -> [(organisation: String, document: Document)]? = { _ in nil }) -> ScanCatalogue {
        var diagnostics: [Diagnostic] = []
        let files = ScanLoader.files(under: paths, diagnostics: &diagnostics)
        var catalogue = ScanCatalogue(files: files, organisations: [], notices: diagnostics.map { ScanNotice($0) }, warnedOnce: [], loader: ScanLoader(limits: limits))
        var byID: [String: [Document]] = [:]
        for (index, file) in files.enumerated() {
            let found = reuse(file) ?? catalogue.documents(ofFile: index)
            for (organisation, document) in found {
                var fixed = document
                fixed.file = index
                byID[organisation, default: []].append(fixed)
            }
        }
        catalogue.organisations = byID.keys.sorted().map { Entry(id: $0, documents: byID[$0]!) }
        return catalogue
    }

    /// Finds the documents of one file, decoding those that cannot be catalogued as ranges.
    private mutating func documents(ofFile index: Int) -> [(organisation: String, document: Document)] {
        let file = files[index]
        let isJSONLines = ["jsonl", "ndjson"].contains((file as NSString).pathExtension.lowercased())
        if isJSONLines {
            var found: [(organisation: String, document: Document)] = []
            let readable = LineReader.forEachChunk(ofFile: file) { lines in
                // Reading the ids is a pass over every byte: spread each chunk's lines over the cores.
                let ids = Self.organisationIDs(lines.map(\.bytes))
                for (line, id) in zip(lines, ids) {
                    found += catalogueLine(line.bytes, id: id, offset: line.offset, number: line.number, file: index)
                }
            }
            if !readable {
                notices.append(ScanNotice(.error("cannot read scan file", id: "scan.unreadable", at: SourceLocation(file: file))))
            }
            return found
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            notices.append(ScanNotice(.error("cannot read scan file", id: "scan.unreadable", at: SourceLocation(file: file))))
            return []
        }
        let bytes = [UInt8](data)
        if !loader.holdsJSONLines(ScanLoader.withoutByteOrderMark(bytes[...])), let id = ScanLoader.organisationID(in: bytes[...]) {
            return [(id, Document(file: index, offset: 0, length: bytes.count, line: 0))]
        }
        // A batch, JSON Lines in a .json file, or a document with problems: the loader reads it
        // whole, as it always has.
        var diagnostics: [Diagnostic] = []
        let parts = loader.parts(of: bytes, file: file, diagnostics: &diagnostics, warnedOnce: &warnedOnce)
        notices += diagnostics.map { ScanNotice($0) }
        return parts.map { part, location in (part.organisation.id, Document(file: index, content: .decoded(part, location))) }
    }

    private mutating func catalogueLine(
        _ line: ArraySlice<UInt8>, id: String?, offset: Int, number: Int, file: Int
    ) -> [(organisation: String, document: Document)] {
        if let id {
            return [(id, Document(file: file, offset: offset, length: line.count, line: number))]
        }
        let decoded = loader.decodeLine(line, file: files[file], line: number)
        notices += decoded.notices
        return decoded.parts.map { part, location in (part.organisation.id, Document(file: file, content: .decoded(part, location))) }
    }
}

extension ScanCatalogue {
    /// `ScanLoader.organisationID(in:)` of each line, computed on every core.
    static func organisationIDs(_ lines: [ArraySlice<UInt8>]) -> [String?] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lines.count))
        let results = Mutex<[String?]>(Array(repeating: nil, count: lines.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var found: [(Int, String?)] = []
            for index in stride(from: worker, to: lines.count, by: workers) {
                found.append((index, ScanLoader.organisationID(in: lines[index])))
            }
            results.withLock { results in
                for (index, id) in found { results[index] = id }
            }
        }
        return results.withLock { $0 }
    }
}
