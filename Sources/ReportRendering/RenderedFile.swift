/// One file of the generated site: where it goes below the output folder and what it holds.
public struct RenderedFile: Sendable, Hashable {
    /// A relative path with `/` separators, made only from organisation ids (already checked to be
    /// safe folder names) and fixed names.
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}
