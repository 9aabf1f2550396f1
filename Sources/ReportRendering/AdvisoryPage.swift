import Foundation
import BulletinModel

/// The view model of `advisories/<slug>/index.html`: the advisory as published, with its tables
/// laid out from front matter, its indicators and its remediation steps.
struct AdvisoryPage {
    var id: String
    var title: String
    var summary: String
    var severity: String
    var published: String
    var updated: String?
    var tlp: OrganisationReport.TLPMarking
    var bodyHTML: String
    var cves: [CVERow]
    var products: [ProductSection]
    var indicators: [IndicatorRow]
    var hasIndicators: Bool
    var steps: [StepSection]
    var references: [OrganisationReport.Reference]
    var indexLink = "../../index.html"
    var stylesheet = ""

    struct CVERow {
        var id: String
        var title: String
        var score: String?
        var vector: String?
        var kevAdded: String?
    }

    struct ProductSection {
        var product: String
        var names: String
        var verdict: String
        var branches: [BranchRow]
        var hasBranches: Bool
    }

    struct BranchRow {
        var name: String
        var build: String
        var fixed: String
        var update: String?
    }

    struct IndicatorRow {
        var id: String
        var title: String
        var verdict: String
        var confidence: String
        var status: String
        var indicatorCVEs: String?
        var pattern: String
        var descriptionHTML: String?
        var sampleCount: Int
    }

    struct StepSection {
        var id: String
        var title: String
        var category: String
        var appliesTo: String
        var dueDays: Int?
        var bodyHTML: String
    }

    init(_ advisory: Advisory) {
        id = advisory.id
        title = advisory.title
        summary = advisory.summary
        severity = advisory.severity.rawValue
        published = advisory.published
        updated = advisory.updated
        tlp = OrganisationReport.TLPMarking(advisory.tlp)
        bodyHTML = advisory.bodyHTML
        cves = advisory.cves.map {
            CVERow(id: $0.id, title: $0.title, score: $0.cvssScore.map { String(format: "%.1f", $0) }, vector: $0.cvssVector, kevAdded: $0.kevAdded)
        }
        products = advisory.affected.map { entry in
            ProductSection(
                product: entry.product, names: entry.names.joined(separator: ", "), verdict: Self.verdict(entry),
                branches: entry.branches.map { BranchRow(name: $0.name, build: $0.build, fixed: $0.fixed, update: $0.update) },
                hasBranches: !entry.branches.isEmpty)
        }
        indicators = advisory.indicators.map { indicator in
            IndicatorRow(
                id: indicator.id, title: indicator.title, verdict: indicator.verdict.rawValue, confidence: indicator.confidence.rawValue,
                status: indicator.status.rawValue, indicatorCVEs: indicator.cves.isEmpty ? nil : indicator.cves.joined(separator: ", "),
                pattern: indicator.pattern, descriptionHTML: indicator.description.map(CommonMarkHTML.render),
                sampleCount: indicator.matchSamples.count + indicator.noMatchSamples.count)
        }
        hasIndicators = !indicators.isEmpty
        // Placeholders stay visible as the name of the fact each host's report fills in.
        let planner = RemediationPlanner(advisory: advisory, reportDate: advisory.published)
        let names = Dictionary(uniqueKeysWithValues: RemediationStep.placeholders.map { ($0, "‹\($0)›") })
        steps = advisory.remediation.map { step in
            StepSection(
                id: step.id, title: step.title, category: step.category.label,
                appliesTo: step.when.map(\.label).joined(separator: "; "), dueDays: step.dueDays,
                bodyHTML: CommonMarkHTML.render(planner.fill(step.body, with: names)))
        }
        references = advisory.references.map { OrganisationReport.Reference(title: $0.title, url: $0.url) }
    }

    /// One sentence on how the product's builds are judged.
    static func verdict(_ entry: AffectedProduct) -> String {
        if entry.declaredStatus == .notAffected { return "Not affected." }
        var sentence = entry.fixedFrom.map { "Build \($0) and later include the fix." } ?? "No release includes the fix; only the updates below do."
        switch entry.otherwise {
        case .noFix: sentence += " Builds on no branch below have no update: upgrade first."
        case .vulnerable: sentence += " Other builds are vulnerable."
        }
        return sentence
    }
}
