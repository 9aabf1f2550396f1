import BulletinModel
import ContentLoading
import Foundation

/// Writes what an importer produced into its output folder: one scan document per organisation,
/// named `<organisation>.<suffix>.json`, and the report of unassigned rows.
///
/// The folder may hold other scan files (it may be the content's scans folder), so the writer only
/// ever replaces or removes files that carry its own suffix. Each file is written whole or not at
/// all (atomic replace).
struct ImportWriter {
    let output: String
    /// Names the importer in file names: `shadowserver`, `test-proxylogon`.
    let suffix: String

    /// Where the unassigned rows go.
    var unassignedPath: String { (output as NSString).appendingPathComponent("\(suffix)-unassigned.csv") }

    /// Writes one document per organisation and returns the paths written. With `replacingOthers`,
    /// documents of this importer for organisations not written this time are removed, so that
    /// the folder reflects this run and no stale organisation is built.
    func write(_ organisations: [OrganisationScan], scanner: String, replacingOthers: Bool) throws -> [String] {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let writer = ScanWriter(scannerName: scanner, scannerVersion: BulletinCommand.configuration.version)
        var written: [String] = []
        for scan in organisations {
            let path = (output as NSString).appendingPathComponent("\(scan.organisation.id).\(suffix).json")
            try writer.document(scan).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        if replacingOthers {
            let ending = ".\(suffix).json"
            for name in try FileManager.default.contentsOfDirectory(atPath: output) where name.hasSuffix(ending) {
                let path = (output as NSString).appendingPathComponent(name)
                if !written.contains(path) { try FileManager.default.removeItem(atPath: path) }
            }
        }
        return written
    }

    /// Writes the unassigned rows, or removes the report of an earlier run when there are none.
    func writeUnassigned(_ rows: [UnassignedRow], columns: [String]) throws -> String? {
        guard !rows.isEmpty else {
            if FileManager.default.fileExists(atPath: unassignedPath) { try FileManager.default.removeItem(atPath: unassignedPath) }
            return nil
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data(UnassignedRow.csv(rows, columns: columns).utf8).write(to: URL(fileURLWithPath: unassignedPath), options: .atomic)
        return unassignedPath
    }
}
