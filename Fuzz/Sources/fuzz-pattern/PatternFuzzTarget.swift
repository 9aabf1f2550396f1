import BulletinModel
import IndicatorEngine

/// libFuzzer entry: the input is a STIX 2.1 pattern. It is parsed and compiled as an indicator
/// (so that error offsets are mapped back into `indicators.yml`) and, when it compiles, matched
/// against a host with one observation of each kind, which runs the rule index, the LIKE and
/// MATCHES engines and the qualifier search on it.
@_cdecl("LLVMFuzzerTestOneInput")
public func patternFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let origin = TextOrigin(file: "indicators.yml", lineStarts: [.init(line: 7, column: 14), .init(line: 8, column: 7)])
    let indicator = Indicator(
        id: "fuzz", title: "fuzz", verdict: .compromised, confidence: .high, status: .experimental, cves: [],
        pattern: text, patternOrigin: origin, description: nil, remediation: [], matchSamples: [], noMatchSamples: [],
        advisoryID: "fuzz", location: SourceLocation(file: "indicators.yml", line: 5, column: 3))
    let (ruleSet, diagnostics) = RuleCompiler().compile([indicator])
    for diagnostic in diagnostics {
        guard let location = diagnostic.location, location.line >= 7, location.column >= 1 else {
            fatalError("pattern problem not located in indicators.yml: \(diagnostic)")
        }
    }
    if diagnostics.isEmpty {
        _ = Matcher(ruleSet: ruleSet).match(SampleHost.host)
    }
    return 0
}
