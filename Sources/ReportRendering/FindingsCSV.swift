import BulletinModel

/// `findings.csv`: one row per piece of evidence across all organisations, for ticket systems and
/// IntelMQ-style pipelines. RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
/// line break, quotes doubled.
///
/// Scan data is hostile and CSV files are opened in spreadsheets: a field that starts with `=`,
/// `+`, `-`, `@`, tab or carriage return would be a formula there, so it gets a leading `'`
/// (OWASP's advice against CSV injection). Rows are sorted, so the file is reproducible.
struct FindingsCSV {
    static let header = [
        "organisation_id", "organisation_name", "advisory_id", "host_id", "hostname", "host_status", "indicator_id",
        "verdict", "confidence", "observation_type", "observation", "time", "source",
    ]

    var rows: [[String]] = []

    init(summaries: [OrganisationSummary]) {
        rows = summaries.sorted { $0.id < $1.id }.flatMap(\.findingRows)
    }

    /// One organisation's rows, sorted. Every row starts with the organisation id, so the rows of
    /// organisations taken in id order are the rows of the whole file sorted.
    static func rows(of assessment: OrganisationAssessment) -> [[String]] {
        var rows: [[String]] = []
        let organisation = assessment.scan.organisation
        let hosts = Dictionary(assessment.scan.hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for advisory in assessment.advisories {
            for host in advisory.hosts {
                for finding in host.findings {
                    for observation in finding.evidence {
                        rows.append([
                            organisation.id, organisation.name, advisory.advisoryID, host.hostID, hosts[host.hostID]?.hostname ?? "",
                            host.status.rawValue, finding.indicatorID, finding.verdict.rawValue, finding.confidence.rawValue,
                            observation.kind.typeName, EvidenceLine.summary(of: observation.kind), observation.time ?? "",
                            observation.origin.citation,
                        ])
                    }
                }
            }
        }
        return rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        for row in [Self.header] + rows { Self.append(row, to: &bytes) }
        return bytes
    }

    /// The file of `summaries`, which must be in id order, handed to `drain` in pieces of about
    /// `every` bytes: at national scale the file is tens of megabytes, and its rows are already
    /// in the summaries.
    static func write(_ summaries: [OrganisationSummary], every: Int, into drain: ([UInt8]) -> Void) {
        var bytes: [UInt8] = []
        append(header, to: &bytes)
        for summary in summaries {
            for row in summary.findingRows {
                append(row, to: &bytes)
                if bytes.count >= every {
                    drain(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        drain(bytes)
    }

    private static func append(_ row: [String], to bytes: inout [UInt8]) {
        var line = row.map(field).joined(separator: ",")
        line += "\r\n"
        bytes += line.utf8
    }

    /// One field, neutralised for spreadsheets and quoted as RFC 4180 requires.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingQuotes + "\""
    }
}

extension String {
    /// Doubles every `"`.
    fileprivate var replacingQuotes: String {
        var result = ""
        for character in self {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result
    }
}
