import BulletinModel

extension OrganisationReport {
    /// Builds the view model of `assessment`'s report on `reportDate`.
    init(assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String) {
        self.init(
            assessment: assessment, advisories: advisories, reportDate: reportDate,
            plans: RemediationPlans(assessment, advisories: advisories, reportDate: reportDate))
    }

    /// The same, with the hosts' remediation steps already planned (report.json shows them too).
    init(assessment: OrganisationAssessment, advisories: [String: Advisory], reportDate: String, plans: RemediationPlans) {
        let scan = assessment.scan
        let organisation = scan.organisation
        let sections = assessment.advisories.compactMap { entry in
            advisories[entry.advisoryID].map { AdvisorySection(entry, advisory: $0, scan: scan, plans: plans) }
        }
        // The strictest marking of the advisories covered, since one report carries all of them.
        let tlp = assessment.advisories.compactMap { advisories[$0.advisoryID]?.reportTLP }.max { $0.strictness < $1.strictness } ?? .amberStrict
        self.init(
            title: "Security notice for \(organisation.name)",
            reportDate: reportDate,
            tlp: TLPMarking(tlp),
            organisation: OrganisationFacts(
                id: organisation.id, name: organisation.name, sector: organisation.sector, country: organisation.country,
                reference: organisation.reference,
                contacts: organisation.contacts.map { Contact(name: $0.name, email: $0.email, role: $0.role) },
                hasContacts: !organisation.contacts.isEmpty),
            status: StatusView(assessment.status),
            advisories: sections,
            scanners: scan.scanners.joined(separator: ", "),
            scannedAt: scan.scannedAt,
            indexLink: "../../index.html")
    }
}

extension OrganisationReport.PublisherView {
    init(_ publisher: Publisher) {
        self.init(
            name: publisher.name, website: publisher.website, email: publisher.email, phone: publisher.phone,
            verificationHTML: CommonMarkHTML.render(publisher.verification), verificationMarkdown: publisher.verification)
    }
}

extension OrganisationReport.TLPMarking {
    init(_ tlp: Advisory.TLP) {
        self.init(marking: tlp.marking, cssClass: "tlp-" + tlp.rawValue.lowercased().replacing("+", with: "-"), meaning: tlp.meaning)
    }
}

extension OrganisationReport.StatusView {
    init(_ status: HostStatus) {
        self.init(value: status.rawValue, label: status.label, cssClass: StatusWording.cssClass(status))
    }
}

extension OrganisationReport.AdvisorySection {
    init(_ entry: AdvisoryAssessment, advisory: Advisory, scan: OrganisationScan, plans: RemediationPlans) {
        let hostsByID = Dictionary(scan.hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Worst hosts first: the reader acts on those today.
        let ordered = entry.hosts.sorted { ($1.status, $0.hostID) < ($0.status, $1.hostID) }
        var hostPlans: [OrganisationReport.HostPlan] = []
        var rows: [OrganisationReport.HostRow] = []
        var evidence: [OrganisationReport.HostEvidence] = []
        for hostAssessment in ordered {
            guard let host = hostsByID[hostAssessment.hostID] else { continue }
            let exposure = hostAssessment.decisiveExposure
            let cves = Set(hostAssessment.exposures.flatMap(\.cves) + hostAssessment.findings.flatMap(\.cves)).sorted()
            rows.append(OrganisationReport.HostRow(
                id: host.id, hostname: host.hostname, addresses: host.addresses.joined(separator: ", "),
                product: exposure?.product, version: exposure?.version,
                status: OrganisationReport.StatusView(hostAssessment.status), hostCVEs: cves.isEmpty ? nil : cves.joined(separator: ", "),
                reason: exposure?.reason ?? "The scan found none of the products this advisory concerns.",
                findings: hostAssessment.findings.map(\.indicatorID).joined(separator: ", "),
                logReach: OrganisationReport.HostRow.logReach(host.logAgeDays)))
            if !hostAssessment.findings.isEmpty {
                evidence.append(OrganisationReport.HostEvidence(
                    host: host.hostname ?? host.id,
                    findings: hostAssessment.findings.map { finding in
                        OrganisationReport.FindingView(
                            id: finding.indicatorID, title: finding.title, verdict: finding.verdict.rawValue,
                            confidence: finding.confidence.rawValue,
                            indicatorCVEs: finding.cves.isEmpty ? nil : finding.cves.joined(separator: ", "),
                            lines: finding.evidence.prefix(OrganisationReport.evidenceLimit).map(EvidenceLine.init),
                            more: finding.evidence.count > OrganisationReport.evidenceLimit ? finding.evidence.count - OrganisationReport.evidenceLimit : nil)
                    }))
            }
            let steps = plans.steps(advisory: advisory.id, host: host.id)
            guard !steps.isEmpty, let planner = plans.planner(advisory: advisory.id) else { continue }
            hostPlans.append(OrganisationReport.HostPlan(
                host: host.hostname ?? host.id, status: OrganisationReport.StatusView(hostAssessment.status),
                steps: steps.enumerated().map { index, planned in
                    OrganisationReport.Step(
                        number: index + 1, title: planned.step.title, category: planned.step.category.label, due: planned.due,
                        bodyHTML: planned.html(planner: planner), bodyMarkdown: planned.markdown)
                }))
        }
        self.init(
            id: advisory.id, link: "../../advisories/\(advisory.slug)/index.html", title: advisory.title, summary: advisory.summary, severity: advisory.severity.rawValue,
            status: OrganisationReport.StatusView(entry.status), meaning: StatusWording.meaning(entry.status),
            cves: advisory.cves.map(\.id).joined(separator: ", "), hosts: rows, hostPlans: hostPlans, hasPlans: !hostPlans.isEmpty,
            evidence: evidence, hasEvidence: !evidence.isEmpty,
            references: advisory.references.map { OrganisationReport.Reference(title: $0.title, url: $0.url) })
    }
}

extension OrganisationReport.HostRow {
    /// "Evidence only reaches back N days", from the shortest-kept log: the weakest link decides
    /// what a clean result can vouch for. Whole days, rounded down, so the sentence never claims
    /// more than the logs hold.
    static func logReach(_ logAgeDays: [String: Double]) -> String? {
        guard let (log, days) = logAgeDays.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { return nil }
        let whole = Int(days.rounded(.down))
        let span = whole < 1 ? "less than a day" : whole == 1 ? "1 day" : "\(whole) days"
        return "Evidence only reaches back \(span) (the \(log) log is the shortest kept): older activity cannot be seen."
    }
}

extension Advisory.TLP {
    /// Order from least to most restrictive, to pick the strictest of several markings.
    var strictness: Int { Advisory.TLP.allCases.firstIndex(of: self)! }

    /// What the marking allows, as FIRST's TLP 2.0 defines it, in one line.
    var meaning: String {
        switch self {
        case .clear: "Recipients may share this without restriction."
        case .green: "Recipients may share this within their community, not publicly."
        case .amber: "Recipients may share this only within their organisation and with its clients, on a need-to-know basis."
        case .amberStrict: "Recipients may share this only within their own organisation, on a need-to-know basis."
        case .red: "For the named recipients only; no further sharing."
        }
    }
}
