import BulletinModel

/// Compiles indicators into a `RuleSet`: each pattern is parsed and compiled once, and every
/// pattern that cannot be becomes a diagnostic located in `indicators.yml`.
///
/// A bad indicator does not stop the others from compiling: every problem is reported at once, and
/// the caller refuses to publish when any is an error.
public struct RuleCompiler: Sendable {
    /// Creates a compiler.
    public init() {}

    /// Compiles `indicators`; the rule set holds those that compiled.
    public func compile(_ indicators: [Indicator]) -> (RuleSet, [Diagnostic]) {
        var rules: [RuleSet.Rule] = []
        var diagnostics: [Diagnostic] = []
        for indicator in indicators {
            do {
                let (pattern, compiled) = try compile(pattern: indicator.pattern)
                rules.append(RuleSet.Rule(indicator: indicator, pattern: pattern, compiled: compiled))
            } catch {
                let location = indicator.patternOrigin.location(ofOffset: error.offset, in: indicator.pattern)
                diagnostics.append(.error(error.message, id: error.id, at: location))
            }
        }
        return (RuleSet(rules: rules), diagnostics)
    }

    /// Parses and compiles one pattern text.
    public func compile(pattern text: String) throws(PatternProblem) -> (Pattern, CompiledPattern) {
        let pattern = try PatternParser.parse(text)
        return (pattern, try CompiledPattern(pattern))
    }
}
