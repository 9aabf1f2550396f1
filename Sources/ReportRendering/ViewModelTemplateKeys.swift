/// The names each view model answers in templates (see `TemplateValues`). Written out rather than
/// reflected: `ViewModelKeysTests` keeps these lists equal to the models' properties.

extension OrganisationReport: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "title": { TemplateValue($0.title) },
        "reportDate": { TemplateValue($0.reportDate) },
        "tlp": { TemplateValue($0.tlp) },
        "organisation": { TemplateValue($0.organisation) },
        "status": { TemplateValue($0.status) },
        "advisories": { TemplateValue($0.advisories) },
        "scanners": { TemplateValue($0.scanners) },
        "scannedAt": { TemplateValue($0.scannedAt) },
        "indexLink": { TemplateValue($0.indexLink) },
        "publisher": { TemplateValue($0.publisher) },
        "stylesheet": { TemplateValue($0.stylesheet) },
    ]
}

extension OrganisationReport.PublisherView: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "name": { TemplateValue($0.name) },
        "website": { TemplateValue($0.website) },
        "email": { TemplateValue($0.email) },
        "phone": { TemplateValue($0.phone) },
        "verificationHTML": { TemplateValue($0.verificationHTML) },
        "verificationMarkdown": { TemplateValue($0.verificationMarkdown) },
    ]
}

extension OrganisationReport.TLPMarking: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "marking": { TemplateValue($0.marking) },
        "cssClass": { TemplateValue($0.cssClass) },
        "meaning": { TemplateValue($0.meaning) },
    ]
}

extension OrganisationReport.OrganisationFacts: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "name": { TemplateValue($0.name) },
        "sector": { TemplateValue($0.sector) },
        "country": { TemplateValue($0.country) },
        "reference": { TemplateValue($0.reference) },
        "contacts": { TemplateValue($0.contacts) },
        "hasContacts": { TemplateValue($0.hasContacts) },
    ]
}

extension OrganisationReport.Contact: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "name": { TemplateValue($0.name) },
        "email": { TemplateValue($0.email) },
        "role": { TemplateValue($0.role) },
    ]
}

extension OrganisationReport.StatusView: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "value": { TemplateValue($0.value) },
        "label": { TemplateValue($0.label) },
        "cssClass": { TemplateValue($0.cssClass) },
    ]
}

extension OrganisationReport.AdvisorySection: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "link": { TemplateValue($0.link) },
        "title": { TemplateValue($0.title) },
        "summary": { TemplateValue($0.summary) },
        "severity": { TemplateValue($0.severity) },
        "status": { TemplateValue($0.status) },
        "meaning": { TemplateValue($0.meaning) },
        "cves": { TemplateValue($0.cves) },
        "hosts": { TemplateValue($0.hosts) },
        "hostPlans": { TemplateValue($0.hostPlans) },
        "hasPlans": { TemplateValue($0.hasPlans) },
        "evidence": { TemplateValue($0.evidence) },
        "hasEvidence": { TemplateValue($0.hasEvidence) },
        "references": { TemplateValue($0.references) },
    ]
}

extension OrganisationReport.HostRow: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "hostname": { TemplateValue($0.hostname) },
        "addresses": { TemplateValue($0.addresses) },
        "product": { TemplateValue($0.product) },
        "version": { TemplateValue($0.version) },
        "status": { TemplateValue($0.status) },
        "hostCVEs": { TemplateValue($0.hostCVEs) },
        "reason": { TemplateValue($0.reason) },
        "findings": { TemplateValue($0.findings) },
        "logReach": { TemplateValue($0.logReach) },
    ]
}

extension OrganisationReport.HostEvidence: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "host": { TemplateValue($0.host) },
        "findings": { TemplateValue($0.findings) },
    ]
}

extension OrganisationReport.FindingView: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "verdict": { TemplateValue($0.verdict) },
        "confidence": { TemplateValue($0.confidence) },
        "indicatorCVEs": { TemplateValue($0.indicatorCVEs) },
        "lines": { TemplateValue($0.lines) },
        "more": { TemplateValue($0.more) },
    ]
}

extension OrganisationReport.HostPlan: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "host": { TemplateValue($0.host) },
        "status": { TemplateValue($0.status) },
        "steps": { TemplateValue($0.steps) },
    ]
}

extension OrganisationReport.Step: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "number": { TemplateValue($0.number) },
        "title": { TemplateValue($0.title) },
        "category": { TemplateValue($0.category) },
        "due": { TemplateValue($0.due) },
        "bodyHTML": { TemplateValue($0.bodyHTML) },
        "bodyMarkdown": { TemplateValue($0.bodyMarkdown) },
    ]
}

extension OrganisationReport.Reference: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
    ]
}

extension EvidenceLine: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "kind": { TemplateValue($0.kind) },
        "summary": { TemplateValue($0.summary) },
        "summaryCode": { TemplateValue($0.summaryCode) },
        "time": { TemplateValue($0.time) },
        "source": { TemplateValue($0.source) },
    ]
}

extension SiteIndex: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "title": { TemplateValue($0.title) },
        "reportDate": { TemplateValue($0.reportDate) },
        "advisories": { TemplateValue($0.advisories) },
        "groups": { TemplateValue($0.groups) },
        "organisationCount": { TemplateValue($0.organisationCount) },
        "affectedCount": { TemplateValue($0.affectedCount) },
        "stylesheet": { TemplateValue($0.stylesheet) },
    ]
}

extension SiteIndex.Advisory: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "severity": { TemplateValue($0.severity) },
        "link": { TemplateValue($0.link) },
    ]
}

extension SiteIndex.Group: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "status": { TemplateValue($0.status) },
        "count": { TemplateValue($0.count) },
        "organisations": { .list($0.organisations) },
    ]
}

extension SiteIndex.Row: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "name": { TemplateValue($0.name) },
        "sector": { TemplateValue($0.sector) },
        "hostCount": { TemplateValue($0.hostCount) },
        "affectedHostCount": { TemplateValue($0.affectedHostCount) },
        "hostsWithFindings": { TemplateValue($0.hostsWithFindings) },
        "link": { TemplateValue($0.link) },
    ]
}

extension Briefing: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "title": { TemplateValue($0.title) },
        "reportDate": { TemplateValue($0.reportDate) },
        "advisories": { TemplateValue($0.advisories) },
        "organisationCount": { TemplateValue($0.organisationCount) },
        "affectedCount": { TemplateValue($0.affectedCount) },
        "compromisedCount": { TemplateValue($0.compromisedCount) },
        "hostCount": { TemplateValue($0.hostCount) },
        "byStatus": { TemplateValue($0.byStatus) },
        "bySector": { TemplateValue($0.bySector) },
        "byBuild": { TemplateValue($0.byBuild) },
        "byIndicator": { TemplateValue($0.byIndicator) },
        "timeline": { TemplateValue($0.timeline) },
        "hasTimeline": { TemplateValue($0.hasTimeline) },
        "stylesheet": { TemplateValue($0.stylesheet) },
    ]
}

extension Briefing.Breakdown: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "title": { TemplateValue($0.title) },
        "description": { TemplateValue($0.description) },
        "rows": { TemplateValue($0.rows) },
        "svg": { TemplateValue($0.svg) },
    ]
}

extension Briefing.Breakdown.Row: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "label": { TemplateValue($0.label) },
        "count": { TemplateValue($0.count) },
    ]
}

extension AdvisoryPage: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "summary": { TemplateValue($0.summary) },
        "severity": { TemplateValue($0.severity) },
        "published": { TemplateValue($0.published) },
        "updated": { TemplateValue($0.updated) },
        "tlp": { TemplateValue($0.tlp) },
        "bodyHTML": { TemplateValue($0.bodyHTML) },
        "cves": { TemplateValue($0.cves) },
        "products": { TemplateValue($0.products) },
        "indicators": { TemplateValue($0.indicators) },
        "hasIndicators": { TemplateValue($0.hasIndicators) },
        "steps": { TemplateValue($0.steps) },
        "references": { TemplateValue($0.references) },
        "indexLink": { TemplateValue($0.indexLink) },
        "stylesheet": { TemplateValue($0.stylesheet) },
    ]
}

extension AdvisoryPage.CVERow: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "score": { TemplateValue($0.score) },
        "vector": { TemplateValue($0.vector) },
        "kevAdded": { TemplateValue($0.kevAdded) },
    ]
}

extension AdvisoryPage.ProductSection: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "product": { TemplateValue($0.product) },
        "names": { TemplateValue($0.names) },
        "verdict": { TemplateValue($0.verdict) },
        "branches": { TemplateValue($0.branches) },
        "hasBranches": { TemplateValue($0.hasBranches) },
    ]
}

extension AdvisoryPage.BranchRow: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "name": { TemplateValue($0.name) },
        "build": { TemplateValue($0.build) },
        "fixed": { TemplateValue($0.fixed) },
        "update": { TemplateValue($0.update) },
    ]
}

extension AdvisoryPage.IndicatorRow: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "verdict": { TemplateValue($0.verdict) },
        "confidence": { TemplateValue($0.confidence) },
        "status": { TemplateValue($0.status) },
        "indicatorCVEs": { TemplateValue($0.indicatorCVEs) },
        "pattern": { TemplateValue($0.pattern) },
        "descriptionHTML": { TemplateValue($0.descriptionHTML) },
        "sampleCount": { TemplateValue($0.sampleCount) },
    ]
}

extension AdvisoryPage.StepSection: TemplateValues {
    static let templateKeys: TemplateKeys<Self> = [
        "id": { TemplateValue($0.id) },
        "title": { TemplateValue($0.title) },
        "category": { TemplateValue($0.category) },
        "appliesTo": { TemplateValue($0.appliesTo) },
        "dueDays": { TemplateValue($0.dueDays) },
        "bodyHTML": { TemplateValue($0.bodyHTML) },
    ]
}
