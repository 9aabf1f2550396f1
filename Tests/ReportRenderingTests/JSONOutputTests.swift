import Foundation
import Testing

@testable import ReportRendering

/// JSON outputs keep scan data exactly, but never show a reader a line that lies.
@Suite struct JSONOutputTests {
    struct Record: Encodable {
        var path: String
    }

    @Test func invisibleCharactersAreEscapedAndParseBackToTheData() throws {
        let path = "invoice\u{202E}gpj.exe adm\u{200B}in del\u{7F} line\u{2028}sep tag\u{E0041} esc\u{1B}"
        let bytes = JSONOutput.encode(Record(path: path))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"# + "\n" + #"  "path" : "invoice\u202egpj.exe adm\u200bin del\u007f line\u2028sep tag\udb40\udc41 esc\u001b""# + "\n}\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(parsed["path"] == path)
    }

    @Test func visibleTextIsWrittenAsIs() {
        let text = String(decoding: JSONOutput.encode(Record(path: "C:\\inetpub\\<script>é漢字/x")), as: UTF8.self)
        #expect(text.contains(#""C:\\inetpub\\<script>é漢字/x""#))
    }
}
