import BulletinModel

/// A problem found while decoding a scan document, located by its JSON path until the loader turns
/// it into a `Diagnostic` with line and column.
struct ScanProblem: Sendable {
    var severity: Diagnostic.Severity
    var path: [JSONPathComponent]
    var summary: String
    var id: String
    /// For warnings reported once per run (unknown keys, unknown types): what makes two the same.
    var onceKey: String?
}
