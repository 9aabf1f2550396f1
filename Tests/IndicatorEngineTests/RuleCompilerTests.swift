import BulletinModel
import Testing

@testable import IndicatorEngine

/// Compiling indicators: every pattern that cannot become a rule is an error located in
/// `indicators.yml`, at the literal or qualifier at fault; the others still compile.
@Suite struct RuleCompilerTests {
    /// A pattern written as a YAML block scalar starting at line 14, column 7 of `indicators.yml`,
    /// each further line of the pattern one line down at the same column.
    private func indicator(_ id: String, _ pattern: String) -> Indicator {
        let lines = pattern.split(separator: "\n", omittingEmptySubsequences: false).count
        return Indicator(
            id: id, title: id, verdict: .suspicious, confidence: .medium, status: .experimental, cves: [], pattern: pattern,
            patternOrigin: TextOrigin(file: "indicators.yml", lineStarts: (0..<lines).map { .init(line: 14 + $0, column: 7) }),
            description: nil, remediation: [], matchSamples: [], noMatchSamples: [], advisoryID: "proxylogon",
            location: SourceLocation(file: "indicators.yml", line: 12, column: 5))
    }

    private func diagnostic(_ summary: String, _ id: String, line: Int, column: Int) -> Diagnostic {
        .error(summary, id: id, at: SourceLocation(file: "indicators.yml", line: line, column: column))
    }

    @Test(arguments: [
        ("[file:name MATCHES 'a']\nAND [file:x_path MATCHES '(']", 15, 32,
         "invalid regular expression for MATCHES at character 1: missing ), unterminated subpattern", "pattern.bad-regex"),
        ("[file:name MATCHES '(a)\\\\1']", 14, 26,
         "invalid regular expression for MATCHES at character 4: backreferences such as \\1 are not supported: MATCHES runs in linear time on scan data and cannot backtrack",
         "pattern.bad-regex"),
        ("[ipv4-addr:value ISSUBSET '10.0.0.0/33']", 14, 33,
         "ISSUBSET needs an IPv4 or IPv6 address or CIDR block such as '198.51.100.0/24', found '10.0.0.0/33'", "pattern.bad-cidr"),
        ("[file:name IN ('a', 'b',\n  1)]", 15, 9,
         "IN list mixes string and number values; use one kind per list (integers and floats may mix)", "pattern.mixed-list"),
        ("[file:name = 'a'] REPEATS 0 TIMES", 14, 25, "REPEATS needs at least 1, e.g. REPEATS 2 TIMES", "pattern.bad-qualifier"),
        ("[file:name = 'a'] WITHIN 0 SECONDS", 14, 25, "WITHIN needs a positive number of seconds, e.g. WITHIN 300 SECONDS", "pattern.bad-qualifier"),
        ("([file:name = 'a'] REPEATS 100 TIMES) REPEATS 100 TIMES", 14, 7,
         "pattern needs more than 1024 observations once REPEATS counts are multiplied out; lower them", "pattern.too-large"),
        ("[fle:name = 'a']", 14, 8, "unknown object type 'fle'; did you mean 'file'?", "pattern.unknown-type"),
    ])
    func errorsAreLocatedInIndicatorsFile(pattern: String, line: Int, column: Int, summary: String, id: String) {
        let (ruleSet, diagnostics) = RuleCompiler().compile([indicator("BAD", pattern)])
        #expect(ruleSet.rules.isEmpty)
        #expect(diagnostics == [diagnostic(summary, id, line: line, column: column)])
    }

    @Test func goodIndicatorsCompileBesideBadOnes() {
        let (ruleSet, diagnostics) = RuleCompiler().compile([
            indicator("B", "[file:name = 'b']"), indicator("BAD", "[file:name MATCHES '[']"), indicator("A", "[file:name = 'a']"),
        ])
        #expect(ruleSet.rules.map(\.indicator.id) == ["A", "B"])
        #expect(ruleSet.patterns.count == 2)
        #expect(diagnostics.map(\.id) == ["pattern.bad-regex"])
    }

    @Test func problemsOfOnePatternText() {
        #expect(throws: PatternProblem(offset: 19, message: "invalid regular expression for MATCHES at character 1: nothing to repeat", id: "pattern.bad-regex")) {
            try RuleCompiler().compile(pattern: "[file:name MATCHES '*']")
        }
        #expect(throws: Never.self) { try RuleCompiler().compile(pattern: "[file:name MATCHES '(?i)\\\\.aspx$']") }
    }
}
