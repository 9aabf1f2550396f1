import BulletinModel
import Testing

@testable import ReportRendering

/// The Mustache spec's behaviours (https://github.com/mustache/spec) that templates rely on, on
/// small models, through `TemplateSet` as a build uses it.
@Suite struct MustacheSpecTests {
    /// A model for the spec's cases: a few names of each kind of value.
    struct Model: TemplateValues {
        var text: String? = "Hi"
        var empty = ""
        var number: Int? = 0
        var yes = true
        var no = false
        var markup = "<b>&\"'</b>"
        var lines = "a\nb"
        var items: [Item] = [Item(name: "one"), Item(name: "two")]
        var none: [Item] = []
        var child: Item? = Item(name: "inner", child: Item(name: "deepest"))

        static let templateKeys: TemplateKeys<Self> = [
            "text": { TemplateValue($0.text) }, "empty": { TemplateValue($0.empty) }, "number": { TemplateValue($0.number) },
            "yes": { TemplateValue($0.yes) }, "no": { TemplateValue($0.no) }, "markup": { TemplateValue($0.markup) },
            "lines": { TemplateValue($0.lines) }, "items": { TemplateValue($0.items) }, "none": { TemplateValue($0.none) },
            "child": { $0.child.map { TemplateValue($0) } ?? .absent },
        ]
    }

    final class Box {
        let item: Item
        init(_ item: Item) { self.item = item }
    }

    struct Item: TemplateValues {
        var name: String?
        var box: Box?

        init(name: String?, child: Item? = nil) {
            self.name = name
            box = child.map(Box.init)
        }

        static let templateKeys: TemplateKeys<Self> = [
            "name": { TemplateValue($0.name) }, "child": { $0.box.map { TemplateValue($0.item) } ?? .absent },
        ]
    }

    static func render(_ template: String, partials: [String: String] = [:], name: String = "page.html", model: Model = Model()) throws -> String {
        let (set, diagnostics) = compile([name: template].merging(partials) { $1 })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(set).render(model, template: name)
    }

    static func compile(_ templates: [String: String]) -> (TemplateSet?, [Diagnostic]) {
        var sources = templates.map { TemplateSource(name: $0.key, text: $0.value, file: "Templates/\($0.key).mustache") }
        // The set must hold the templates a build needs; these stand in for them.
        for name in TemplateSet.required where templates[name] == nil {
            sources.append(TemplateSource(name: name, text: "", file: "Templates/\(name).mustache"))
        }
        return TemplateSet.compile(sources, assets: [])
    }

    static func errors(_ template: String, name: String = "page.html") -> [Diagnostic] {
        compile([name: template]).1.filter { $0.severity == .error }
    }

    // MARK: Interpolation

    @Test func interpolationEscapesPerContentType() throws {
        #expect(try Self.render("{{markup}}") == "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;")
        #expect(try Self.render("{{{markup}}}") == "<b>&\"'</b>")
        #expect(try Self.render("{{&markup}}") == "<b>&\"'</b>")
        #expect(try Self.render("{{ markup }}|{{{ markup }}}|{{& markup }}", name: "page.md") == "\\<b\\>\\&\"'\\</b\\>|<b>&\"'</b>|<b>&\"'</b>")
        #expect(try Self.render("[{{missing}}] [{{number}}] [{{yes}}]") == "[] [0] [true]")
    }

    @Test func dottedNamesResolveTheFirstPartThroughTheStackAndTheRestWithin() throws {
        #expect(try Self.render("{{child.name}} {{child.child.name}} {{child.missing.name}}") == "inner deepest ")
        // The first part is found in an enclosing context; the rest does not fall back.
        #expect(try Self.render("{{#items}}{{child.name}},{{/items}}") == "inner,inner,")
        #expect(try Self.render("{{#child}}{{child.text}}{{/child}}") == "")
    }

    @Test func missingAndAbsentNamesAreLookedUpInEnclosingContexts() throws {
        #expect(try Self.render("{{#items}}{{name}}:{{text}} {{/items}}") == "one:Hi two:Hi ")
        var model = Model()
        model.items = [Item(name: nil)]
        model.child = Item(name: "outer")
        // `name` is absent in the item, so the enclosing `child`'s shows.
        #expect(try Self.render("{{#child}}{{#items}}[{{name}}]{{/items}}{{/child}}", model: model) == "[outer]")
    }

    @Test func implicitIteratorIsTheCurrentContext() throws {
        #expect(try Self.render("{{#text}}{{.}}{{/text}} {{#number}}{{.}}{{/number}}") == "Hi 0")
        #expect(try Self.render("{{#markup}}{{.}}|{{{.}}}{{/markup}}") == "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;|<b>&\"'</b>")
    }

    // MARK: Sections

    @Test func sectionsFollowTruthiness() throws {
        #expect(try Self.render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#missing}}M{{/missing}}{{#none}}E{{/none}}") == "Y")
        #expect(try Self.render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^missing}}M{{/missing}}{{^none}}E{{/none}}{{^items}}I{{/items}}") == "NME")
        // Empty text and zero are values, as they were with swift-mustache.
        #expect(try Self.render("{{#empty}}e{{/empty}}{{#number}}z{{/number}}{{^empty}}!{{/empty}}{{^number}}!{{/number}}") == "ez")
    }

    @Test func listsIterateAndObjectsPushTheirContext() throws {
        #expect(try Self.render("{{#items}}<{{name}}>{{/items}}") == "<one><two>")
        #expect(try Self.render("{{#child}}{{name}}{{#child}}/{{name}}{{/child}}{{/child}}") == "inner/deepest")
        #expect(try Self.render("{{#items}}{{#yes}}{{name}}{{/yes}}{{/items}}") == "onetwo")
    }

    // MARK: Whitespace

    @Test func standaloneTagsRemoveTheirLine() throws {
        #expect(try Self.render("a\n  {{#yes}}  \nb\n  {{/yes}}\nc\n") == "a\nb\nc\n")
        #expect(try Self.render("a\n{{^no}}\nb\n{{/no}}\n") == "a\nb\n")
        #expect(try Self.render("a\n  {{! a comment }}\nb\n") == "a\nb\n")
        #expect(try Self.render("a\n{{!\nmany\nlines\n}}\nb\n") == "a\nb\n")
        #expect(try Self.render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\n") == "a\r\nb\r\n")
        // At the end of the template without a line break, and at its start.
        #expect(try Self.render("{{#yes}}\nb\n{{/yes}}") == "b\n")
        // Not standalone: two tags on a line, or text beside the tag.
        #expect(try Self.render(" {{#yes}}{{/yes}} \n") == "  \n")
        #expect(try Self.render("x {{#yes}}\ny{{/yes}}\n") == "x \ny\n")
        #expect(try Self.render("  {{text}}\n") == "  Hi\n")
    }

    @Test func standalonePartialsIndentEachLineOfThePartial() throws {
        let partials = ["inner.html": "|\n{{{lines}}}\n|\n", "outer.html": "<\n  {{> inner.html}}\n>\n"]
        #expect(try Self.render("\\\n {{> inner.html}}\n/\n", partials: partials) == "\\\n |\n a\nb\n |\n/\n")
        // Indentation adds up through nested partials, and an inline partial is not indented.
        #expect(try Self.render("  {{> outer.html}}\n", partials: partials) == "  <\n    |\n    a\nb\n    |\n  >\n")
        #expect(try Self.render("x {{> inner.html}} y\n", partials: partials) == "x |\na\nb\n|\n y\n")
        // Empty lines of the partial stay empty.
        #expect(try Self.render(" {{> gap.html}}\n", partials: ["gap.html": "a\n\nb\n"]) == " a\n\n b\n")
    }

    @Test func partialsEscapeForTheirOwnLanguageAndSeeTheCallersContext() throws {
        let partials = ["partials/item.md": "{{name}} *{{markup}}*"]
        #expect(try Self.render("{{#items}}{{> partials/item.md}};{{/items}}", partials: partials) == "one *\\<b\\>\\&\"'\\</b\\>*;two *\\<b\\>\\&\"'\\</b\\>*;")
    }

    @Test func setDelimiterChangesTheTagsAndRemovesItsLine() throws {
        #expect(try Self.render("{{=<% %>=}}\n<% text %> {{text}}\n<%={{ }}=%>\n{{text}}") == "Hi {{text}}\nHi")
        #expect(try Self.render("{{= | | =}}|#yes|[|{markup}|]|/yes|") == "[<b>&\"'</b>]")
    }

    @Test func commentsRenderNothing() throws {
        #expect(try Self.render("1{{! hidden }}2{{!\n}}3") == "123")
    }

    // MARK: Errors

    @Test func syntaxErrorsAreLocatedInTheUsersFile() throws {
        func located(_ template: String) -> (String, Int, Int, String)? {
            Self.errors(template).first.map { ($0.id, $0.location?.line ?? 0, $0.location?.column ?? 0, $0.summary) }
        }
        let unclosed = try #require(located("a\nb {{#items}}\n{{name}}\n"))
        #expect(unclosed.0 == "template.syntax" && unclosed.1 == 2 && unclosed.2 == 3)
        #expect(unclosed.3.contains("never closed"))
        let mismatch = try #require(located("{{#items}}\n  {{/yes}}"))
        #expect(mismatch.0 == "template.syntax" && mismatch.1 == 2 && mismatch.2 == 3 && mismatch.3.contains("1:1"))
        let open = try #require(located("x\nab {{title"))
        #expect(open.0 == "template.syntax" && open.1 == 2 && open.2 == 4 && open.3.contains("'}}'"))
        #expect(located("{{/items}}")?.3.contains("closes no open section") == true)
        #expect(located("{{=<%=}}")?.0 == "template.syntax")
        #expect(located("{{a b}}")?.0 == "template.syntax")
        // Columns count UTF-8 bytes, as every `SourceLocation` does.
        #expect(located("é {{#x}}")?.2 == 4)
    }

    @Test func swiftMustacheExtensionsAreRefusedWithALocatedError() throws {
        for (template, word) in [
            ("{{uppercased(text)}}", "transforms"), ("{{first()}}", "transforms"),
            ("{{<parent}}{{/parent}}", "inheritance"), ("{{$block}}x{{/block}}", "blocks"),
            ("{{% CONTENT_TYPE: TEXT}}", "pragmas"), ("{{>*dynamic}}", "dynamic partials"), ("{{.name}}", "anchored"),
        ] {
            let error = try #require(Self.errors("line\n  " + template).first, "\(template)")
            #expect(error.id == "template.syntax", "\(template)")
            #expect(error.location?.line == 2 && error.location?.column == 3, "\(template)")
            #expect(error.summary.contains(word) && error.summary.contains("not supported"), "\(error.summary)")
        }
    }

    @Test func aMissingPartialIsALocatedErrorWhenTheSetIsCompiled() throws {
        let error = try #require(Self.errors("<head>\n  {{> partials/nowhere.html}}\n").first)
        #expect(error.id == "template.missing")
        #expect(error.location == SourceLocation(file: "Templates/page.html.mustache", line: 2, column: 3))
    }

    @Test func partialsThatIncludeEachOtherAreRefused() throws {
        let (set, diagnostics) = Self.compile(["page.html": "{{> a.html}}", "a.html": "x\n{{#items}}{{> b.html}}{{/items}}", "b.html": "  {{> a.html}}\n"])
        #expect(set == nil)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(error.id == "template.syntax" && error.summary.contains("a.html > b.html > a.html"))
        #expect(error.location == SourceLocation(file: "Templates/b.html.mustache", line: 1, column: 3))
    }

    @Test func aTemplateWithNoKnownLanguageIsRefused() throws {
        #expect(Self.errors("x", name: "page.txt").first?.id == "template.unknown-language")
    }
}
