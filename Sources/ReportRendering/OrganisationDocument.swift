import BulletinModel

/// `organisations/<id>/report.json`: everything the HTML report says, for ticket systems and
/// scripts, with every piece of evidence (the HTML and Markdown cap long lists). The schema is
/// documented in `docs/report-json.md`; keys are sorted and absent values are `null`.
struct OrganisationDocument: Encodable {
    var schema = "bulletin.report/1"
    var generated: String
    var organisation: OrganisationEntry
    var status: String
    var advisories: [AdvisoryEntry]

    struct OrganisationEntry: Encodable {
        var id: String
        var name: String
        @ExplicitNull var sector: String?
        @ExplicitNull var country: String?
        @ExplicitNull var reference: String?
        @ExplicitNull var language: String?
        var contacts: [Contact]
    }

    struct Contact: Encodable {
        @ExplicitNull var name: String?
        @ExplicitNull var email: String?
        @ExplicitNull var role: String?
    }

    struct AdvisoryEntry: Encodable {
        var id: String
        var title: String
        var status: String
        var hosts: [HostEntry]
    }

    struct HostEntry: Encodable {
        var id: String
        @ExplicitNull var hostname: String?
        var addresses: [String]
        var status: String
        var exposures: [ExposureEntry]
        var findings: [FindingEntry]
        var remediation: [StepEntry]
        /// How far back each log of the host reaches, in days, as the scan format names it; `{}`
        /// when the scan did not measure it.
        var log_age_days: [String: Double]
    }

    struct ExposureEntry: Encodable {
        var product: String
        @ExplicitNull var version: String?
        var status: String
        @ExplicitNull var branch: String?
        @ExplicitNull var fixed: String?
        @ExplicitNull var update: String?
        var cves: [String]
        var reason: String
        var source: String
    }

    struct FindingEntry: Encodable {
        var indicator: String
        var title: String
        var verdict: String
        var confidence: String
        var cves: [String]
        var evidence: [EvidenceEntry]
    }

    struct EvidenceEntry: Encodable {
        var type: String
        var summary: String
        @ExplicitNull var time: String?
        var file: String
        @ExplicitNull var line: Int?
        @ExplicitNull var pointer: String?
    }

    struct StepEntry: Encodable {
        var id: String
        var title: String
        var category: String
        @ExplicitNull var due: String?
        var markdown: String
    }

    func encoded() -> [UInt8] {
        written(capacity: 8192)
    }
}

/// Keys in sorted order, as `JSONEncoder` with sorted keys would write them (`OrganisationDocumentTests`
/// compares the two).
extension OrganisationDocument: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("advisories")
            writer.array(advisories) { writer, advisory in advisory.write(to: &writer) }
            writer.key("generated")
            writer.string(generated)
            writer.key("organisation")
            organisation.write(to: &writer)
            writer.key("schema")
            writer.string(schema)
            writer.key("status")
            writer.string(status)
        }
    }
}

extension OrganisationDocument.OrganisationEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("contacts")
            writer.array(contacts) { writer, contact in contact.write(to: &writer) }
            writer.key("country")
            writer.string(country)
            writer.key("id")
            writer.string(id)
            writer.key("language")
            writer.string(language)
            writer.key("name")
            writer.string(name)
            writer.key("reference")
            writer.string(reference)
            writer.key("sector")
            writer.string(sector)
        }
    }
}

extension OrganisationDocument.Contact: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("email")
            writer.string(email)
            writer.key("name")
            writer.string(name)
            writer.key("role")
            writer.string(role)
        }
    }
}

extension OrganisationDocument.AdvisoryEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("hosts")
            writer.array(hosts) { writer, host in host.write(to: &writer) }
            writer.key("id")
            writer.string(id)
            writer.key("status")
            writer.string(status)
            writer.key("title")
            writer.string(title)
        }
    }
}

extension OrganisationDocument.HostEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("addresses")
            writer.array(addresses)
            writer.key("exposures")
            writer.array(exposures) { writer, exposure in exposure.write(to: &writer) }
            writer.key("findings")
            writer.array(findings) { writer, finding in finding.write(to: &writer) }
            writer.key("hostname")
            writer.string(hostname)
            writer.key("id")
            writer.string(id)
            writer.key("log_age_days")
            writer.sortedObject(log_age_days)
            writer.key("remediation")
            writer.array(remediation) { writer, step in step.write(to: &writer) }
            writer.key("status")
            writer.string(status)
        }
    }
}

extension OrganisationDocument.ExposureEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("branch")
            writer.string(branch)
            writer.key("cves")
            writer.array(cves)
            writer.key("fixed")
            writer.string(fixed)
            writer.key("product")
            writer.string(product)
            writer.key("reason")
            writer.string(reason)
            writer.key("source")
            writer.string(source)
            writer.key("status")
            writer.string(status)
            writer.key("update")
            writer.string(update)
            writer.key("version")
            writer.string(version)
        }
    }
}

extension OrganisationDocument.FindingEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("confidence")
            writer.string(confidence)
            writer.key("cves")
            writer.array(cves)
            writer.key("evidence")
            writer.array(evidence) { writer, line in line.write(to: &writer) }
            writer.key("indicator")
            writer.string(indicator)
            writer.key("title")
            writer.string(title)
            writer.key("verdict")
            writer.string(verdict)
        }
    }
}

extension OrganisationDocument.EvidenceEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("file")
            writer.string(file)
            writer.key("line")
            writer.number(line)
            writer.key("pointer")
            writer.string(pointer)
            writer.key("summary")
            writer.string(summary)
            writer.key("time")
            writer.string(time)
            writer.key("type")
            writer.string(type)
        }
    }
}

extension OrganisationDocument.StepEntry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("category")
            writer.string(category)
            writer.key("due")
            writer.string(due)
            writer.key("id")
            writer.string(id)
            writer.key("markdown")
            writer.string(markdown)
            writer.key("title")
            writer.string(title)
        }
    }
}

extension OrganisationDocument {
    init(assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String) {
        self.init(
            assessment: assessment, advisories: advisories, reportDate: reportDate,
            plans: RemediationPlans(assessment, advisories: advisories, reportDate: reportDate))
    }

    /// The same, with the hosts' remediation steps already planned (the HTML report shows them too).
    init(assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String, plans: RemediationPlans) {
        let scan = assessment.scan
        let organisation = scan.organisation
        let hosts = Dictionary(scan.hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        generated = reportDate
        status = assessment.status.rawValue
        self.organisation = OrganisationEntry(
            id: organisation.id, name: organisation.name, sector: organisation.sector, country: organisation.country,
            reference: organisation.reference, language: organisation.language,
            contacts: organisation.contacts.map { Contact(name: $0.name, email: $0.email, role: $0.role) })
        self.advisories = assessment.advisories.compactMap { entry in
            guard let advisory = advisories[entry.advisoryID] else { return nil }
            return AdvisoryEntry(id: advisory.id, title: advisory.title, status: entry.status.rawValue, hosts: entry.hosts.compactMap { hostAssessment in
                guard let host = hosts[hostAssessment.hostID] else { return nil }
                return HostEntry(
                    id: host.id, hostname: host.hostname, addresses: host.addresses, status: hostAssessment.status.rawValue,
                    exposures: hostAssessment.exposures.map {
                        ExposureEntry(
                            product: $0.product, version: $0.version, status: $0.status.rawValue, branch: $0.branch, fixed: $0.fixed,
                            update: $0.update, cves: $0.cves, reason: $0.reason, source: $0.location.citation)
                    },
                    findings: hostAssessment.findings.map { finding in
                        FindingEntry(
                            indicator: finding.indicatorID, title: finding.title, verdict: finding.verdict.rawValue,
                            confidence: finding.confidence.rawValue, cves: finding.cves,
                            evidence: finding.evidence.map { observation in
                                EvidenceEntry(
                                    type: observation.kind.typeName, summary: EvidenceLine.summary(of: observation.kind), time: observation.time,
                                    file: observation.origin.file, line: observation.origin.line > 0 ? observation.origin.line : nil,
                                    pointer: observation.origin.jsonPointer)
                            })
                    },
                    remediation: plans.steps(advisory: advisory.id, host: host.id).map {
                        StepEntry(id: $0.step.id, title: $0.step.title, category: $0.step.category.rawValue, due: $0.due, markdown: $0.markdown)
                    },
                    log_age_days: host.logAgeDays)
            })
        }
    }
}
