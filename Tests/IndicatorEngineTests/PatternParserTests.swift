import Testing

@testable import IndicatorEngine

/// The parser's grammar as a specification: what each construct parses to, with precedence made
/// visible by `sketch` (every binary node in parentheses). Errors are in `PatternSyntaxErrorTests`.
@Suite struct PatternParserTests {
    // MARK: Comparison operators and NOT

    @Test(arguments: [
        ("[file:name = 'a']", "[file:name = 'a']"),
        ("[file:name == 'a']", "[file:name = 'a']"),
        ("[file:name != 'a']", "[file:name != 'a']"),
        ("[file:name <> 'a']", "[file:name != 'a']"),
        ("[file:size < 10]", "[file:size < 10]"),
        ("[file:size <= 10]", "[file:size <= 10]"),
        ("[file:size > 10]", "[file:size > 10]"),
        ("[file:size >= 10]", "[file:size >= 10]"),
        ("[file:name IN ('a', 'b')]", "[file:name IN ('a', 'b')]"),
        ("[file:name IN ()]", "[file:name IN ()]"),
        ("[file:name LIKE '%.aspx']", "[file:name LIKE '%.aspx']"),
        ("[file:name MATCHES '^x$']", "[file:name MATCHES '^x$']"),
        ("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']"),
        ("[ipv4-addr:value ISSUPERSET '198.51.100.7/32']", "[ipv4-addr:value ISSUPERSET '198.51.100.7/32']"),
        ("[EXISTS file:name]", "[EXISTS file:name]"),
        ("[file:name NOT = 'a']", "[file:name NOT = 'a']"),
        ("[file:name NOT != 'a']", "[file:name NOT != 'a']"),
        ("[file:size NOT < 10]", "[file:size NOT < 10]"),
        ("[file:size NOT >= 10]", "[file:size NOT >= 10]"),
        ("[file:name NOT IN ('a')]", "[file:name NOT IN ('a')]"),
        ("[file:name NOT LIKE 'a%']", "[file:name NOT LIKE 'a%']"),
        ("[file:name NOT MATCHES 'a']", "[file:name NOT MATCHES 'a']"),
        ("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", "[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']"),
        ("[ipv4-addr:value NOT ISSUPERSET '10.0.0.0/8']", "[ipv4-addr:value NOT ISSUPERSET '10.0.0.0/8']"),
        ("[NOT EXISTS file:name]", "[NOT EXISTS file:name]"),
    ])
    func comparisonOperators(pattern: String, expected: String) throws {
        #expect(try sketch(pattern) == expected)
    }

    @Test func everyOperatorIsCoveredAbove() throws {
        let spelled = try [
            "[file:a = 1]", "[file:a != 1]", "[file:a < 1]", "[file:a <= 1]", "[file:a > 1]", "[file:a >= 1]",
            "[file:a IN (1)]", "[file:a LIKE 'x']", "[file:a MATCHES 'x']", "[file:a ISSUBSET 'x']",
            "[file:a ISSUPERSET 'x']", "[EXISTS file:a]",
        ].map { pattern throws -> Pattern.ComparisonOperator in
            guard case .observation(let comparisons) = try PatternParser.parse(pattern).expression.kind,
                case .comparison(let comparison) = comparisons.kind
            else { throw UnexpectedPatternShape.error }
            return comparison.operator
        }
        #expect(Set(spelled) == Set(Pattern.ComparisonOperator.allCases))
    }

    // MARK: Literals as operands

    @Test(arguments: [
        ("[file:x = 'it\\'s']", "[file:x = 'it\\'s']"),
        ("[file:x = 42]", "[file:x = 42]"),
        ("[file:x = -7]", "[file:x = -7]"),
        ("[file:x = +7]", "[file:x = 7]"),
        ("[file:x = 0.5]", "[file:x = 0.5]"),
        ("[file:x = -.25]", "[file:x = -0.25]"),
        ("[file:x = true]", "[file:x = true]"),
        ("[file:x != false]", "[file:x != false]"),
        ("[file:x > t'2021-03-02T00:00:00.120Z']", "[file:x > t'2021-03-02T00:00:00.12Z']"),
        ("[file:x = h'DEADbeef']", "[file:x = h'deadbeef']"),
        ("[file:x = b'AAEC']", "[file:x = b[000102]]"),
        ("[file:x IN (1, 'a', true, 2.5, h'ff', b'/w==', t'2021-01-01T00:00:00Z')]",
         "[file:x IN (1, 'a', true, 2.5, h'ff', b[ff], t'2021-01-01T00:00:00Z')]"),
    ])
    func literalOperands(pattern: String, expected: String) throws {
        #expect(try sketch(pattern) == expected)
    }

    // MARK: Precedence and grouping

    @Test(arguments: [
        // Inside brackets AND binds tighter than OR; both are left-associative.
        ("[file:a = 1 OR file:b = 2 AND file:c = 3]", "[(file:a = 1 OR (file:b = 2 AND file:c = 3))]"),
        ("[file:a = 1 AND file:b = 2 OR file:c = 3]", "[((file:a = 1 AND file:b = 2) OR file:c = 3)]"),
        ("[file:a = 1 OR file:b = 2 OR file:c = 3]", "[((file:a = 1 OR file:b = 2) OR file:c = 3)]"),
        ("[(file:a = 1 OR file:b = 2) AND file:c = 3]", "[((file:a = 1 OR file:b = 2) AND file:c = 3)]"),
        ("[((file:a = 1))]", "[file:a = 1]"),
        // Between observation expressions: AND > OR > FOLLOWEDBY.
        ("[file:a = 1] AND [file:b = 2] OR [file:c = 3]", "(([file:a = 1] AND [file:b = 2]) OR [file:c = 3])"),
        ("[file:a = 1] OR [file:b = 2] AND [file:c = 3]", "([file:a = 1] OR ([file:b = 2] AND [file:c = 3]))"),
        ("[file:a = 1] FOLLOWEDBY [file:b = 2] OR [file:c = 3]", "([file:a = 1] FOLLOWEDBY ([file:b = 2] OR [file:c = 3]))"),
        ("[file:a = 1] OR [file:b = 2] FOLLOWEDBY [file:c = 3]", "(([file:a = 1] OR [file:b = 2]) FOLLOWEDBY [file:c = 3])"),
        ("[file:a = 1] FOLLOWEDBY [file:b = 2] FOLLOWEDBY [file:c = 3]",
         "(([file:a = 1] FOLLOWEDBY [file:b = 2]) FOLLOWEDBY [file:c = 3])"),
        ("[file:a = 1] AND ([file:b = 2] OR [file:c = 3])", "([file:a = 1] AND ([file:b = 2] OR [file:c = 3]))"),
        ("(([file:a = 1]))", "[file:a = 1]"),
        // Qualifiers bind to the observation expression right before them.
        ("[file:a = 1] FOLLOWEDBY [file:b = 2] WITHIN 5 SECONDS",
         "([file:a = 1] FOLLOWEDBY ([file:b = 2] WITHIN 5.0 SECONDS))"),
        ("([file:a = 1] FOLLOWEDBY [file:b = 2]) WITHIN 5 SECONDS",
         "(([file:a = 1] FOLLOWEDBY [file:b = 2]) WITHIN 5.0 SECONDS)"),
        // Keywords need no surrounding space where the grammar's tokens end anyway.
        ("[file:a = 1]AND[file:b = 2]", "([file:a = 1] AND [file:b = 2])"),
        ("[file:a = 1AND file:b = 2]", "[(file:a = 1 AND file:b = 2)]"),
    ])
    func precedence(pattern: String, expected: String) throws {
        #expect(try sketch(pattern) == expected)
    }

    // MARK: Qualifiers

    @Test(arguments: [
        ("[file:a = 1] WITHIN 300 SECONDS", "([file:a = 1] WITHIN 300.0 SECONDS)"),
        ("[file:a = 1] WITHIN 2.5 SECONDS", "([file:a = 1] WITHIN 2.5 SECONDS)"),
        ("[file:a = 1] WITHIN +0 SECONDS", "([file:a = 1] WITHIN 0.0 SECONDS)"),
        ("[file:a = 1] REPEATS 3 TIMES", "([file:a = 1] REPEATS 3 TIMES)"),
        ("[file:a = 1] START t'2021-03-02T00:00:00Z' STOP t'2021-03-03T00:00:00Z'",
         "([file:a = 1] START t'2021-03-02T00:00:00Z' STOP t'2021-03-03T00:00:00Z')"),
        // Different qualifiers chain, innermost first.
        ("[file:a = 1] REPEATS 3 TIMES WITHIN 60 SECONDS", "(([file:a = 1] REPEATS 3 TIMES) WITHIN 60.0 SECONDS)"),
        ("[file:a = 1] WITHIN 60 SECONDS REPEATS 3 TIMES", "(([file:a = 1] WITHIN 60.0 SECONDS) REPEATS 3 TIMES)"),
        // The same qualifier twice needs parentheses to say which applies to which.
        ("([file:a = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS", "(([file:a = 1] WITHIN 5.0 SECONDS) WITHIN 6.0 SECONDS)"),
    ])
    func qualifiers(pattern: String, expected: String) throws {
        #expect(try sketch(pattern) == expected)
    }

    // MARK: Object paths

    @Test(arguments: [
        ("[file:hashes.'SHA-256' = 'x']", "[file:hashes.'SHA-256' = 'x']"),
        ("[file:hashes.MD5 = 'x']", "[file:hashes.MD5 = 'x']"),
        ("[file:'name' = 'x']", "[file:name = 'x']"),
        ("[file:a.'it\\'s'.b = 'x']", "[file:a.'it\\'s'.b = 'x']"),
        ("[email-message:to_refs[0].value = 'x']", "[email-message:to_refs[0].value = 'x']"),
        ("[email-message:to_refs[*].value = 'x']", "[email-message:to_refs[*].value = 'x']"),
        ("[x-windows-event:data[+2][*] = 'x']", "[x-windows-event:data[2][*] = 'x']"),
        ("[file : name . 'a b' [ 0 ] = 'x']", "[file:name.'a b'[0] = 'x']"),
        ("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'x']",
         "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'x']"),
        ("[x-log-line:_private = 'x']", "[x-log-line:_private = 'x']"),
        ("[file:and.like = 'x']", "[file:and.like = 'x']"),
    ])
    func objectPaths(pattern: String, expected: String) throws {
        #expect(try sketch(pattern) == expected)
    }

    @Test func pathStepsAreDecoded() throws {
        let comparison = try firstComparison("[email-message:body_multipart[1].'content-type'[*] = 'x']")
        #expect(comparison.path.objectType == "email-message")
        #expect(comparison.path.steps.map(\.kind) == [.key("body_multipart"), .index(1), .key("content-type"), .anyIndex])
    }

    // MARK: The worked examples of spec/advisory-format.md

    // As YAML block scalars deliver them: backslashes are STIX escapes, continuation lines keep one space.

    @Test func exchangeProxyAnchorMailbox() throws {
        let pattern = #"""
            [network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%/%'
             AND network-traffic:x_fields.AnchorMailbox NOT LIKE 'ServerInfo~%/autodiscover%'
             AND network-traffic:x_fields.AnchorMailbox NOT LIKE 'ServerInfo~localhost%/%']
            """#
        #expect(try sketch(pattern) == """
            [((network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%/%' \
            AND network-traffic:x_fields.AnchorMailbox NOT LIKE 'ServerInfo~%/autodiscover%') \
            AND network-traffic:x_fields.AnchorMailbox NOT LIKE 'ServerInfo~localhost%/%')]
            """)
    }

    @Test func aspnetClientFolder() throws {
        let pattern = #"[file:parent_directory_ref.path LIKE 'C:\\inetpub\\wwwroot\\aspnet_client%' AND file:name LIKE '%.aspx']"#
        guard case .observation(let comparisons) = try PatternParser.parse(pattern).expression.kind,
            case .and(let folder, let name) = comparisons.kind,
            case .comparison(let folderTest) = folder.kind, case .comparison(let nameTest) = name.kind
        else { throw UnexpectedPatternShape.error }
        #expect(folderTest.path.steps.map(\.kind) == [.key("parent_directory_ref"), .key("path")])
        #expect(folderTest.value?.value == .string(#"C:\inetpub\wwwroot\aspnet_client%"#))
        #expect(nameTest.value?.value == .string("%.aspx"))
    }

    @Test func aspnetClientFolderAnyCase() throws {
        let pattern = #"[file:x_path MATCHES '(?i)^[a-z]:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\.*\\.aspx$']"#
        let comparison = try firstComparison(pattern)
        #expect(comparison.operator == .matches)
        // One level of STIX unescaping: the regular expression itself still escapes its backslashes.
        #expect(comparison.value?.value == .string(#"(?i)^[a-z]:\\inetpub\\wwwroot\\aspnet_client\\.*\.aspx$"#))
    }

    @Test func oabGeneratorLog() throws {
        let pattern = #"""
            [x-log-line:log = 'OABGeneratorLog' AND x-log-line:text LIKE 'Download failed and temporary file%'
             AND x-log-line:text NOT LIKE '%\\ClientAccess\\OAB\\%']
            """#
        #expect(try sketch(pattern) == #"""
            [((x-log-line:log = 'OABGeneratorLog' AND x-log-line:text LIKE 'Download failed and temporary file%') \#
            AND x-log-line:text NOT LIKE '%\\ClientAccess\\OAB\\%')]
            """#)
        guard case .observation(let comparisons) = try PatternParser.parse(pattern).expression.kind,
            case .and(_, let last) = comparisons.kind, case .comparison(let excluded) = last.kind
        else { throw UnexpectedPatternShape.error }
        #expect(excluded.value?.value == .string(#"%\ClientAccess\OAB\%"#))
    }

    @Test func attackerUserAgent() throws {
        let pattern = #"""
            [network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' IN
             ('python-requests/2.25.1', 'ExchangeServicesClient/0.0.0.0')
             AND network-traffic:extensions.'http-request-ext'.request_method = 'POST']
            """#
        #expect(try sketch(pattern) == """
            [(network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' \
            IN ('python-requests/2.25.1', 'ExchangeServicesClient/0.0.0.0') \
            AND network-traffic:extensions.'http-request-ext'.request_method = 'POST')]
            """)
    }

    // MARK: Ranges

    @Test func everyNodeRecordsItsUTF8ByteRange() throws {
        // "é" is two UTF-8 bytes, so everything after it is one byte further than its character index.
        let text = "[file:name = 'é' AND file:size > 1] WITHIN 5 SECONDS"
        let pattern = try PatternParser.parse(text)
        #expect(pattern.expression.range == 0..<53)
        guard case .qualified(let observation, let qualifier) = pattern.expression.kind,
            case .observation(let comparisons) = observation.kind,
            case .and(let left, let right) = comparisons.kind,
            case .comparison(let name) = left.kind, case .comparison(let size) = right.kind
        else { throw UnexpectedPatternShape.error }
        #expect(qualifier.range == 37..<53)
        #expect(observation.range == 0..<36)
        #expect(comparisons.range == 1..<35)
        #expect(name.range == 1..<17)
        #expect(name.path.range == 1..<10)
        #expect(name.path.objectTypeRange == 1..<5)
        #expect(name.path.steps[0].range == 6..<10)
        #expect(name.value?.range == 13..<17)
        #expect(size.range == 22..<35)
        #expect(size.value?.range == 34..<35)
    }

    @Test func groupsAndIndexesIncludeTheirBrackets() throws {
        let text = "( [file:a[12] = 1] ) OR [file:b IN ( 1 , 2 )]"
        guard case .or(let left, let right) = try PatternParser.parse(text).expression.kind,
            case .observation(let inRight) = right.kind, case .comparison(let list) = inRight.kind,
            case .observation(let inLeft) = left.kind, case .comparison(let indexed) = inLeft.kind
        else { throw UnexpectedPatternShape.error }
        #expect(left.range == 0..<20)
        #expect(indexed.path.steps[1].range == 9..<13)
        #expect(list.value?.range == 35..<44)
    }

    @Test func negatedExistsStartsAtNot() throws {
        let comparison = try firstComparison("[ NOT EXISTS file:name ]")
        #expect(comparison.negated && comparison.operator == .exists && comparison.value == nil)
        #expect(comparison.range == 2..<22)
    }
}

// MARK: - Helpers

/// A shape the test did not expect; the `#expect`s would say more, but they need the shape first.
enum UnexpectedPatternShape: Error { case error }

/// The first comparison of a single-observation pattern.
private func firstComparison(_ text: String) throws -> Pattern.Comparison {
    guard case .observation(let comparisons) = try PatternParser.parse(text).expression.kind,
        case .comparison(let comparison) = comparisons.kind
    else { throw UnexpectedPatternShape.error }
    return comparison
}

/// Parses `text` and prints it back with every binary node in parentheses, so tests can state the
/// tree as text. Binary literals print as `b[hex]` to show their decoded bytes.
private func sketch(_ text: String) throws -> String {
    sketch(try PatternParser.parse(text).expression)
}

private func sketch(_ expression: Pattern.ObservationExpression) -> String {
    switch expression.kind {
    case .observation(let comparisons): "[\(sketch(comparisons))]"
    case .and(let left, let right): "(\(sketch(left)) AND \(sketch(right)))"
    case .or(let left, let right): "(\(sketch(left)) OR \(sketch(right)))"
    case .followedBy(let left, let right): "(\(sketch(left)) FOLLOWEDBY \(sketch(right)))"
    case .qualified(let inner, let qualifier):
        switch qualifier.kind {
        case .within(let seconds): "(\(sketch(inner)) WITHIN \(seconds) SECONDS)"
        case .repeats(let times): "(\(sketch(inner)) REPEATS \(times) TIMES)"
        case .startStop(let start, let stop): "(\(sketch(inner)) START t'\(start)' STOP t'\(stop)')"
        }
    }
}

private func sketch(_ expression: Pattern.ComparisonExpression) -> String {
    switch expression.kind {
    case .and(let left, let right): "(\(sketch(left)) AND \(sketch(right)))"
    case .or(let left, let right): "(\(sketch(left)) OR \(sketch(right)))"
    case .comparison(let comparison):
        comparison.operator == .exists
            ? (comparison.negated ? "NOT " : "") + "EXISTS \(sketch(comparison.path))"
            : "\(sketch(comparison.path)) \(comparison.negated ? "NOT " : "")\(comparison.operator.rawValue) "
                + (comparison.value.map(sketch) ?? "")
    }
}

private func sketch(_ path: Pattern.ObjectPath) -> String {
    path.objectType + ":" + path.steps.enumerated().map { position, step in
        switch step.kind {
        case .key(let key) where key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }):
            position == 0 ? key : "." + key
        case .key(let key): (position == 0 ? "" : ".") + quoted(key)
        case .index(let index): "[\(index)]"
        case .anyIndex: "[*]"
        }
    }.joined()
}

private func sketch(_ literal: Pattern.Literal) -> String {
    switch literal.value {
    case .string(let string): quoted(string)
    case .integer(let integer): "\(integer)"
    case .float(let float): "\(float)"
    case .boolean(let boolean): "\(boolean)"
    case .timestamp(let timestamp): "t'\(timestamp)'"
    case .hex(let bytes): "h'\(hex(bytes))'"
    case .binary(let bytes): "b[\(hex(bytes))]"
    case .list(let elements): "(" + elements.map(sketch).joined(separator: ", ") + ")"
    }
}

private func quoted(_ string: String) -> String {
    "'" + string.replacingOccurrences("\\", with: "\\\\").replacingOccurrences("'", with: "\\'") + "'"
}

/// Lower-case hex, two digits per byte.
private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

extension String {
    /// `replacingOccurrences(of:with:)` without Foundation.
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
