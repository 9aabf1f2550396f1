import BulletinModel
import Foundation

/// One organisation loaded from its catalogued documents: its merged scan (`nil` when no document
/// described it usably) and every problem found, located.
public struct OrganisationLoad: Sendable {
    public var scan: OrganisationScan?
    public var notices: [ScanNotice]
}

extension ScanCatalogue {
    /// The bytes of each of `entry`'s documents, read from its file; `nil` for a document decoded
    /// while cataloguing. A file that changed since cataloguing gives a located error when loaded.
    public func contents(of entry: Entry) -> [[UInt8]?] {
        entry.documents.map { document in
            guard let (offset, length, _) = document.range else { return nil }
            let descriptor = open(files[document.file], O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var bytes = [UInt8](repeating: 0, count: length)
            var done = 0
            while done < length {
                let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, length - done, off_t(offset + done)) }
                guard count > 0 else { return nil }
                done += count
            }
            return bytes
        }
    }
}

extension ScanLoader {
    /// Decodes and merges `entry`'s documents, whose bytes `contents` gives (from
    /// `ScanCatalogue.contents(of:)`), in file order: metadata two documents give differently is
    /// an error naming both places, as when loading everything at once.
    public func load(_ entry: ScanCatalogue.Entry, contents: [[UInt8]?], from catalogue: ScanCatalogue) -> OrganisationLoad {
        var notices: [ScanNotice] = []
        var merger = ScanMerger()
        var diagnostics: [Diagnostic] = []
        for (document, bytes) in zip(entry.documents, contents) {
            let file = catalogue.files[document.file]
            var parts: [(ScanDocument.Part, SourceLocation)]
            switch document.content {
            case .decoded(let part, let location):
                parts = [(part, location)]
            case .range(_, _, let line):
                guard let bytes else {
                    notices.append(ScanNotice(.error("cannot read scan file", id: "scan.unreadable", at: SourceLocation(file: file, line: line))))
                    continue
                }
                let decoded = line > 0 ? decodeLine(bytes[...], file: file, line: line) : decodeWhole(bytes, file: file)
                notices += decoded.notices
                parts = decoded.parts
            }
            for (part, location) in parts {
                guard part.organisation.id == entry.id else {
                    // The file changed between cataloguing and loading: say so rather than mix
                    // another organisation's data into this one.
                    notices.append(ScanNotice(.error(
                        "the scan file changed while bulletin was reading it; build again", id: "scan.changed", at: location)))
                    continue
                }
                merger.add(part, at: location, diagnostics: &diagnostics)
            }
        }
        notices += resolvingPositions(diagnostics).map { ScanNotice($0) }
        return OrganisationLoad(scan: merger.organisations.first, notices: ScanNotice.onceEach(notices))
    }

    /// Decodes one JSON Lines line into organisation parts located at the line.
    func decodeLine(_ line: ArraySlice<UInt8>, file: String, line number: Int) -> (parts: [(ScanDocument.Part, SourceLocation)], notices: [ScanNotice]) {
        let location = SourceLocation(file: file, line: number, column: 1)
        switch decode(line, origin: ScanDocument.Origin(file: file, line: number)) {
        case .document(let document):
            let lineBytes = Array(line)
            let notices = document.problems.map { problem in
                ScanNotice(Diagnostic(problem.severity, problem.summary, id: problem.id, at: SourceLocation(
                    file: file, line: number, column: JSONLocator.offset(of: problem.path, in: lineBytes) + 1,
                    jsonPointer: JSONPathComponent.pointer(problem.path))), onceKey: problem.onceKey)
            }
            return (document.organisations.map { ($0, location) }, notices)
        case .syntaxError(let error):
            var summary = error.message
            if error.endOfFirstDocument != nil { summary += "; JSON Lines need exactly one document per line" }
            return ([], [ScanNotice(.error("\(summary); the line is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: number, column: error.offset + 1)))])
        }
    }

    /// Decodes a whole-file document of one organisation (one the catalogue found an id in).
    func decodeWhole(_ bytes: [UInt8], file: String) -> (parts: [(ScanDocument.Part, SourceLocation)], notices: [ScanNotice]) {
        let lines = LineIndex(bytes)
        func locate(_ path: [JSONPathComponent]) -> SourceLocation {
            let (line, column) = lines.position(of: JSONLocator.offset(of: path, in: bytes))
            return SourceLocation(file: file, line: line, column: column, jsonPointer: JSONPathComponent.pointer(path))
        }
        switch decode(bytes[...], origin: ScanDocument.Origin(file: file, line: 0)) {
        case .document(let document):
            let notices = document.problems.map { ScanNotice(Diagnostic($0.severity, $0.summary, id: $0.id, at: locate($0.path)), onceKey: $0.onceKey) }
            return (document.organisations.map { ($0, locate($0.path + [.key("organisation")])) }, notices)
        case .syntaxError(let error):
            let (line, column) = lines.position(of: error.offset)
            return ([], [ScanNotice(.error("\(error.message); the file is not valid JSON", id: "scan.syntax", at: SourceLocation(file: file, line: line, column: column)))])
        }
    }
}
