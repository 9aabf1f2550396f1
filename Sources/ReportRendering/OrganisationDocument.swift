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
        JSONOutput.encode(self)
    }
}

extension OrganisationDocument {
    init(assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String) {
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
            let planner = RemediationPlanner(advisory: advisory, reportDate: reportDate)
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
                    remediation: planner.steps(for: host, assessment: hostAssessment).map {
                        StepEntry(id: $0.step.id, title: $0.step.title, category: $0.step.category.rawValue, due: $0.due, markdown: $0.markdown)
                    },
                    log_age_days: host.logAgeDays)
            })
        }
    }
}
