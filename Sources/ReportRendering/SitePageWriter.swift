/// Where `SiteRenderer.renderSite` puts the site pages as it makes them. At national scale
/// index.json and manifest.json are hundreds of megabytes each, so they are written in pieces
/// rather than held whole beside every organisation's summary.
public protocol SitePageWriter {
    /// Writes a page made whole.
    func write(_ file: RenderedFile) throws
    /// Starts the page at `path`, which arrives in pieces.
    func open(_ path: String) throws -> any SitePageStream
}

/// A page being written in pieces, in order.
public protocol SitePageStream: AnyObject {
    /// Appends a piece. A failure is kept for `close`, so that a writer that cannot throw can
    /// feed it.
    func append(_ bytes: [UInt8])
    /// Ends the page, throwing the first failure of any piece.
    func close() throws
}

/// Keeps every page in memory, sorted by path when asked: for tests and small builds.
public final class CollectedSitePages: SitePageWriter {
    public private(set) var files: [RenderedFile] = []

    public init() {}

    public func write(_ file: RenderedFile) {
        files.append(file)
    }

    public func open(_ path: String) -> any SitePageStream {
        Piecewise(path: path, pages: self)
    }

    private final class Piecewise: SitePageStream {
        let path: String
        let pages: CollectedSitePages
        var contents: [UInt8] = []

        init(path: String, pages: CollectedSitePages) {
            self.path = path
            self.pages = pages
        }

        func append(_ bytes: [UInt8]) {
            contents += bytes
        }

        func close() {
            pages.write(RenderedFile(path: path, contents: contents))
        }
    }
}
