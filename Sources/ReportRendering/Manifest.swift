import Foundation

/// `manifest.json`: every published file with its size and SHA-256, so that a mirror, a ticket
/// attachment or a later build can prove a file is the one bulletin wrote.
struct Manifest: Encodable {
    var generated: String
    var files: [Entry]

    struct Entry: Codable, Sendable {
        var path: String
        var sha256: String
        var size: Int

        init(_ file: RenderedFile) {
            self.init(path: file.path, sha256: SHA256.hex(file.contents), size: file.contents.count)
        }

        init(path: String, sha256: String, size: Int) {
            self.path = path
            self.sha256 = sha256
            self.size = size
        }
    }

    init(entries: [Entry], reportDate: String) {
        generated = reportDate
        files = entries.sorted { $0.path < $1.path }
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
