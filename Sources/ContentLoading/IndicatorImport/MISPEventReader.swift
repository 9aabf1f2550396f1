import BulletinModel

/// Reads a MISP event exported as JSON (`{"Event": {...}}`, or the API's `{"response": [...]}`):
/// every attribute of `Event.Attribute` and of `Event.Object[].Attribute`. Attributes with
/// `to_ids: true` are indicators; those with `to_ids: false` are context (MISP's own distinction:
/// not for detection) and are counted, as are deleted attributes and types that no bulletin
/// observation carries.
struct MISPEventReader {
    /// MISP attribute types and the observable each becomes. Composite types (`filename|sha256`)
    /// keep their second part, the exact one; the first goes into provenance.
    static let typeMap: [String: Observable.Kind] = [
        "md5": .md5, "sha1": .sha1, "sha256": .sha256,
        "filename|md5": .md5, "filename|sha1": .sha1, "filename|sha256": .sha256,
        "filename": .fileName,
        "ip-src": .ipv4, "ip-dst": .ipv4, "ip-src|port": .ipv4, "ip-dst|port": .ipv4,
        "domain": .domain, "hostname": .domain, "domain|ip": .domain,
        "url": .url, "uri": .url,
        "user-agent": .userAgent,
    ]

    func read(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .misp, file: file, entryNoun: "attributes")
        guard let document = JSONDocument.read(file, diagnostics: &result.diagnostics) else { return result }
        let eventPaths: [[JSONPathComponent]]
        if document.root["Event"] != nil {
            eventPaths = [[.key("Event")]]
        } else if let response = document.root["response"]?.array {
            eventPaths = response.indices.map { [.key("response"), .index($0), .key("Event")] }
        } else {
            result.diagnostics.append(.error(
                "not a MISP event: expected an object with \"Event\" (MISP's JSON export) or \"response\" (its API)",
                id: "import.shape", at: document.location([])))
            return result
        }
        for path in eventPaths {
            guard let event = value(at: path, in: document.root), event.object != nil else {
                result.diagnostics.append(.error("'Event' must be an object", id: "import.shape", at: document.location(path)))
                continue
            }
            readEvent(event, path: path, document: document, into: &result)
        }
        return result
    }

    private func readEvent(_ event: FeedValue, path: [JSONPathComponent], document: JSONDocument, into result: inout IndicatorImport) {
        var facts: [String] = []
        if let uuid = event["uuid"]?.string { facts.append(uuid) }
        if let info = event["info"]?.string { facts.append(ProvenanceText.code(info)) }
        if let date = event["date"]?.string { facts.append(date) }
        if let org = event["Orgc"]?["name"]?.string { facts.append("by " + ProvenanceText.code(org)) }
        facts += Self.tlp(event["Tag"])
        let eventText = "MISP event \(ProvenanceText.code(ProvenanceText.fileName(document.file))) " + facts.joined(separator: ", ")
        readAttributes(event["Attribute"], path: path + [.key("Attribute")], context: eventText, document: document, into: &result)
        for (index, object) in (event["Object"]?.array ?? []).enumerated() {
            let objectPath = path + [.key("Object"), .index(index)]
            let name = object["name"]?.string ?? "object"
            let objectText = eventText + "; object \(ProvenanceText.code(name))" + (object["uuid"]?.string.map { " \($0)" } ?? "")
            readAttributes(object["Attribute"], path: objectPath + [.key("Attribute")], context: objectText, document: document, into: &result)
        }
    }

    private func readAttributes(_ list: FeedValue?, path: [JSONPathComponent], context: String, document: JSONDocument, into result: inout IndicatorImport) {
        guard let list else { return }
        guard let attributes = list.array else {
            result.diagnostics.append(.error("'Attribute' must be a list, not \(list.kind)", id: "import.shape", at: document.location(path)))
            return
        }
        let locations = document.elementLocations(path)
        for (index, attribute) in attributes.enumerated() {
            result.entriesRead += 1
            let location = index < locations.count ? locations[index] : document.location(path + [.index(index)])
            guard let type = attribute["type"]?.string, let value = attribute["value"]?.string else {
                result.malformed("attribute has no 'type' or no 'value' text; MISP attributes need both", at: location)
                continue
            }
            let uuid = attribute["uuid"]?.string ?? "#\(index + 1)"
            if attribute["deleted"] == .bool(true) {
                result.skip("deleted", detail: "attribute \(uuid.inert) is marked deleted", at: location)
                continue
            }
            switch Self.flag(attribute["to_ids"]) {
            case nil:
                result.malformed("'to_ids' of attribute \(uuid.inert) must be true or false", at: document.location(path + [.index(index), .key("to_ids")]))
                continue
            case false?:
                result.skip("to_ids false (context)", detail: "attribute \(uuid.inert) (\(type.inert)) has to_ids false: MISP marks it as context, not for detection", at: location, severity: .note)
                continue
            case true?:
                break
            }
            guard let kind = Self.typeMap[type] else {
                result.skip("MISP type \(type)", detail: "attribute \(uuid.inert) has type '\(type.inert)', which no bulletin.scan/1 observation carries", at: location)
                continue
            }
            let parts = type.contains("|") ? value.split(separator: "|", maxSplits: 1).map(String.init) : [value]
            guard parts.count == (type.contains("|") ? 2 : 1) else {
                result.malformed("attribute \(uuid.inert) of type '\(type)' needs a value written 'first|second', not '\(value.inert)'", at: document.location(path + [.index(index), .key("value")]))
                continue
            }
            let main = type.hasPrefix("filename|") ? parts[1] : parts[0]
            // A MISP `filename` often holds a whole path; compare it as one.
            var effectiveKind = kind == .fileName && (main.contains("\\") || main.contains("/")) ? .filePath : kind
            if kind == .ipv4, main.contains(":") { effectiveKind = .ipv6 }
            let observable: Observable
            switch Observable.make(effectiveKind, main) {
            case .success(let made): observable = made
            case .failure(let problem):
                result.malformed("attribute \(uuid.inert): \(problem.message)", at: document.location(path + [.index(index), .key("value")]))
                continue
            }
            var facts = ["attribute \(uuid) (\(type)"]
            if let category = attribute["category"]?.string { facts[0] += ", \(category)" }
            facts[0] += ")"
            if parts.count == 2 { facts.append(ProvenanceText.code(type.hasPrefix("filename|") ? parts[0] : parts[1])) }
            if let seen = attribute["first_seen"]?.string { facts.append("first seen \(seen)") }
            if let comment = attribute["comment"]?.string, !comment.isEmpty { facts.append(ProvenanceText.code(comment)) }
            facts += Self.tlp(attribute["Tag"])
            result.indicators.append(ImportedIndicator(
                pattern: observable.pattern, title: observable.title, verdict: observable.verdict, confidence: observable.confidence,
                provenance: [context + ": " + facts.joined(separator: ", ")], location: location, idStem: observable.idStem))
        }
    }

    /// MISP writes `to_ids` as a boolean, older versions as "1" or "0".
    private static func flag(_ value: FeedValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: flag
        case .string("1")?, .number("1")?: true
        case .string("0")?, .number("0")?, nil: false
        default: nil
        }
    }

    /// The TLP tags (`tlp:white`) of a tag list, as `TLP:WHITE`.
    private static func tlp(_ tags: FeedValue?) -> [String] {
        (tags?.array ?? []).compactMap { $0["name"]?.string }.filter { $0.lowercased().hasPrefix("tlp:") }.map { $0.uppercased() }.sorted()
    }

    private func value(at path: [JSONPathComponent], in root: FeedValue) -> FeedValue? {
        var current: FeedValue? = root
        for step in path {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?.array.flatMap { index < $0.count ? $0[index] : nil }
            }
        }
        return current
    }
}
