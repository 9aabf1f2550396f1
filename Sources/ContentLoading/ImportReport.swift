import BulletinModel
import Foundation

/// What an importer of a foreign format did: the organisations it produced, the rows it could not
/// place, every problem, and the counts its summary prints. Nothing it read is unaccounted for:
/// every row is written, unassigned or rejected (with a located diagnostic).
public struct ImportReport: Sendable {
    /// The organisations to write as scan documents, sorted by id.
    public var organisations: [OrganisationScan] = []
    /// Rows that belong to no organisation of the directory, in file order.
    public var unassigned: [UnassignedRow] = []
    public var diagnostics: [Diagnostic] = []
    /// Counts by kind of row (a Shadowserver tag, a Test-ProxyLogon file kind), sorted by kind.
    public var tally: [String: Tally] = [:]

    public init() {}

    /// What happened to the rows of one kind.
    public struct Tally: Sendable, Hashable {
        /// Rows read.
        public var read = 0
        /// Rows that became an observation, a software entry or a log age in a scan document.
        public var written = 0
        /// Rows no organisation owns, listed in the unassigned report.
        public var unassigned = 0
        /// Malformed rows, each reported as an error.
        public var rejected = 0

        public init() {}
    }

    /// Counts one row of `kind` under `outcome`.
    mutating func count(_ kind: String, _ outcome: WritableKeyPath<Tally, Int>) {
        tally[kind, default: Tally()][keyPath: outcome] += 1
    }
}

/// A row the importer could not give to an organisation, kept so that the analyst can add the
/// organisation to the directory and import again, or notify the network's owner another way.
public struct UnassignedRow: Sendable, Hashable {
    /// Where the row was read.
    public var location: SourceLocation
    /// The row's fields by column name, as read.
    public var fields: [String: String]

    public init(location: SourceLocation, fields: [String: String]) {
        self.location = location
        self.fields = fields
    }

    /// The unassigned rows as CSV (RFC 4180, CRLF): where each was read, then `columns`.
    public static func csv(_ rows: [UnassignedRow], columns: [String]) -> String {
        func quoted(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = (["file", "line"] + columns).map(quoted).joined(separator: ",") + "\r\n"
        for row in rows {
            let fields = [row.location.file, String(row.location.line)] + columns.map { row.fields[$0] ?? "" }
            text += fields.map(quoted).joined(separator: ",") + "\r\n"
        }
        return text
    }
}
