import Foundation

/// `manifest.json`: every published file with its size and SHA-256, so that a mirror, a ticket
/// attachment or a later build can prove a file is the one bulletin wrote.
struct Manifest: Encodable {
    var generated: String
    var files: [Entry]

    struct Entry: Encodable {
        var path: String
        var sha256: String
        var size: Int
    }

    init(files: [RenderedFile], reportDate: String) {
        generated = reportDate
        self.files = files.sorted { $0.path < $1.path }.map { Entry(path: $0.path, sha256: SHA256.hex($0.contents), size: $0.contents.count) }
    }

    func encoded() -> [UInt8] {
        JSONOutput.encode(self)
    }
}

/// The one way JSON outputs are written: sorted keys, pretty-printed, slashes unescaped, a final
/// newline. Stable byte for byte, so builds stay reproducible.
enum JSONOutput {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // The documents are plain strings, numbers and arrays: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }
}
