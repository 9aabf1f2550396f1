/// Why a pattern text cannot become a rule, and where: a syntax error (`PatternSyntaxError`, the
/// parser's) or a compile error (`PatternCompileError`, the compiler's). One shape for both, since
/// the caller does the same with either: map `offset` into `indicators.yml` and print a located
/// diagnostic whose summary is `message`.
public struct PatternProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The UTF-8 byte offset in the pattern text of the character, literal or qualifier at fault.
    public var offset: Int
    /// One line: what is wrong and how to fix it.
    public var message: String
    /// A stable identifier such as `pattern.unknown-type` or `pattern.bad-regex`.
    public var id: String

    /// Creates a problem.
    public init(offset: Int, message: String, id: String) {
        self.offset = offset
        self.message = message
        self.id = id
    }

    /// `offset N: message [id]`, for test failures and debugging; users see the located diagnostic.
    public var description: String { "offset \(offset): \(message) [\(id)]" }
}
