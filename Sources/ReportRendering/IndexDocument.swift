import BulletinModel
import Foundation

/// `index.json`: the machine-readable summary other tools read. Its shape is a public interface:
/// keys are sorted, absent values are `null` rather than missing, and organisations are sorted
/// by id.
struct IndexDocument: Encodable {
    var generated: String
    var organisations: [OrganisationEntry]

    struct OrganisationEntry: Codable, Sendable {
        var id: String
        var name: String
        var status: String
        var advisories: [AdvisoryEntry]
    }

    struct AdvisoryEntry: Codable, Sendable {
        var id: String
        var status: String
        var hosts: [HostEntry]
    }

    struct HostEntry: Codable, Sendable {
        var id: String
        var status: String
        @ExplicitNull var product: String?
        @ExplicitNull var version: String?
        var findings: [String]
    }

    init(summaries: [OrganisationSummary], reportDate: String) {
        generated = reportDate
        organisations = summaries.sorted { $0.id < $1.id }.map(\.index)
    }

    /// The document as JSON (see `JSONOutput`).
    func encoded() -> [UInt8] {
        JSONOutput.encode(self)
    }
}

extension IndexDocument.OrganisationEntry {
    /// The organisation's entry, from its assessment.
    init(_ assessment: OrganisationAssessment) {
        self.init(
            id: assessment.scan.organisation.id, name: assessment.scan.organisation.name, status: assessment.status.rawValue,
            advisories: assessment.advisories.map { advisory in
                IndexDocument.AdvisoryEntry(id: advisory.advisoryID, status: advisory.status.rawValue, hosts: advisory.hosts.map { host in
                    let exposure = host.decisiveExposure
                    return IndexDocument.HostEntry(
                        id: host.hostID, status: host.status.rawValue, product: exposure?.product, version: exposure?.version,
                        findings: host.findings.map(\.indicatorID).sorted())
                })
            })
    }
}
