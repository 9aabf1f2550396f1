/// A site page written in pieces, hashed and measured on the way, so that its manifest entry is
/// known without ever holding the page whole.
final class HashedPage {
    /// About a megabyte per piece: large enough that writes are few, small beside the summaries.
    static let pieceSize = 1 << 20

    let path: String
    private let stream: any SitePageStream
    private let digest = SHA256.Stream()
    private var size = 0

    init(_ path: String, in pages: some SitePageWriter) throws {
        self.path = path
        stream = try pages.open(path)
    }

    func append(_ piece: [UInt8]) {
        digest.update(piece)
        size += piece.count
        stream.append(piece)
    }

    /// Appends the UTF-8 of `text` a piece at a time, rather than as one copy of a page that is
    /// tens of megabytes at national scale.
    func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            while start < utf8.count {
                let end = min(start + Self.pieceSize, utf8.count)
                append(Array(utf8[start..<end]))
                start = end
            }
        }
    }

    /// Ends the page; its entry in the manifest.
    func close() throws -> Manifest.Entry {
        try stream.close()
        return Manifest.Entry(path: path, sha256: digest.hex(), size: size)
    }
}
