/// The object types a pattern may name: the STIX 2.1 Cyber-observable Objects, plus custom types
/// whose names start with `x-` (the scan format's own types, such as `x-log-line`, live there).
///
/// Checking types at parse time turns a typo such as `fle:name` into an error at the type, with a
/// suggestion, instead of an indicator that silently never matches.
public enum ObjectTypeCatalog {
    /// The Cyber-observable Object types defined by STIX 2.1, sorted.
    public static let standardTypes: [String] = [
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
        "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
        "user-account", "windows-registry-key", "x509-certificate",
    ]

    /// What the catalog makes of a type name.
    public enum Verdict: Hashable, Sendable {
        /// A STIX 2.1 type or a well-formed custom type.
        case known
        /// Starts with `x-` but has upper-case or other characters type names cannot have, or nothing after `x-`.
        case malformedCustom
        /// Neither; `suggestion` is the closest standard type, if one is close enough to be a typo.
        case unknown(suggestion: String?)
    }

    /// Classifies `name`.
    public static func verdict(for name: String) -> Verdict {
        if standardTypes.contains(name) { return .known }
        if name.hasPrefix("x-") {
            // STIX 2.1 type names are lower-case ASCII letters, digits and hyphens, 3 to 250 characters.
            // Underscores are allowed too, as the grammar does, so that a scanner's own type such as
            // `web_log` stays addressable as `x-web_log`. Upper case is refused: matching is
            // case-sensitive, so `x-Log-Line` would silently never match.
            let allowed = name.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
            }
            return allowed && (3...250).contains(name.utf8.count) ? .known : .malformedCustom
        }
        return .unknown(suggestion: suggestion(for: name))
    }

    /// The standard type `name` was most likely meant to be: the nearest by edit distance (ignoring
    /// case), or the only type that `name` is the first word of (`domain` for `domain-name`).
    static func suggestion(for name: String) -> String? {
        let typed = Array(name.lowercased().utf8)
        // Allow about one slip per three characters, and at least one, so `fle` finds `file` but
        // `foo` does not.
        let tolerance = max(1, min(3, typed.count / 3))
        let nearest = standardTypes
            .map { (type: $0, distance: editDistance(typed, Array($0.utf8))) }
            .filter { $0.distance <= tolerance }
            .min { ($0.distance, $0.type) < ($1.distance, $1.type) }
        if let nearest { return nearest.type }
        let extensions = standardTypes.filter { $0.hasPrefix(name.lowercased() + "-") }
        return extensions.count == 1 ? extensions[0] : nil
    }

    /// The Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func editDistance(_ source: [UInt8], _ target: [UInt8]) -> Int {
        var previous = Array(0...target.count)
        var current = previous
        for (i, sourceByte) in source.enumerated() {
            current[0] = i + 1
            for (j, targetByte) in target.enumerated() {
                let substitution = previous[j] + (sourceByte == targetByte ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }
}
