/// Why a template does not parse, and where: 1-based line and column in the template's own file.
struct TemplateSyntaxError: Error, Equatable {
    var message: String
    var line: Int
    var column: Int
}
