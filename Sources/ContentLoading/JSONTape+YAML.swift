import Yams

extension JSONTape {
    /// A tape of a YAML node, so that the inline samples of `indicators.yml` are read by the
    /// same readers as scan documents.
    ///
    /// Plain scalars become untyped scalars (YAML types them only by how they look: `version:
    /// 15.1` is text to a scan reader), quoted ones strings, and `null`, `~` and empty plain
    /// scalars null. The tape's bytes are the scalars' texts, each string after a placeholder
    /// byte where JSON has its opening quote and with its key fingerprint. Offsets mean nothing
    /// in the YAML file: problems are located there by their JSON pointer. Samples are small and written by the analyst, so the
    /// conversion recurses like the YAML parser that built the node.
    convenience init(yaml node: Yams.Node) {
        var bytes: [UInt8] = []
        var nodes: [Node] = []
        Self.append(node, to: &nodes, bytes: &bytes)
        self.init(bytes: bytes[...], nodes: nodes, lines: LineIndex(lineStarts: [0]))
    }

    private static func append(_ node: Yams.Node, to nodes: inout [Node], bytes: inout [UInt8]) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                nodes.append(Node(kind: .null, offset: bytes.count))
            } else if scalar.style == .plain || scalar.style == .any {
                nodes.append(Node(kind: .untypedScalar, offset: bytes.count, length: scalar.string.utf8.count))
                bytes += scalar.string.utf8
            } else {
                appendString(scalar.string, to: &nodes, bytes: &bytes)
            }
        case .mapping(let mapping):
            let container = nodes.count
            nodes.append(Node(kind: .object, offset: bytes.count, length: mapping.count))
            for (key, value) in mapping {
                appendString(key.string ?? "", to: &nodes, bytes: &bytes)
                append(value, to: &nodes, bytes: &bytes)
            }
            nodes[container].end = UInt32(nodes.count)
        case .sequence(let sequence):
            let container = nodes.count
            nodes.append(Node(kind: .array, offset: bytes.count, length: sequence.count))
            for element in sequence {
                append(element, to: &nodes, bytes: &bytes)
            }
            nodes[container].end = UInt32(nodes.count)
        case .alias:
            nodes.append(Node(kind: .null, offset: bytes.count))
        }
    }

    private static func appendString(_ text: String, to nodes: inout [Node], bytes: inout [UInt8]) {
        var node = Node(kind: .string, offset: bytes.count, length: text.utf8.count)
        node.end = fingerprint(of: text.utf8)
        nodes.append(node)
        bytes.append(UInt8(ascii: "\""))
        bytes += text.utf8
    }
}
