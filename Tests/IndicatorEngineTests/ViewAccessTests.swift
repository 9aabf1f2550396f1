import Testing

@testable import IndicatorEngine

/// Where a comparison's path reaches into the property stream of an observation.
@Suite struct ViewAccessTests {
    private func access(_ objectPath: String) throws -> ViewAccess {
        let pattern = try PatternParser.parse("[\(objectPath) = 'x']")
        guard case .observation(let comparisons) = pattern.expression.kind, case .comparison(let comparison) = comparisons.kind else {
            throw CancellationError()
        }
        return ViewAccess(objectType: comparison.path.objectType, steps: comparison.path.steps.map(\.kind))
    }

    private func describe(_ access: ViewAccess) -> String {
        switch access {
        case .leaf(let path, let rest): "leaf \(path) +\(rest.count)"
        case .open(let path, let key, let rest): "open \(path) \(key) +\(rest.count)"
        case .absent: "absent"
        case .nested: "nested"
        }
    }

    @Test(arguments: [
        ("file:hashes.'SHA-256'", "leaf fileSHA256 +0"),
        ("file:name", "leaf fileName +0"),
        ("file:parent_directory_ref.path", "leaf fileDirectoryPath +0"),
        ("directory:path", "leaf directoryPath +0"),
        ("network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", "leaf requestUserAgent +0"),
        ("network-traffic:protocols[*]", "leaf networkTrafficProtocols +1"),
        ("network-traffic:protocols[0]", "leaf networkTrafficProtocols +1"),
        ("network-traffic:x_fields.AnchorMailbox", "open networkTrafficFields AnchorMailbox +0"),
        ("process:parent_ref.image_ref.name", "leaf processParentImageName +0"),
        // A key below a value that is a string: the walk finds nothing there, as on the object.
        ("file:name.first", "leaf fileName +1"),
        // The leading keys stop at a nested object: only the built object holds it.
        ("file:hashes", "nested"),
        ("network-traffic:src_ref", "nested"),
        ("network-traffic:x_fields", "nested"),
        ("file:hashes[*]", "nested"),
        // No streamed observation has anything there.
        ("file:hashes.'SHA-512'", "absent"),
        ("file:x_unknown", "absent"),
        ("mutex:name", "absent"),
    ])
    func resolution(objectPath: String, expected: String) throws {
        #expect(describe(try access(objectPath)) == expected)
    }
}
