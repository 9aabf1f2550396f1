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
        do {
            if mapping.keys.contains(where: { $0.string == "type" }) {
                let observation = try YAMLDecoder().decode(SampleObservation.self, from: node, userInfo: [SampleObservation.readerKey: reader]).observation
                problems = observation.problems
                host = observation.value.map { Host(id: "sample", hostname: nil, addresses: [], software: [], observations: [$0], location: here) }
            } else {
                var withID = mapping
                if !withID.keys.contains(where: { $0.string == "id" }) { withID["id"] = "sample" }
                let decoded = try YAMLDecoder().decode(SampleHost.self, from: .mapping(withID), userInfo: [SampleObservation.readerKey: reader])
                problems = decoded.problems
                host = decoded.host
            }
        } catch {
            diagnostics.append(.error("sample cannot be read: \(error)", id: "indicator.invalid-sample", at: here))
            return []
        }
        for problem in problems {
            let target = Self.node(at: problem.path, in: node) ?? node
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

    /// The node at a decoding path, for locating a problem.
    private static func node(at path: [JSONPathComponent], in root: Node) -> Node? {
        var current = root
        for step in path {
            switch step {
            case .key(let key):
                guard let next = current.mapping?.first(where: { $0.key.string == key })?.value else { return current }
                current = next
            case .index(let index):
                guard let sequence = current.sequence, index < sequence.count else { return current }
                current = sequence[index]
            }
        }
        return current
    }
}

/// One inline observation decoded through the scan format's own reader.
private struct SampleObservation: Decodable {
    static let readerKey = CodingUserInfoKey(rawValue: "bulletin.sample.reader")!
    var observation: (value: Observation?, problems: [ScanProblem])

    init(from decoder: any Decoder) throws {
        guard let reader = decoder.userInfo[Self.readerKey] as? HostReader else { throw CocoaError(.coderInvalidValue) }
        var problems: [ScanProblem] = []
        let value = reader.readObservation(decoder, path: [], problems: &problems)
        observation = (value, problems)
    }
}

/// One inline host decoded through the scan format's own reader.
private struct SampleHost: Decodable {
    var host: Host?
    var problems: [ScanProblem] = []

    init(from decoder: any Decoder) throws {
        guard let reader = decoder.userInfo[SampleObservation.readerKey] as? HostReader else { throw CocoaError(.coderInvalidValue) }
        host = reader.read(decoder, path: [], problems: &problems)
    }
}
