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

    /// As `JSONEncoder` with sorted keys would write it (a test compares the two).
    func encoded() -> [UInt8] {
        Self.encoded(sorted: files, generated: generated)
    }

    private static func encoded(sorted files: [Entry], generated: String) -> [UInt8] {
        // About 190 bytes per file: reserving them spares copying a large document while it grows.
        var writer = JSONWriter(capacity: 200 * files.count + 64)
        write(sorted: files, generated: generated, to: &writer)
        return writer.finished()
    }

    /// The manifest of the site pages `pages` (in any order) and of every organisation's files.
    /// The organisations' files are taken from their summaries as they are written rather than
    /// gathered and sorted first: at national scale that list and its sorted copy were about a
    /// million entries each.
    static func write(pages: [Entry], organisations summaries: [OrganisationSummary], reportDate: String, to writer: inout JSONWriter) {
        let pages = pages.sorted { $0.path < $1.path }
        write(sorted: MergedEntries(pages, OrganisationFiles(summaries)), generated: reportDate, to: &writer)
    }

    private static func write(sorted files: some Sequence<Entry>, generated: String, to writer: inout JSONWriter) {
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
