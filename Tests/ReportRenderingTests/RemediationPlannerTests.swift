import Testing

@testable import ReportRendering

/// Filling a step's placeholders with a host's facts.
@Suite struct RemediationPlannerTests {
    let planner = RemediationPlanner(advisory: SiteFixture.advisory, reportDate: "2021-03-10")
    let values = ["host": "mail01.example.org", "update": "KB5000871", "version": "", "branch": "*CU18*"]

    @Test(arguments: [
        ("Install {{update}} on {{host}}.", "Install KB5000871 on mail01.example.org."),
        ("{{ host }} and {{\thost\t}}", "mail01.example.org and mail01.example.org"),
        ("build {{version}}", "build (unknown)"),
        ("branch {{branch}}", "branch \\*CU18\\*"),
        ("{{nothing}} stays", "{{nothing}} stays"),
        ("{{{host}}}", "{{{host}}}"),
        ("{{host}}}", "mail01.example.org}"),
        ("open {{host", "open {{host"),
        ("{{}}", "{{}}"),
        ("é {{host}} ü", "é mail01.example.org ü"),
        ("no placeholders", "no placeholders"),
        ("", ""),
    ])
    func fill(_ body: String, _ expected: String) {
        #expect(planner.fill(body, with: values) == expected)
    }
}
