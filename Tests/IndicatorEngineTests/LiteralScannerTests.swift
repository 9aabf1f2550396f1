import Testing

@testable import IndicatorEngine

/// One pass finds every needle a value contains: grams of every length, case as each needle
/// says, prefixes only at the start, and nothing for non-ASCII values, which the caller passes.
@Suite struct LiteralScannerTests {
    static let needles = [
        LiteralNeedle(bytes: Array(".aspx".utf8), caseInsensitive: false, atStart: false),
        LiteralNeedle(bytes: Array("ServerInfo~".utf8), caseInsensitive: false, atStart: true),
        LiteralNeedle(bytes: Array("inetpub".utf8), caseInsensitive: true, atStart: false),
        LiteralNeedle(bytes: Array(".js".utf8), caseInsensitive: false, atStart: false),
        LiteralNeedle(bytes: Array("~".utf8), caseInsensitive: false, atStart: false),
        LiteralNeedle(bytes: Array("ab".utf8), caseInsensitive: true, atStart: false),
    ]

    @Test(arguments: [
        ("shell.aspx", [0]),
        ("shell.ASPX", []),
        ("ServerInfo~a]@mail:444/ecp/y.js", [1, 3, 4]),
        ("x ServerInfo~a", [4]),
        ("C:\\INETPUB\\wwwroot", [2]),
        ("C:\\inetpu", []),
        ("AB", [5]),
        ("a", []),
        ("", []),
        ("/owa/x.js?x=.aspx~", [0, 3, 4]),
    ] as [(String, [Int])])
    func findsContainedNeedles(value: String, expected: [Int]) {
        let scanner = LiteralScanner(needles: Self.needles)
        var found = Set<Int>()
        var value = value
        let ascii = value.withUTF8 { scanner.scan($0) { found.insert($0) } }
        #expect(ascii)
        #expect(found.sorted() == expected)
    }

    @Test func nonASCIIValuesAreNotScanned() {
        let scanner = LiteralScanner(needles: Self.needles)
        var value = "caf\u{E9}.aspx"
        var found: [Int] = []
        #expect(value.withUTF8 { scanner.scan($0) { found.append($0) } } == false)
        #expect(found.isEmpty)
    }
}
