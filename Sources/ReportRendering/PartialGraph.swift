import BulletinModel

/// Which templates include which partials, to refuse a cycle when the set is compiled. Names
/// missing from a context are looked up in the enclosing ones, so a section that opened once opens
/// again at every level of the same inclusion: a template that includes itself, directly or
/// through others, would never stop rendering.
struct PartialGraph {
    struct Tag {
        var partial: String
        var location: SourceLocation
    }

    /// The partial tags of each template, in the template's order.
    var tags: [String: [Tag]] = [:]

    /// One error per cycle, at the tag that closes it.
    func cycles() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // `false` while a template's partials are being followed, `true` once they all were.
        var finished: [String: Bool] = [:]
        var path: [String] = []
        func follow(_ name: String) {
            finished[name] = false
            path.append(name)
            for tag in tags[name] ?? [] {
                switch finished[tag.partial] {
                case false?:
                    let cycle = path[(path.lastIndex(of: tag.partial) ?? 0)...] + [tag.partial]
                    diagnostics.append(.error(
                        "the partials include each other in a cycle (\(cycle.joined(separator: " > "))), which would never stop rendering",
                        id: "template.syntax", at: tag.location))
                case nil:
                    follow(tag.partial)
                case true?:
                    break
                }
            }
            path.removeLast()
            finished[name] = true
        }
        for name in tags.keys.sorted() where finished[name] == nil {
            follow(name)
        }
        return diagnostics
    }
}
