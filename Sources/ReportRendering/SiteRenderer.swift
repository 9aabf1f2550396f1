import BulletinModel

/// Renders the whole site from assessments: view models in, files out, no disk access.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// What to render.
    public struct Input: Sendable {
        public var advisories: [Advisory]
        /// Every organisation, affected or not.
        public var assessments: [OrganisationAssessment]
        /// `YYYY-MM-DD`.
        public var reportDate: String
        /// Who sends the reports and how recipients verify them.
        public var publisher: Publisher
        /// Render reports for organisations that are not affected too.
        public var includeUnaffected: Bool

        public init(advisories: [Advisory], assessments: [OrganisationAssessment], reportDate: String, publisher: Publisher, includeUnaffected: Bool) {
            self.publisher = publisher
            self.advisories = advisories
            self.assessments = assessments
            self.reportDate = reportDate
            self.includeUnaffected = includeUnaffected
        }
    }

    /// Every file of the site, sorted by path.
    public func render(_ input: Input) -> [RenderedFile] {
        let advisories = Dictionary(input.advisories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [RenderedFile] = []
        var rendered: Set<String> = []
        for assessment in input.assessments where input.includeUnaffected || assessment.isAffected {
            var report = OrganisationReport(assessment: assessment, advisories: advisories, reportDate: input.reportDate)
            report.stylesheet = templates.stylesheet
            report.publisher = OrganisationReport.PublisherView(input.publisher)
            let folder = "organisations/\(assessment.scan.organisation.id)/"
            files.append(RenderedFile(path: folder + "index.html", text: templates.render(report, template: "organisation.html")))
            files.append(RenderedFile(path: folder + "report.md", text: templates.render(report, template: "organisation.md")))
            files.append(RenderedFile(
                path: folder + "report.json",
                contents: OrganisationDocument(assessment: assessment, advisories: advisories, reportDate: input.reportDate).encoded()))
            rendered.insert(assessment.scan.organisation.id)
        }
        var index = SiteIndex(assessments: input.assessments, advisories: input.advisories, reportDate: input.reportDate, rendered: rendered)
        index.stylesheet = templates.stylesheet
        files.append(RenderedFile(path: "index.html", text: templates.render(index, template: "index.html")))
        files.append(RenderedFile(path: "index.json", contents: IndexDocument(assessments: input.assessments, reportDate: input.reportDate).encoded()))
        var briefing = Briefing(assessments: input.assessments, advisories: input.advisories, reportDate: input.reportDate)
        briefing.stylesheet = templates.stylesheet
        files.append(RenderedFile(path: "briefing.html", text: templates.render(briefing, template: "briefing.html")))
        files.append(RenderedFile(path: "briefing.md", text: templates.render(briefing, template: "briefing.md")))
        files.append(RenderedFile(path: "findings.csv", contents: FindingsCSV(assessments: input.assessments, includeUnaffected: input.includeUnaffected).encoded()))
        for advisory in input.advisories {
            var page = AdvisoryPage(advisory)
            page.stylesheet = templates.stylesheet
            files.append(RenderedFile(path: "advisories/\(advisory.slug)/index.html", text: templates.render(page, template: "advisory.html")))
        }
        files.append(RenderedFile(path: "manifest.json", contents: Manifest(files: files, reportDate: input.reportDate).encoded()))
        return files.sorted { $0.path < $1.path }
    }
}
