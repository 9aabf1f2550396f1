import BulletinModel

/// The compiled indicators of a build: immutable and `Sendable`, compiled once and shared by every
/// host's matching, as YARA compiles its rules once and scans many files.
public struct RuleSet: Sendable {
    /// One indicator with its pattern, parsed and compiled.
    public struct Rule: Sendable {
        /// The indicator as loaded, for what a finding reports about it.
        public let indicator: Indicator
        /// The parsed pattern, for prefilters that reason about its comparisons.
        public let pattern: Pattern
        /// The evaluator.
        public let compiled: CompiledPattern

        /// Creates a rule.
        public init(indicator: Indicator, pattern: Pattern, compiled: CompiledPattern) {
            self.indicator = indicator
            self.pattern = pattern
            self.compiled = compiled
        }
    }

    /// The rules, sorted by indicator id, then advisory id, so that findings come out sorted.
    public let rules: [Rule]
    /// The prefilter over the rules' patterns (rule `i` is pattern `i`), built once with the set.
    public let index: RuleIndex

    /// Creates a rule set; `rules` are sorted and indexed.
    public init(rules: [Rule]) {
        self.rules = rules.sorted {
            ($0.indicator.id, $0.indicator.advisoryID) < ($1.indicator.id, $1.indicator.advisoryID)
        }
        index = RuleIndex(patterns: self.rules.map(\.pattern))
    }

    /// The patterns of `rules`, in the same order (rule index `i` is pattern `i`).
    public var patterns: [Pattern] { rules.map(\.pattern) }
}
