import BulletinModel

/// Renders the site: each organisation's report from its assessment, then the site-level pages
/// from the organisations' summaries. View models in, files out, no disk access.
///
/// The two steps are apart so that a build can render organisations in parallel and one at a
/// time, keeping only their summaries, and so that the site pages can be made from summaries
/// stored by earlier builds or by shards.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// What every page of a build shares.
    public struct Site: Sendable {
        /// In id order.
        public var advisories: [Advisory]
        /// `YYYY-MM-DD`.
        public var reportDate: String
        /// Who sends the reports and how recipients verify them.
        public let publisher: Publisher
        /// Render reports for organisations that are not affected too.
        public var includeUnaffected: Bool
        let advisoriesByID: [String: Advisory]
        /// The publisher as every report shows it, its verification text rendered once.
        let publisherView: OrganisationReport.PublisherView

        public init(advisories: [Advisory], reportDate: String, publisher: Publisher, includeUnaffected: Bool) {
            self.advisories = advisories
            self.reportDate = reportDate
            self.publisher = publisher
            self.includeUnaffected = includeUnaffected
            advisoriesByID = Dictionary(advisories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            publisherView = OrganisationReport.PublisherView(publisher)
        }
    }

    /// What to render in one go (tests and small builds).
    public struct Input: Sendable {
        public var advisories: [Advisory]
        /// Every organisation, affected or not.
        public var assessments: [OrganisationAssessment]
        public var reportDate: String
        public var publisher: Publisher
        public var includeUnaffected: Bool

        public init(advisories: [Advisory], assessments: [OrganisationAssessment], reportDate: String, publisher: Publisher, includeUnaffected: Bool) {
            self.publisher = publisher
            self.advisories = advisories
            self.assessments = assessments
            self.reportDate = reportDate
            self.includeUnaffected = includeUnaffected
        }
    }

    /// One organisation's files (none when it is not affected and `includeUnaffected` is off),
    /// its summary, and how long each template took.
    public struct OrganisationOutput: Sendable {
        public var files: [RenderedFile]
        public var summary: OrganisationSummary
        /// Time per output, by template name.
        public var timings: [(template: String, duration: Duration)]
    }

    /// Every file of the site, sorted by path.
    public func render(_ input: Input) -> [RenderedFile] {
        let site = Site(advisories: input.advisories, reportDate: input.reportDate, publisher: input.publisher, includeUnaffected: input.includeUnaffected)
        var files: [RenderedFile] = []
        var summaries: [OrganisationSummary] = []
        for assessment in input.assessments {
            let output = renderOrganisation(assessment, site: site)
            files += output.files
            summaries.append(output.summary)
        }
        return (files + renderSite(summaries, site: site)).sorted { $0.path < $1.path }
    }

    /// Renders one organisation's report (HTML, Markdown, JSON) when it is affected or the site
    /// includes every organisation.
    public func renderOrganisation(_ assessment: OrganisationAssessment, site: Site) -> OrganisationOutput {
        var files: [RenderedFile] = []
        var timings: [(template: String, duration: Duration)] = []
        let clock = ContinuousClock()
        func timed(_ template: String, _ make: () -> RenderedFile) {
            let start = clock.now
            files.append(make())
            timings.append((template, clock.now - start))
        }
        if site.includeUnaffected || assessment.isAffected {
            // Both the report and report.json show each host's steps: plan them once.
            let plans = RemediationPlans(assessment, advisories: site.advisoriesByID, reportDate: site.reportDate)
            var report = OrganisationReport(assessment: assessment, advisories: site.advisoriesByID, reportDate: site.reportDate, plans: plans)
            report.stylesheet = templates.stylesheet
            report.publisher = site.publisherView
            let folder = OrganisationFolder.path(of: assessment.scan.organisation.id) + "/"
            timed("organisation.html") { RenderedFile(path: folder + "index.html", contents: templates.renderedBytes(report, template: "organisation.html")) }
            timed("organisation.md") { RenderedFile(path: folder + "report.md", contents: templates.renderedBytes(report, template: "organisation.md")) }
            timed("report.json") {
                RenderedFile(
                    path: folder + "report.json",
                    contents: OrganisationDocument(
                        assessment: assessment, advisories: site.advisoriesByID, reportDate: site.reportDate, plans: plans
                    ).encoded())
            }
        }
        let summary = OrganisationSummary(assessment: assessment, rendered: files, includeUnaffected: site.includeUnaffected)
        return OrganisationOutput(files: files, summary: summary, timings: timings)
    }

    /// The site-level pages (index, index.json, briefing, findings.csv, advisory pages) and the
    /// manifest of every file, organisations' included, from the organisations' summaries, sorted
    /// by path.
    public func renderSite(_ summaries: [OrganisationSummary], site: Site) -> [RenderedFile] {
        let pages = CollectedSitePages()
        // Collected pages cannot fail to be written.
        _ = try? renderSite(summaries, site: site, to: pages)
        return pages.files.sorted { $0.path < $1.path }
    }

    /// The same pages, each handed to `pages` as soon as it is made and then let go: a build must
    /// not hold index.html, index.json, findings.csv and the manifest beside every organisation's
    /// summary. The large pages are written in pieces, hashed on the way; the manifest comes last.
    /// Returns how many pages were written.
    @discardableResult
    public func renderSite(_ summaries: [OrganisationSummary], site: Site, to pages: some SitePageWriter) throws -> Int {
        // Builds gather summaries in id order already; sorting a copy of them would cost memory.
        let sorted = zip(summaries, summaries.dropFirst()).allSatisfy { $0.id < $1.id }
        let summaries = sorted ? summaries : summaries.sorted { $0.id < $1.id }
        var entries: [Manifest.Entry] = []
        func publish(_ file: RenderedFile) throws {
            entries.append(Manifest.Entry(file))
            try pages.write(file)
        }
        /// Writes a page in pieces, as `write` hands them over.
        func stream(_ path: String, _ write: (HashedPage) -> Void) throws -> Manifest.Entry {
            let page = try HashedPage(path, in: pages)
            write(page)
            return try page.close()
        }
        /// Writes a JSON page in pieces.
        func stream(_ path: String, _ make: (inout JSONWriter) -> Void) throws -> Manifest.Entry {
            try stream(path) { page in
                var writer = JSONWriter(drainingEvery: HashedPage.pieceSize) { page.append($0) }
                make(&writer)
                _ = writer.finished()
            }
        }
        entries.append(
            try stream("index.html") { page in
                var index = SiteIndex(summaries: summaries, advisories: site.advisories, reportDate: site.reportDate)
                index.stylesheet = templates.stylesheet
                // The template engine makes a page as one string; it is written out from that
                // string rather than from a copy of its bytes.
                page.append(templates.render(index, template: "index.html"))
            })
        entries.append(try stream("index.json") { IndexDocument.write(summaries, reportDate: site.reportDate, to: &$0) })
        var briefing = Briefing(summaries: summaries, advisories: site.advisories, reportDate: site.reportDate)
        briefing.stylesheet = templates.stylesheet
        try publish(RenderedFile(path: "briefing.html", text: templates.render(briefing, template: "briefing.html")))
        try publish(RenderedFile(path: "briefing.md", text: templates.render(briefing, template: "briefing.md")))
        entries.append(try stream("findings.csv") { page in FindingsCSV.write(summaries, every: HashedPage.pieceSize) { page.append($0) } })
        for advisory in site.advisories {
            var page = AdvisoryPage(advisory)
            page.stylesheet = templates.stylesheet
            try publish(RenderedFile(path: "advisories/\(advisory.slug)/index.html", text: templates.render(page, template: "advisory.html")))
        }
        _ = try stream("manifest.json") { Manifest.write(pages: entries, organisations: summaries, reportDate: site.reportDate, to: &$0) }
        return entries.count + 1
    }
}
