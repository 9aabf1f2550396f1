import Foundation
import ScanSynthesis
import Testing

@testable import ReportRendering

/// A step's HTML made from its sentinel template is exactly what CommonMark makes of the filled
/// Markdown, for the shipped steps and for bodies that put placeholders where a value could
/// change the parse.
@Suite struct RemediationHTMLTests {
    static let shippedBodies: [String] = {
        let folder = SiteRendererTests.packageRoot.appendingPathComponent("Content/advisories/2021-03-exchange-proxylogon/remediation")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            // The body is what follows the front matter.
            return text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
        }
    }()

    static let hostileBodies = [
        "[link](https://{{host}}/path) and [text]({{host}} \"title\")", "<{{host}}> and <https://{{host}}>", "&{{host}}; and &#{{version}}; and &#x{{version}};",
        "`{{host}}` and ``{{product}}``", "*{{host}}* _{{host}}_ **{{product}}** __{{version}}__", "{{host}}\n===", "{{version}}. next",
        "# {{host}}", "- {{host}}", "{{version}}", "[{{host}}]\n\n[mail01.example.org]: https://evil.example", "{{host}}... --{{host}}--",
        "\"{{host}}\" '{{host}}' {{host}}'s", "<a href=\"{{host}}\">x</a>", "    {{host}} code", "```\n{{host}}\n```",
        "![{{host}}](img.png)", "{{host}}  \nbreak", "\\{{host}} \\\\{{host}}", "{{host}}_{{version}}_", "a*{{host}}*b", "{{nothing}} {{host}}",
        "| {{host}} | {{version}} |\n|---|---|", "zqzbulletin0zqz {{host}}", "{{branch}}{{fixed}}{{update}}{{fixed_from}}",
    ]

    static let values = [
        "mail01.example.org", "15.2.792.3", "KB5000871", "a", "x_y", "amp", "lt", "copy", "41", "1", "CU8", "Exchange Server 2019", "CU 18",
        "a b c", "", "1. x", "a..b", "a--b", "_x", "x_", "<b>", "&amp", "a'b", "\"q\"", "www.evil.org", "@admin", "#1", "https://x", "é", "a  b",
        "mail-01", "15.2", "x.y_z-1", "A", "Z9",
    ]

    @Test func theTemplateGivesWhatCommonMarkGives() {
        #expect(Self.shippedBodies.count >= 5, "the shipped steps were found")
        let planner = RemediationPlanner(advisory: SiteFixture.advisory, reportDate: "2021-03-10")
        var generator = SplitMix64(seed: 26_855)
        for body in Self.shippedBodies + Self.hostileBodies {
            for _ in 0..<150 {
                var values: [String: String] = [:]
                for name in ["host", "product", "version", "branch", "fixed", "update", "fixed_from"] {
                    // Often all plain, often one odd value among plain ones.
                    values[name] = Self.values[generator.below(generator.below(3) == 0 ? Self.values.count : 14)]
                }
                let markdown = planner.fill(body, with: values)
                #expect(
                    RemediationHTML.render(body: body, filled: markdown, values: values, planner: planner) == CommonMarkHTML.render(markdown),
                    "\(body.debugDescription) with \(values)")
            }
        }
    }

    /// The shipped steps take the fast way, product names with spaces included.
    @Test func theShippedStepsHaveTemplates() {
        let planner = RemediationPlanner(advisory: SiteFixture.advisory, reportDate: "2021-03-10")
        for body in Self.shippedBodies {
            let template = RemediationHTML.template(for: body, planner: planner)
            #expect(template != nil && template?.spaceInsensitive == true, "\(body.prefix(60))")
        }
    }

    @Test func plainValues() {
        #expect(RemediationHTML.Plainness("mail01.example.org") == .word)
        #expect(RemediationHTML.Plainness("Exchange Server 2019") == .withSpace)
        for odd in ["", " a", "a ", "a  b", "a..b", ".a", "a.", "(unknown)", "é", "a&b", "1. x"] {
            #expect(RemediationHTML.Plainness(odd) == nil, "\(odd.debugDescription)")
        }
    }
}
