/// One problem found in the input, printed the way the Swift compiler prints its diagnostics so that
/// editors and CI annotators can jump to it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad the problem is. Any error stops the build before anything is written.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    /// Whether the build may go on.
    public var severity: Severity
    /// Where the problem is; `nil` only for problems that belong to no file (a missing folder, say).
    public var location: SourceLocation?
    /// One line: what is wrong and, where we can tell, how to fix it.
    public var summary: String
    /// A stable identifier such as `scan.duplicate-host`, for filtering and documentation.
    public var id: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ summary: String, id: String, at location: SourceLocation?) {
        self.severity = severity
        self.location = location
        self.summary = summary
        self.id = id
    }

    /// Shorthand for an error diagnostic.
    public static func error(_ summary: String, id: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, summary, id: id, at: location)
    }

    /// Shorthand for a warning diagnostic.
    public static func warning(_ summary: String, id: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, summary, id: id, at: location)
    }

    /// `path:line:column: error: summary [id]`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? "bulletin: "
        return "\(prefix)\(severity.rawValue): \(summary) [\(id)]"
    }
}

extension Collection where Element == Diagnostic {
    /// Whether any of these diagnostics stops the build.
    public var containsError: Bool { contains { $0.severity == .error } }
}
