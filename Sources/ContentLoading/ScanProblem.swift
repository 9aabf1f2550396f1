import BulletinModel

/// A problem found while reading a scan document, located by its JSON pointer and by the byte
/// offset of the value it is about, until the loader turns it into a `Diagnostic` with line and
/// column.
struct ScanProblem: Sendable {
    var severity: Diagnostic.Severity
    var pointer: String
    /// Where the value starts in the document (for a missing field, where its object starts).
    var offset: Int
    var summary: String
    var id: String
    /// For warnings reported once per run (unknown keys, unknown types): what makes two the same.
    var onceKey: String?
}
