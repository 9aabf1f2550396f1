import BulletinModel

/// Reads a STIX 2.1 bundle: each `indicator` with `pattern_type: stix` becomes an imported
/// indicator whose pattern is taken as written (the engine checks it, and a pattern it refuses is
/// an error at the pattern in the bundle). Indicators in another pattern language, revoked ones
/// and expired ones are counted and reported, never dropped silently.
struct STIXBundleReader {
    /// The instant at which `valid_until` is judged: the import's date, not the wall clock, so that
    /// an import can be repeated with the same result.
    let now: Instant

    /// The well-known TLP 1.0 marking definitions of STIX 2.1 (section 7.2.1.4).
    static let tlpMarkings: [String: String] = [
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "TLP:WHITE",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "TLP:GREEN",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "TLP:AMBER",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "TLP:RED",
    ]

    func read(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .stix, file: file, entryNoun: "indicator objects")
        guard let document = JSONDocument.read(file, diagnostics: &result.diagnostics) else { return result }
        guard document.root["type"]?.string == "bundle", let objects = document.root["objects"]?.array else {
            result.diagnostics.append(.error(
                "not a STIX bundle: expected an object with \"type\": \"bundle\" and an \"objects\" list; for MISP or MSTIC files pass --format misp or --format mstic",
                id: "import.shape", at: document.location([])))
            return result
        }
        let offsets = document.elementOffsets([.key("objects")])
        let locations = document.elementLocations([.key("objects")])
        let markings = markingNames(objects)
        let indicates = Self.indicatedNames(objects)
        let isSTIX20 = document.root["spec_version"]?.string == "2.0"
        let source = ProvenanceText.code(ProvenanceText.fileName(file))
        for (index, object) in objects.enumerated() {
            let location = index < locations.count ? locations[index] : document.location([.key("objects"), .index(index)])
            let type = object["type"]?.string ?? "(no type)"
            guard type == "indicator" else {
                result.otherContent[type, default: 0] += 1
                continue
            }
            result.entriesRead += 1
            let id = object["id"]?.string ?? "indicator #\(index + 1)"
            guard case .string(let pattern)? = object["pattern"] else {
                result.malformed("indicator \(id.inert) has no 'pattern' text; every STIX indicator needs one", at: location)
                continue
            }
            let patternType = object["pattern_type"]?.string ?? (isSTIX20 ? "stix" : nil)
            guard let patternType else {
                result.malformed("indicator \(id.inert) has no 'pattern_type'; STIX 2.1 requires it (write \"pattern_type\": \"stix\")", at: location)
                continue
            }
            guard patternType == "stix" else {
                result.skip("pattern type \(patternType)", detail: "indicator \(id.inert) is written in '\(patternType.inert)', not in the STIX pattern language bulletin runs", at: location)
                continue
            }
            if object["revoked"] == .bool(true) {
                result.skip("revoked", detail: "indicator \(id.inert) is revoked by its producer", at: location)
                continue
            }
            if let until = object["valid_until"]?.string {
                guard let instant = Instant(rfc3339: until) else {
                    result.malformed("'valid_until' of indicator \(id.inert) is '\(until.inert)', not a STIX timestamp such as 2021-06-01T00:00:00Z", at: document.location([.key("valid_until")], inElement: index, of: [.key("objects")], offsets: offsets))
                    continue
                }
                if instant <= now {
                    result.skip("expired", detail: "indicator \(id.inert) expired at \(instant) (valid_until), before the import date \(now.date)", at: location)
                    continue
                }
            }
            let indicatorTypes = object["indicator_types"]?.array?.compactMap(\.string) ?? object["labels"]?.array?.compactMap(\.string) ?? []
            if indicatorTypes.contains("benign") {
                result.skip("benign", detail: "indicator \(id.inert) is marked benign (an allow-list entry, not a sign of compromise)", at: location)
                continue
            }
            let patternLocation = document.location([.key("pattern")], inElement: index, of: [.key("objects")], offsets: offsets)
            // The pattern text starts one column after the opening quote; exact up to its first escape.
            let origin = TextOrigin(file: file, lineStarts: [TextOrigin.Position(line: patternLocation.line, column: patternLocation.column + 1)])
            var facts = ["\(id)"]
            if let name = object["name"]?.string { facts.append(ProvenanceText.code(name)) }
            if let from = object["valid_from"]?.string { facts.append("valid from \(from)") }
            if let until = object["valid_until"]?.string { facts.append("until \(until)") }
            if !indicatorTypes.isEmpty { facts.append("types " + indicatorTypes.sorted().joined(separator: ", ")) }
            let tlp = (object["object_marking_refs"]?.array ?? []).compactMap { $0.string.flatMap { markings[$0] } }.sorted()
            facts.append(contentsOf: tlp)
            let confidence = object["confidence"].flatMap { value -> Int? in if case .number(let text) = value { Int(text) } else { nil } }
            if let confidence { facts.append("confidence \(confidence)") }
            let paths = Self.objectPaths(in: pattern)
            let types = Set(paths.map { String($0.prefix { $0 != ":" }) })
            if !types.isEmpty, types.isSubset(of: Self.absentTypes) {
                result.skip(
                    "no observation carries " + types.sorted().joined(separator: ", "),
                    detail: "indicator \(id.inert) compares only \(types.sorted().map { "'\($0)'" }.joined(separator: ", ")) objects, which no bulletin.scan/1 observation presents, so it could never match",
                    at: location)
                continue
            }
            if let targets = indicates[id] { facts.append("indicates " + targets.map { ProvenanceText.code($0) }.joined(separator: ", ")) }
            let hashesOnly = paths.allSatisfy { $0.hasPrefix("file:hashes.") }
            result.indicators.append(ImportedIndicator(
                pattern: pattern, patternOrigin: origin,
                title: object["name"]?.string ?? "STIX indicator \(id)",
                verdict: indicatorTypes.contains("compromised") || hashesOnly ? .compromised : .suspicious,
                confidence: Self.confidence(confidence, hashesOnly: hashesOnly),
                provenance: ["STIX 2.1 bundle \(source): " + facts.joined(separator: ", ")],
                location: location, refusal: .error, idStem: "STIX"))
        }
        return result
    }

    /// The STIX 2.1 object types that no observation view presents (docs/scan-format.md): an
    /// indicator that compares only these can never match. Unknown type names are left to the
    /// engine, which reports them as errors with a suggestion.
    static let absentTypes: Set<String> = [
        "artifact", "autonomous-system", "domain-name", "email-addr", "email-message", "mac-addr", "mutex", "url",
        "user-account", "windows-registry-key", "x509-certificate",
    ]

    /// For each indicator id, the names of what it `indicates` (malware, tools, campaigns) by the
    /// bundle's relationships, sorted.
    static func indicatedNames(_ objects: [FeedValue]) -> [String: [String]] {
        var names: [String: String] = [:]
        for object in objects {
            if let id = object["id"]?.string, let name = object["name"]?.string { names[id] = name }
        }
        var result: [String: [String]] = [:]
        for object in objects where object["type"]?.string == "relationship" && object["relationship_type"]?.string == "indicates" {
            guard let source = object["source_ref"]?.string, let target = object["target_ref"]?.string, let name = names[target] else { continue }
            result[source, default: []].append(name)
        }
        return result.mapValues { $0.sorted() }
    }

    /// STIX's 0–100 confidence in our three steps; without one, exact hashes are high and
    /// anything else medium.
    static func confidence(_ value: Int?, hashesOnly: Bool) -> Finding.Confidence {
        guard let value else { return hashesOnly ? .high : .medium }
        return value >= 70 ? .high : value >= 30 ? .medium : .low
    }

    /// The object paths a pattern compares (`file:hashes.'SHA-256'`), found by skipping string
    /// literals: enough to tell a hash-only pattern, which the engine checks properly later.
    static func objectPaths(in pattern: String) -> [String] {
        var paths: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        func flush() {
            // A path is `type:property...`; a timestamp literal t'2021-03-01T00:00:00Z' has a quote
            // before its first colon.
            if let colon = current.firstIndex(of: ":"), !current[..<colon].contains("'"), current.first?.isLetter == true {
                paths.append(current)
            }
            current = ""
        }
        for character in pattern {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "'" { inString = false }
                if !current.isEmpty { current.append(character) }
            } else if character == "'" {
                inString = true
                if !current.isEmpty { current.append(character) }
            } else if character.isLetter || character.isNumber || "-_:.*".contains(character) || (character == "[" || character == "]") && !current.isEmpty {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return paths
    }

    /// The names of marking definitions: the well-known TLP ones, and those the bundle defines.
    private func markingNames(_ objects: [FeedValue]) -> [String: String] {
        var names = Self.tlpMarkings
        for object in objects where object["type"]?.string == "marking-definition" {
            guard let id = object["id"]?.string else { continue }
            if let name = object["name"]?.string {
                names[id] = name
            } else if let tlp = object["definition"]?["tlp"]?.string {
                names[id] = "TLP:" + tlp.uppercased()
            }
        }
        return names
    }
}
