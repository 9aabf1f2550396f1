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
                let decoded = line > 0 ? decodeLine(bytes[...], file: file, line: line) : decodeWhole(Self.withoutByteOrderMark(bytes[...]), file: file)
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
}
