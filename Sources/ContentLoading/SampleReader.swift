import BulletinModel
import Foundation
import Yams

/// Reads the samples of an indicator: a path to a scan document in the bundle (each of its hosts is
/// one sample), an inline observation (`{type: file, path: ...}`), or an inline host
/// (`{observations: [...], software: [...]}`) for patterns that need several observations.
struct SampleReader {
    let bundle: String
    let locator: YAMLReader.Locator

    func read(_ node: Node, diagnostics: inout [Diagnostic]) -> [Indicator.Sample] {
        let here = locator.location(node)
        if let relative = node.scalar?.string {
            let file = (bundle as NSString).appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: file) else {
                diagnostics.append(.error("sample file '\(relative)' does not exist in \(bundle)", id: "indicator.missing-sample", at: here))
                return []
            }
            let loaded = ScanLoader().load(paths: [file])
            diagnostics += loaded.diagnostics
            let hosts = loaded.organisations.flatMap(\.hosts)
            if hosts.isEmpty && !loaded.diagnostics.containsError {
                diagnostics.append(.error("sample file '\(relative)' has no host to test against", id: "indicator.empty-sample", at: here))
            }
            return hosts.map { Indicator.Sample(host: $0, location: here) }
        }
        guard let mapping = node.mapping else {
            diagnostics.append(.error("a sample is a file path, an observation ({type: ...}) or a host ({observations: [...]})", id: "indicator.invalid-sample", at: here))
            return []
        }
        var problems: [ScanProblem] = []
        let reader = HostReader(origin: ScanDocument.Origin(file: locator.file, line: here.line))
        let host: Host?
        if mapping.keys.contains(where: { $0.string == "type" }) {
            let observation = reader.readObservation(JSONValue(root: JSONTape(yaml: node)), pointer: "", problems: &problems)
            host = observation.map { Host(id: "sample", hostname: nil, addresses: [], software: [], observations: [$0], location: here) }
        } else {
            var withID = mapping
            if !withID.keys.contains(where: { $0.string == "id" }) { withID["id"] = "sample" }
            host = reader.read(JSONValue(root: JSONTape(yaml: .mapping(withID))), pointer: "", problems: &problems)?.host
        }
        for problem in problems {
            let target = Self.node(at: problem.pointer, in: node) ?? node
            diagnostics.append(Diagnostic(problem.severity, problem.summary, id: problem.id, at: locator.location(target)))
        }
        return host.map { [Indicator.Sample(host: Self.relocated($0, at: here), location: here)] } ?? []
    }

    /// Inline samples are cited at their place in `indicators.yml`.
    private static func relocated(_ host: Host, at location: SourceLocation) -> Host {
        var host = host
        host.location = location
        host.observations = host.observations.map { observation in
            var observation = observation
            observation.origin = SourceLocation(file: location.file, line: location.line, column: location.column, jsonPointer: observation.origin.jsonPointer)
            return observation
        }
        return host
    }

    /// The node at a JSON pointer, for locating a problem.
    private static func node(at pointer: String, in root: Node) -> Node? {
        var current = root
        for step in JSONPointer.steps(pointer) {
            if let mapping = current.mapping {
                guard let next = mapping.first(where: { $0.key.string == step })?.value else { return current }
                current = next
            } else if let sequence = current.sequence, let index = Int(step), sequence.indices.contains(index) {
                current = sequence[index]
            } else {
                return current
            }
        }
        return current
    }
}
