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
        let pattern: Pattern
        do {
            pattern = try PatternParser.parse(text)
        } catch {
            throw PatternProblem(offset: error.offset, message: error.message, id: error.id)
        }
        do {
            return (pattern, try CompiledPattern(pattern))
        } catch {
            throw PatternProblem(offset: error.offset, message: error.message, id: error.id)
        }
    }
}

/// Why a pattern text cannot become a rule: a syntax error or a compile error, with the UTF-8 byte
/// offset in the pattern text, the one-line message and the stable id.
public struct PatternProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The UTF-8 byte offset in the pattern text.
    public var offset: Int
    /// One line: what is wrong and how to fix it.
    public var message: String
    /// A stable identifier such as `pattern.bad-regex`.
    public var id: String

    /// Creates a problem.
    public init(offset: Int, message: String, id: String) {
        self.offset = offset
        self.message = message
        self.id = id
    }

    /// `offset N: message [id]`.
    public var description: String { "offset \(offset): \(message) [\(id)]" }
}
