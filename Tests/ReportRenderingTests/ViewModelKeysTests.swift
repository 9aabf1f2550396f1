import BulletinModel
import Testing

@testable import ReportRendering

/// Every view model's template keys are exactly its properties: a property missing from the list
/// would render as empty text, silently.
@Suite struct ViewModelKeysTests {
    static func check<Model: TemplateValues>(_ model: Model) {
        let properties = Set(Mirror(reflecting: model).children.compactMap(\.label))
        #expect(Model.templateKeys.names == properties, "\(Model.self)")
    }

    @Test func everyViewModelListsEveryPropertyAsATemplateKey() throws {
        let advisories = [SiteFixture.advisory.id: SiteFixture.advisory]
        let assessment = try #require(SiteFixture.assessments.first { $0.advisories.contains { $0.hosts.contains { !$0.findings.isEmpty } } })
        var report = OrganisationReport(assessment: assessment, advisories: advisories, reportDate: "2021-03-16")
        report.publisher = OrganisationReport.PublisherView(SiteFixture.publisher)
        Self.check(report)
        Self.check(report.publisher)
        Self.check(report.tlp)
        Self.check(report.organisation)
        Self.check(report.status)
        let section = try #require(report.advisories.first)
        Self.check(section)
        Self.check(try #require(section.hosts.first))
        Self.check(try #require(section.hostPlans.first))
        Self.check(try #require(section.hostPlans.first?.steps.first))
        Self.check(try #require(section.references.first))
        let evidence = try #require(section.evidence.first)
        Self.check(evidence)
        Self.check(try #require(evidence.findings.first))
        Self.check(try #require(evidence.findings.first?.lines.first))
        Self.check(OrganisationReport.Contact(name: nil, email: nil, role: nil))

        let output = SiteRenderer(templates: try SiteRendererTests.templates()).renderOrganisation(
            assessment, site: SiteRenderer.Site(advisories: [SiteFixture.advisory], reportDate: "2021-03-16", publisher: SiteFixture.publisher, includeUnaffected: false))
        let index = SiteIndex(summaries: [output.summary], advisories: [SiteFixture.advisory], reportDate: "2021-03-16")
        Self.check(index)
        Self.check(try #require(index.advisories.first))
        Self.check(try #require(index.groups.first))
        Self.check(try #require(index.groups.first?.organisations.first))

        let briefing = Briefing(summaries: [output.summary], advisories: [SiteFixture.advisory], reportDate: "2021-03-16")
        Self.check(briefing)
        Self.check(briefing.byStatus)
        Self.check(try #require(briefing.byStatus.rows.first))

        let page = AdvisoryPage(SiteFixture.advisory)
        Self.check(page)
        Self.check(try #require(page.cves.first))
        Self.check(try #require(page.products.first))
        Self.check(try #require(page.products.first { !$0.branches.isEmpty }?.branches.first))
        Self.check(try #require(page.indicators.first))
        Self.check(try #require(page.steps.first))
    }
}
