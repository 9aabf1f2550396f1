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

    /// As `JSONOutput.encode` writes it (a test compares the two).
    func encoded() -> [UInt8] {
        Self.encoded(sorted: files, generated: generated)
    }

    private static func encoded(sorted files: [Entry], generated: String) -> [UInt8] {
        // About 190 bytes per file: reserving them spares copying a large document while it grows.
        var writer = JSONWriter(capacity: 200 * files.count + 64)
        write(sorted: files, generated: generated, to: &writer)
        return writer.finished()
    }

    /// The manifest of `entries`, in any order.
    static func write(_ entries: [Entry], reportDate: String, to writer: inout JSONWriter) {
        write(sorted: entries.sorted { $0.path < $1.path }, generated: reportDate, to: &writer)
    }

    private static func write(sorted files: [Entry], generated: String, to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("files")
            writer.array(files) { writer, file in file.write(to: &writer) }
            writer.key("generated")
            writer.string(generated)
        }
    }
}

extension Manifest.Entry: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("path")
            writer.string(path)
            writer.key("sha256")
            writer.string(sha256)
            writer.key("size")
            writer.number(size)
        }
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
        return Array(escapingInvisibles(String(decoding: data, as: UTF8.self)).utf8) + [0x0A]
    }

    /// JSON as written by the encoder, with every invisible or reordering character that it leaves
    /// raw (bidi overrides, zero-width characters, DEL, U+2028) written as a `\u` escape: a parser
    /// still reads the data exactly as scanned, but a person who opens the file in an editor or a
    /// browser sees the escape instead of a line that lies. Outside strings there are only ASCII
    /// punctuation, spaces and the line breaks of pretty-printing, which stay.
    static func escapingInvisibles(_ json: String) -> String {
        // Printable ASCII and line breaks are all the loop below would keep as they are.
        if json.utf8.allSatisfy({ (0x20..<0x7F).contains($0) || $0 == 0x0A }) { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard scalar != "\n", TextEscaping.visibleForm(of: scalar) != nil else {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }
}
