import Foundation
import ScanSynthesis
import Testing

@testable import ReportRendering

/// JSON outputs (all written by `JSONWriter`) keep scan data exactly, but never show a reader a
/// line that lies.
@Suite struct JSONOutputTests {
    struct Record: JSONWritable, Encodable {
        var path: String

        func write(to writer: inout JSONWriter) {
            writer.object { writer in
                writer.key("path")
                writer.string(path)
            }
        }
    }

    @Test func invisibleCharactersAreEscapedAndParseBackToTheData() throws {
        let path = "invoice\u{202E}gpj.exe adm\u{200B}in del\u{7F} line\u{2028}sep tag\u{E0041} esc\u{1B}"
        let bytes = Record(path: path).written()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"# + "\n" + #"  "path" : "invoice\u202egpj.exe adm\u200bin del\u007f line\u2028sep tag\udb40\udc41 esc\u001b""# + "\n}\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(parsed["path"] == path)
    }

    @Test func visibleTextIsWrittenAsIs() {
        let text = String(decoding: Record(path: "C:\\inetpub\\<script>é漢字/x").written(), as: UTF8.self)
        #expect(text.contains(#""C:\\inetpub\\<script>é漢字/x""#))
    }

    /// Strings written by `JSONWriter`, which copies runs of plain bytes whole, are the bytes the
    /// encoder definition gives, for many random compositions of quotes, escapes, controls,
    /// invisible and multi-byte characters (seeded, so a failure reproduces).
    @Test func stringsMatchTheEncoderDefinition() {
        let pieces = [
            "a", "Zz9", " ", "/", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1B}", "\u{7F}", "é", "漢字", "😀",
            "\u{202E}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{E0041}", "<script>", "C:\\inetpub", "www.example.org",
        ]
        var generator = SplitMix64(seed: 20_210_302)
        for _ in 0..<3_000 {
            let path = (0..<generator.below(10)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            #expect(Record(path: path).written() == JSONOutput.encode(Record(path: path)), "\(path.debugDescription)")
        }
    }
}
