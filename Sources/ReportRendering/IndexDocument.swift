import BulletinModel
import Foundation

/// `index.json`: the machine-readable summary other tools read. Its shape is a public interface:
/// keys are sorted, absent values are `null` rather than missing, and organisations are sorted
/// by id.
struct IndexDocument: Encodable {
    var generated: String
    var organisations: [OrganisationEntry]

    struct OrganisationEntry: Encodable {
        var id: String
        var name: String
        var status: String
        var advisories: [AdvisoryEntry]
    }

    struct AdvisoryEntry: Encodable {
        var id: String
        var status: String
        var hosts: [HostEntry]
    }

    struct HostEntry: Encodable {
        var id: String
        var status: String
        @ExplicitNull var product: String?
        @ExplicitNull var version: String?
        var findings: [String]
    }

    init(assessments: [OrganisationAssessment], reportDate: String) {
        generated = reportDate
        organisations = assessments.sorted { $0.scan.organisation.id < $1.scan.organisation.id }.map { assessment in
            OrganisationEntry(
                id: assessment.scan.organisation.id, name: assessment.scan.organisation.name, status: assessment.status.rawValue,
                advisories: assessment.advisories.map { advisory in
                    AdvisoryEntry(id: advisory.advisoryID, status: advisory.status.rawValue, hosts: advisory.hosts.map { host in
                        let exposure = host.decisiveExposure
                        return HostEntry(
                            id: host.hostID, status: host.status.rawValue, product: exposure?.product, version: exposure?.version,
                            findings: host.findings.map(\.indicatorID).sorted())
                    })
                })
        }
    }

    /// The document as JSON (see `JSONOutput`).
    func encoded() -> [UInt8] {
        JSONOutput.encode(self)
    }
}
