import Testing

@testable import ReportRendering

/// Examples from the Mustache spec's test files (https://github.com/mustache/spec: sections,
/// inverted, comments, delimiters, partials), on a model of plain hashes and lists as the spec's data
/// is, rendered by the parser and renderer directly (the spec names partials without a language).
@Suite struct MustacheSpecExampleTests {
    /// A hash of the spec's data.
    struct Hash: TemplateValues {
        var fields: [String: TemplateValue]
        static let templateKeys: TemplateKeys<Self> = [:]
        func templateValue(_ key: TemplateKey) -> TemplateValue { fields[key.name] ?? .absent }
    }

    /// A list of the spec's data, of any kind of element.
    struct Values: TemplateList {
        var values: [TemplateValue]
        var isEmpty: Bool { values.isEmpty }
        func forEachContext(_ body: (TemplateValue) -> Void) { values.forEach(body) }
    }

    static func hash(_ fields: [String: TemplateValue]) -> TemplateValue { .object(Hash(fields: fields)) }
    static func list(_ values: [TemplateValue]) -> TemplateValue { .list(Values(values: values)) }

    static func render(_ template: String, _ data: [String: TemplateValue] = [:], partials: [String: String] = [:]) throws -> String {
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in partials {
            templates[name] = CompiledTemplate(nodes: try MustacheParser.parse(text).nodes, contentType: .html, size: text.utf8.count)
        }
        var renderer = TemplateRenderer(model: Hash(fields: data), templates: templates, capacity: 64)
        renderer.render(try MustacheParser.parse(template).nodes, as: .html)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    @Test func sections() throws {
        #expect(try Self.render("\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"", [
            "a": .text("foo"), "b": .text("wrong"), "sec": Self.hash(["b": .text("bar")]), "c": Self.hash(["d": .text("baz")]),
        ]) == "\"foo, bar, baz\"")
        #expect(try Self.render("\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", ["foo": .text("bar")]) == "\"bar is bar\"")
        let tops = Self.list([Self.hash([
            "tname": Self.hash(["upper": .text("A"), "lower": .text("a")]),
            "middles": Self.list([Self.hash(["mname": .text("1"), "bottoms": Self.list([Self.hash(["bname": .text("x")]), Self.hash(["bname": .text("y")])])])]),
        ])])
        #expect(try Self.render(
            "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
            ["tops": tops]) == "a1.A1x.A1y.")
        #expect(try Self.render("\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"", [
            "list": Self.list([Self.list([.number(1), .number(2), .number(3)]), Self.list([.text("a"), .text("b"), .text("c")])]),
        ]) == "\"(123)(abc)\"")
        #expect(try Self.render("\"{{#list}}({{.}}){{/list}}\"", ["list": Self.list(["&", "\"", "<", ">"].map(TemplateValue.text))]) == "\"(&amp;)(&quot;)(&lt;)(&gt;)\"")
        #expect(try Self.render("{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n", ["bool": .flag(true), "two": .text("second")])
            == "* first\n* second\n* third\n")
        #expect(try Self.render("| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", ["bool": .flag(true)]) == "| A B C D E |")
        #expect(try Self.render(" | {{#boolean}}\t|\t{{/boolean}} | \n", ["boolean": .flag(true)]) == " | \t|\t | \n")
        #expect(try Self.render(" | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", ["boolean": .flag(true)]) == " |  \n  | \n")
        #expect(try Self.render(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", ["boolean": .flag(true)]) == " YES\n GOOD\n")
        #expect(try Self.render("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", ["boolean": .flag(true)]) == "| This Is\n|\n| A Line\n")
        #expect(try Self.render("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", ["boolean": .flag(true)]) == "|\r\n|")
        #expect(try Self.render("  {{#boolean}}\n#{{/boolean}}\n/", ["boolean": .flag(true)]) == "#\n/")
        #expect(try Self.render("#{{#boolean}}\n/\n  {{/boolean}}", ["boolean": .flag(true)]) == "#\n/\n")
        #expect(try Self.render("|{{# boolean }}={{/ boolean }}|", ["boolean": .flag(true)]) == "|=|")
    }

    @Test func dottedNames() throws {
        let deep = Self.hash(["b": Self.hash(["c": Self.hash(["d": Self.hash(["e": Self.hash(["name": .text("Phil")])])])])])
        let wrong = Self.hash(["c": Self.hash(["d": Self.hash(["e": Self.hash(["name": .text("Wrong")])])])])
        #expect(try Self.render("\"{{#a}}{{b.c.d.e.name}}{{/a}}\"", ["a": deep, "b": wrong]) == "\"Phil\"")
        #expect(try Self.render("{{#a}}{{b.c}}{{/a}}", ["a": Self.hash(["b": Self.hash([:])]), "b": Self.hash(["c": .text("ERROR")])]) == "")
        #expect(try Self.render("\"{{a.b.c.name}}\"", ["a": Self.hash(["b": Self.hash([:])]), "c": Self.hash(["name": .text("Jim")])]) == "\"\"")
        #expect(try Self.render("\"{{^a.b.c}}Not Here{{/a.b.c}}\"", ["a": Self.hash([:])]) == "\"Not Here\"")
    }

    @Test func inverted() throws {
        #expect(try Self.render("\"{{^list}}{{n}}{{/list}}\"", ["list": Self.list([Self.hash(["n": .number(1)])])]) == "\"\"")
        #expect(try Self.render("\"{{^list}}Yay lists!{{/list}}\"", ["list": Self.list([])]) == "\"Yay lists!\"")
        #expect(try Self.render("\"{{^context}}Hi {{name}}.{{/context}}\"", ["context": Self.hash(["name": .text("Joe")])]) == "\"\"")
        #expect(try Self.render("| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", ["bool": .flag(false)]) == "| A B C D E |")
        #expect(try Self.render("^{{^boolean}}\n/\n  {{/boolean}}", ["boolean": .flag(false)]) == "^\n/\n")
    }

    @Test func comments() throws {
        #expect(try Self.render("Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try Self.render("  12 {{! 34 }}\n") == "  12 \n")
        #expect(try Self.render("|\r\n{{! Standalone Comment }}\r\n|") == "|\r\n|")
        #expect(try Self.render("!\n  {{! I'm Still Standalone }}") == "!\n")
        #expect(try Self.render("12345 {{! Comment Block! }} 67890") == "12345  67890")
    }

    @Test func delimiters() throws {
        let data: [String: TemplateValue] = ["section": .flag(true), "data": .text("I got interpolated.")]
        #expect(try Self.render("[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n", data)
            == "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n")
        #expect(try Self.render("({{=[ ]=}}[text])", ["text": .text("It worked!")]) == "(It worked!)")
        #expect(try Self.render("[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", ["value": .text("yes")], partials: ["include": ".{{value}}."])
            == "[ .yes. ]\n[ .yes. ]\n")
        #expect(try Self.render("[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", ["value": .text("yes")], partials: ["include": ".{{value}}. {{= | | =}} .|value|."])
            == "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n")
        #expect(try Self.render("| {{=@ @=}} |") == "|  |")
        #expect(try Self.render(" | {{=@ @=}}\n") == " | \n")
        #expect(try Self.render("|\r\n{{= @ @ =}}\r\n|") == "|\r\n|")
        #expect(try Self.render("=\n  {{=@ @=}}") == "=\n")
        #expect(try Self.render("|{{= @   @ =}}|") == "||")
    }

    @Test func partials() throws {
        let node = "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"
        #expect(try Self.render("{{>node}}", ["content": .text("X"), "nodes": Self.list([Self.hash(["content": .text("Y"), "nodes": Self.list([])])])], partials: ["node": node])
            == "X<Y<>>")
        #expect(try Self.render("\"{{>text}}\"") == "\"\"")
        #expect(try Self.render("| {{>partial}} |", partials: ["partial": "\t|\t"]) == "| \t|\t |")
        #expect(try Self.render("  {{data}}  {{> partial}}\n", ["data": .text("|")], partials: ["partial": ">\n>"]) == "  |  >\n>\n")
        #expect(try Self.render("|\r\n{{>partial}}\r\n|", partials: ["partial": ">"]) == "|\r\n>|")
        #expect(try Self.render("  {{>partial}}\n>", partials: ["partial": ">\n>"]) == "  >\n  >>")
        #expect(try Self.render(">\n  {{>partial}}", partials: ["partial": ">\n>"]) == ">\n  >\n  >")
        #expect(try Self.render("\\\n {{>partial}}\n/\n", ["content": .text("<\n->")], partials: ["partial": "|\n{{{content}}}\n|\n"]) == "\\\n |\n <\n->\n |\n/\n")
        #expect(try Self.render("|{{> partial }}|", partials: ["partial": "[]"]) == "|[]|")
    }
}
