import ContentLoading
import Foundation

/// The closing lines of an import on standard error: the totals, then a table by kind of row, so
/// that every row read is accounted for as written, unassigned or rejected.
struct ImportSummary {
    let report: ImportReport
    /// How many input files were named, when the importer reads a list of files.
    let files: Int?
    let output: String
    let unassignedFile: String?

    func print() {
        let totals = report.tally.values.reduce(into: ImportReport.Tally()) {
            $0.read += $1.read
            $0.written += $1.written
            $0.unassigned += $1.unassigned
            $0.rejected += $1.rejected
        }
        let hosts = report.organisations.reduce(0) { $0 + $1.hosts.count }
        let from = files.map { " from \($0) file\($0 == 1 ? "" : "s")" } ?? ""
        var line = "bulletin: read \(totals.read) row\(totals.read == 1 ? "" : "s")\(from): wrote \(totals.written)"
        line += " (\(hosts) host\(hosts == 1 ? "" : "s") of \(report.organisations.count) organisation\(report.organisations.count == 1 ? "" : "s") into \(output))"
        if totals.unassigned > 0 || unassignedFile != nil {
            line += ", \(totals.unassigned) unassigned"
            if totals.unassigned > 0, let unassignedFile { line += " (\(unassignedFile))" }
        }
        line += ", \(totals.rejected) rejected"
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        if warnings > 0 { line += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        var text = line + "\n"
        if !report.tally.isEmpty {
            let kinds = report.tally.keys.sorted()
            let width = max(4, kinds.map(\.count).max() ?? 0)
            func row(_ cells: [String]) -> String {
                "  " + cells[0].padding(toLength: width, withPad: " ", startingAt: 0)
                    + cells.dropFirst().map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined() + "\n"
            }
            text += row(["kind", "read", "written", "unassigned", "rejected"])
            for kind in kinds {
                let tally = report.tally[kind] ?? ImportReport.Tally()
                text += row([kind, String(tally.read), String(tally.written), String(tally.unassigned), String(tally.rejected)])
            }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
