import ContentLoading
import Foundation
import ReportRendering

/// The fingerprints that decide whether an organisation's report can be reused: if the key is the
/// one an earlier build stored, the report would come out byte for byte the same.
enum BuildKey {
    /// The fingerprint of what every organisation's report depends on besides its own scans: the
    /// advisories with their indicators and remediation, site.yml, the templates, the report date,
    /// `--all`, and this very executable (its version, size and time, since a new build of the
    /// tool may render differently).
    static func environment(content: String, templates: String, reportDate: String, includeUnaffected: Bool, scanLimits: ScanLimits = ScanLimits()) -> String {
        // The limits decide which documents are refused, so a reused report must have met the same ones.
        var bytes = Array("bulletin \(BulletinCommand.configuration.version)\ndate \(reportDate)\nall \(includeUnaffected)\nlimits \(scanLimits.maximumDocumentBytes) \(scanLimits.maximumDepth)\n".utf8)
        if let executable = Bundle.main.executablePath, let stamp = ScanFileStamp(path: executable) {
            bytes += Array("executable \(stamp.size) \(stamp.modified)\n".utf8)
        }
        let contentFolder = URL(fileURLWithPath: content)
        for (label, folder) in [("advisories", contentFolder.appendingPathComponent("advisories")), ("templates", URL(fileURLWithPath: templates))] {
            for relative in (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted() {
                let path = folder.appendingPathComponent(relative).path
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                bytes += Array("\(label)/\(relative) \(SHA256.hex([UInt8](data)))\n".utf8)
            }
        }
        if let site = FileManager.default.contents(atPath: contentFolder.appendingPathComponent("site.yml").path) {
            bytes += Array("site.yml \(SHA256.hex([UInt8](site)))\n".utf8)
        }
        return SHA256.hex(bytes)
    }

    /// The key of one organisation: the environment and, for each of its documents in order, its
    /// file, line and the digest of its bytes (evidence cites file and line, so a document that
    /// moved changes the report). `nil` when a document was decoded while cataloguing (a batch):
    /// such organisations are always built again.
    static func organisation(environment: String, documents: [ScanCatalogue.Document], files: [String]) -> String? {
        var bytes = Array(environment.utf8)
        for document in documents {
            guard let (_, _, line) = document.range, let digest = document.digest else { return nil }
            bytes += Array("\n\(files[document.file])\u{0}\(line)\u{0}\(digest)".utf8)
        }
        return SHA256.hex(bytes)
    }
}
