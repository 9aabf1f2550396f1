import BulletinModel
import Synchronization

/// The HTML of a remediation step filled with one host's facts, without running CommonMark for
/// every step of every host when the result is known beforehand.
///
/// libcmark took about 250,000 instructions per step and host, a tenth of rendering a report.
/// Yet most hosts' facts are plain words: `mail01.example.org`, `15.2.792.3`, `Exchange Server
/// 2019`. A step's body is therefore rendered once with every placeholder replaced by a sentinel
/// word, and a host whose values are all plain gets that HTML with the sentinels replaced by its
/// values. That is what rendering the filled Markdown gives when each value is plain: ASCII
/// letters, digits, `.`, `-`, `_` and single spaces, starting and ending with a letter or digit,
/// no two of the others side by side. Such a value needs no escape in Markdown or HTML, cannot
/// open or close emphasis (its edges are alphanumeric, like the sentinel's), and smart
/// punctuation leaves it alone.
///
/// Where a value sits can still matter (`<{{host}}>` is a tag for `x1` and text for `1.x`; `1`
/// before `. next` starts a list; a space breaks a link destination). So a body's template is
/// used only after it has given CommonMark's own HTML for plain values of every shape (digit
/// first, all digits, with dots, dashes, underscores; with spaces separately), and only if no
/// placeholder follows `&` (an entity could form) and the body defines no link reference (a
/// value could match its label). Otherwise, or for a host with any other value, the filled
/// Markdown goes through CommonMark. `RemediationHTMLTests` compares both ways on the shipped
/// steps and on bodies built to break it.
enum RemediationHTML {
    /// The step's Markdown filled with `values` (as `RemediationPlanner.fill` fills it), as HTML.
    static func render(body: String, filled markdown: String, values: [String: String], planner: RemediationPlanner) -> String {
        guard let template = template(for: body, planner: planner) else { return CommonMarkHTML.render(markdown) }
        var withSpace = false
        for name in template.names {
            guard let value = values[name], let plain = Plainness(value) else { return CommonMarkHTML.render(markdown) }
            withSpace = withSpace || plain == .withSpace
        }
        if withSpace && !template.spaceInsensitive { return CommonMarkHTML.render(markdown) }
        var html = ""
        html.reserveCapacity(template.length + 256)
        for segment in template.segments {
            switch segment {
            case .text(let text): html += text
            case .value(let name): html += values[name] ?? ""
            }
        }
        return html
    }

    /// Whether a value can stand in for a sentinel.
    enum Plainness {
        case word, withSpace

        init?(_ value: String) {
            var sawSpace = false
            var previous: UInt8 = 0
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
                case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " "):
                    // Never first, never doubled, never next to another of these.
                    guard Self.isAlphanumeric(previous) else { return nil }
                    sawSpace = sawSpace || byte == UInt8(ascii: " ")
                default: return nil
                }
                previous = byte
            }
            guard Self.isAlphanumeric(previous) else { return nil }
            self = sawSpace ? .withSpace : .word
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// A body's HTML cut at its placeholders.
    struct Template: Sendable {
        enum Segment: Equatable, Sendable {
            case text(String)
            case value(String)
        }

        var segments: [Segment]
        /// The placeholders it fills.
        var names: Set<String>
        /// Whether a value with spaces renders as one without.
        var spaceInsensitive: Bool
        var length: Int
    }

    /// Templates by step body (`nil`: render per host). Advisories are few and fixed for a build,
    /// so the cache stays small; workers share it.
    private static let cache = Mutex<[Body: Template?]>([:])

    /// A step body as a cache key, hashed by its length only: hashing the whole text cost 9,000
    /// instructions per step and host, while the few bodies of a build nearly always differ in
    /// length, and comparing the same body (one string, shared by every host) is immediate.
    private struct Body: Hashable {
        let text: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(text.utf8.count)
        }
    }

    static func template(for body: String, planner: RemediationPlanner) -> Template? {
        if let known = cache.withLock({ $0[Body(text: body)] }) { return known }
        let made = makeTemplate(for: body, planner: planner)
        cache.withLock { $0[Body(text: body)] = made }
        return made
    }

    private static let sentinelStart = "zqzbulletin"
    private static let sentinelEnd = "zqz"

    private static func makeTemplate(for body: String, planner: RemediationPlanner) -> Template? {
        let names = RemediationStep.placeholders
        let definesReferences = body.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.first == "[" && trimmed.contains("]:")
        }
        guard !definesReferences else { return nil }
        let sentinels = Dictionary(uniqueKeysWithValues: names.enumerated().map { index, name in (name, sentinelStart + String(index) + sentinelEnd) })
        let markdown = planner.fill(body, with: sentinels)
        let filled = markdown.components(separatedBy: sentinelStart)
        // A placeholder right after `&` could make an entity with a value.
        guard !filled.dropLast().contains(where: { $0.suffix(3).contains("&") }) else { return nil }
        var pieces = CommonMarkHTML.render(markdown).components(separatedBy: sentinelStart)
        guard pieces.count == filled.count else { return nil }
        var word: [Template.Segment] = [.text(pieces.removeFirst())]
        for piece in pieces {
            let digits = piece.prefix { $0.isASCII && $0.isNumber }
            let rest = piece.dropFirst(digits.count)
            guard let index = Int(digits), names.indices.contains(index), rest.hasPrefix(sentinelEnd) else { return nil }
            word.append(.value(names[index]))
            word.append(.text(String(rest.dropFirst(sentinelEnd.count))))
        }
        // The cut must give CommonMark's HTML for plain values of every shape, not only for the
        // sentinel: a digit first makes `<1x>` text where `<x1>` is a tag, all digits make
        // `1. next` a list, a dot makes `<a.b>` text.
        func holds(for shapes: [String]) -> Bool {
            shapes.allSatisfy { shape in
                let values = Dictionary(uniqueKeysWithValues: names.enumerated().map { index, name in
                    (name, shape.replacingOccurrences(of: "#", with: String(index)))
                })
                let expected = CommonMarkHTML.render(planner.fill(body, with: values))
                return expected == word.reduce(into: "") { html, segment in
                    switch segment {
                    case .text(let text): html += text
                    case .value(let name): html += values[name] ?? ""
                    }
                }
            }
        }
        guard holds(for: ["#", "a#", "Q#x", "x.y-#_z", "#.q", "9-#", "z_#"]) else { return nil }
        let used = Set(word.compactMap { if case .value(let name) = $0 { name } else { nil } })
        return Template(
            segments: word, names: used, spaceInsensitive: holds(for: ["a #", "x.y #-z", "# 2", "Q_# b.c"]),
            length: word.reduce(0) { if case .text(let text) = $1 { $0 + text.utf8.count } else { $0 } })
    }
}
