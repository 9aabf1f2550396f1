import BulletinModel
import ContentLoading
import IndicatorEngine

extension IndicatorImport {
    /// Parses and compiles every imported pattern with the engine that will run it, and keeps only
    /// those it accepts. A STIX bundle's own pattern that the engine refuses is an error at the
    /// pattern in the bundle; a pattern bulletin made from a feed row (a translated LOKI expression)
    /// that cannot run here is a skipped row, reported with the engine's reason.
    mutating func checkPatterns() {
        let compiler = RuleCompiler()
        var accepted: [ImportedIndicator] = []
        for indicator in indicators {
            do {
                _ = try compiler.compile(pattern: indicator.pattern)
                accepted.append(indicator)
            } catch {
                switch indicator.refusal {
                case .error:
                    skipped["malformed", default: 0] += 1
                    diagnostics.append(.error(error.message, id: error.id, at: indicator.patternOrigin.location(ofOffset: error.offset, in: indicator.pattern)))
                case .skip:
                    skip("cannot run here", detail: "the pattern made from this row cannot run: \(error.message)", at: indicator.location)
                }
            }
        }
        indicators = accepted
    }
}
