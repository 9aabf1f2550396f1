import Mustache

/// Template lookups without reflection: Mustache finds `{{name}}` in a view model through
/// `Mirror` unless the model answers `child(named:)` itself, and that reflection (with its dynamic
/// casts) was most of the time spent rendering reports. Each view model lists its keys once;
/// `ViewModelKeysTests` checks every list against the model's properties, so none is forgotten.
protocol TemplateValues: MustacheParent {
    /// Every property a template may name, with its key path.
    static var templateKeys: [String: PartialKeyPath<Self>] { get }
}

extension TemplateValues {
    /// The property `name`, `nil` when there is none or it is absent, so that Mustache looks
    /// further up its context stack exactly as it does after reflecting.
    func child(named name: String) -> Any? {
        guard let path = Self.templateKeys[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? any OptionalValue { return optional.wrappedValue }
        return value
    }
}

/// An `Optional` seen through `Any`, so that an absent value reads as `nil`.
protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 } }
}


extension OrganisationReport: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["title": \.title, "reportDate": \.reportDate, "tlp": \.tlp, "organisation": \.organisation, "status": \.status, "advisories": \.advisories, "scanners": \.scanners, "scannedAt": \.scannedAt, "indexLink": \.indexLink, "publisher": \.publisher, "stylesheet": \.stylesheet]
}

extension OrganisationReport.PublisherView: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["name": \.name, "website": \.website, "email": \.email, "phone": \.phone, "verificationHTML": \.verificationHTML, "verificationMarkdown": \.verificationMarkdown]
}

extension OrganisationReport.TLPMarking: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["marking": \.marking, "cssClass": \.cssClass, "meaning": \.meaning]
}

extension OrganisationReport.OrganisationFacts: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "name": \.name, "sector": \.sector, "country": \.country, "reference": \.reference, "contacts": \.contacts, "hasContacts": \.hasContacts]
}

extension OrganisationReport.Contact: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["name": \.name, "email": \.email, "role": \.role]
}

extension OrganisationReport.StatusView: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["value": \.value, "label": \.label, "cssClass": \.cssClass]
}

extension OrganisationReport.AdvisorySection: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "link": \.link, "title": \.title, "summary": \.summary, "severity": \.severity, "status": \.status, "meaning": \.meaning, "cves": \.cves, "hosts": \.hosts, "hostPlans": \.hostPlans, "hasPlans": \.hasPlans, "evidence": \.evidence, "hasEvidence": \.hasEvidence, "references": \.references]
}

extension OrganisationReport.HostRow: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "hostname": \.hostname, "addresses": \.addresses, "product": \.product, "version": \.version, "status": \.status, "hostCVEs": \.hostCVEs, "reason": \.reason, "findings": \.findings, "logReach": \.logReach]
}

extension OrganisationReport.HostEvidence: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["host": \.host, "findings": \.findings]
}

extension OrganisationReport.FindingView: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "title": \.title, "verdict": \.verdict, "confidence": \.confidence, "indicatorCVEs": \.indicatorCVEs, "lines": \.lines, "more": \.more]
}

extension OrganisationReport.HostPlan: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["host": \.host, "status": \.status, "steps": \.steps]
}

extension OrganisationReport.Step: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["number": \.number, "title": \.title, "category": \.category, "due": \.due, "bodyHTML": \.bodyHTML, "bodyMarkdown": \.bodyMarkdown]
}

extension OrganisationReport.Reference: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["title": \.title, "url": \.url]
}

extension EvidenceLine: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["kind": \.kind, "summary": \.summary, "summaryCode": \.summaryCode, "time": \.time, "source": \.source]
}

extension SiteIndex: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["title": \.title, "reportDate": \.reportDate, "advisories": \.advisories, "groups": \.groups, "organisationCount": \.organisationCount, "affectedCount": \.affectedCount, "stylesheet": \.stylesheet]
}

extension SiteIndex.Advisory: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "title": \.title, "severity": \.severity, "link": \.link]
}

extension SiteIndex.Group: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["status": \.status, "count": \.count, "organisations": \.organisations]
}

extension SiteIndex.Row: TemplateValues {
    nonisolated(unsafe) static let templateKeys: [String: PartialKeyPath<Self>] = ["id": \.id, "name": \.name, "sector": \.sector, "hostCount": \.hostCount, "affectedHostCount": \.affectedHostCount, "hostsWithFindings": \.hostsWithFindings, "link": \.link]
}
