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

    /// The document as JSON, as `JSONEncoder` with sorted keys would write it (a test compares the two).
    func encoded() -> [UInt8] {
        Self.encoded(organisations, count: organisations.count, generated: generated)
    }

    private static func encoded(_ organisations: some Sequence<OrganisationEntry>, count: Int, generated: String) -> [UInt8] {
        // About 700 bytes per organisation: reserving them spares copying a large document while it grows.
        var writer = JSONWriter(capacity: 768 * count + 64)
        write(organisations, generated: generated, to: &writer)
        return writer.finished()
    }

    /// The document of `summaries`, which must be in id order, without gathering their entries first.
    static func write(_ summaries: [OrganisationSummary], reportDate: String, to writer: inout JSONWriter) {
        write(summaries.lazy.map(\.index), generated: reportDate, to: &writer)
    }

    private static func write(_ organisations: some Sequence<OrganisationEntry>, generated: String, to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("generated")
            writer.string(generated)
            writer.key("organisations")
            writer.array(organisations) { writer, organisation in organisation.write(to: &writer) }
        }
    }
}

extension IndexDocument.OrganisationEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("advisories")
            writer.array(advisories) { writer, advisory in
                writer.object { writer in
                    writer.key("hosts")
                    writer.array(advisory.hosts) { writer, host in
                        writer.object { writer in
                            writer.key("findings")
                            writer.array(host.findings)
                            writer.key("id")
                            writer.string(host.id)
                            writer.key("product")
                            writer.string(host.product)
                            writer.key("status")
                            writer.string(host.status)
                            writer.key("version")
                            writer.string(host.version)
                        }
                    }
                    writer.key("id")
                    writer.string(advisory.id)
                    writer.key("status")
                    writer.string(advisory.status)
                }
            }
            writer.key("id")
            writer.string(id)
            writer.key("name")
            writer.string(name)
            writer.key("status")
            writer.string(status)
        }
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
