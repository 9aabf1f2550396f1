import BulletinModel
import Foundation

/// Reads Microsoft's MSTIC IOC feed as published in the Azure-Sentinel repository for the March
/// 2021 Exchange attacks: a JSON list of objects with `DateAdded`, `FirstSeen`, `Indicator`,
/// `IndicatorType` (`sha256`, `filepath`, ...), `TLP`, `ThreatType` and `AdditionalMetadata`.
///
/// `AdditionalMetadata` is an object for hashes (`FileMd5`, `FileSha1`) but an empty string for
/// paths, and `FirstSeen` is empty for paths: both are accepted as the feed writes them. The CSV
/// form of the same feed has the columns `DateAdded,FirstSeen,Indicator,IndicatorType,TLP` (no
/// `ThreatType` nor metadata), and its JSON Lines form has one object per line; which form a file
/// is comes from its first character.
struct MSTICFeedReader {
    /// `IndicatorType` values (compared without case) and the observable each becomes.
    static let typeMap: [String: Observable.Kind] = [
        "sha256": .sha256, "sha1": .sha1, "md5": .md5,
        "filepath": .filePath, "filename": .fileName,
        "ipv4": .ipv4, "ip": .ipv4, "ipaddress": .ipv4, "ipv6": .ipv6,
        "domain": .domain, "domainname": .domain, "hostname": .domain,
        "url": .url,
    ]

    /// One feed row, as either form of the feed gives it.
    struct Row {
        var indicator: String
        var type: String
        var dateAdded: String?
        var firstSeen: String?
        var tlp: String?
        var threatType: String?
        /// `AdditionalMetadata` as `Key value` facts, sorted.
        var metadata: [String] = []
        var location: SourceLocation
        /// Where the `Indicator` value itself is, for a value that is not what its type says;
        /// worked out only then.
        var indicatorLocation: () -> SourceLocation
    }

    func read(_ file: String) -> IndicatorImport {
        let firstByte = FileManager.default.contents(atPath: file)?.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        switch firstByte {
        case UInt8(ascii: "{"): return readJSONLines(file)
        case UInt8(ascii: "["), nil: return readJSON(file)
        default: return readCSV(file)
        }
    }

    /// The JSON Lines form: one row object per line.
    private func readJSONLines(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .mstic, file: file, entryNoun: "JSON lines")
        let bytes = [UInt8](FileManager.default.contents(atPath: file) ?? Data())
        for (index, rawLine) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = Array(rawLine.last == 0x0D ? rawLine.dropLast() : rawLine)
            guard line.contains(where: { ![0x20, 0x09].contains($0) }) else { continue }
            result.entriesRead += 1
            guard let document = JSONDocument.decode(line, file: file, firstLine: index + 1, what: "the line", diagnostics: &result.diagnostics) else {
                result.skipped["malformed", default: 0] += 1
                continue
            }
            readRow(document.root, path: [], document: document, location: document.location([]), into: &result)
        }
        return result
    }

    /// The CSV form: columns found by name, each row located.
    private func readCSV(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .mstic, file: file, entryNoun: "CSV rows")
        let table = CSVReader(file: file).readFile()
        result.diagnostics += table.diagnostics
        let malformedRecords = table.diagnostics.filter { $0.severity == .error && $0.id != "csv.missing-header" && $0.id != "csv.unreadable" && $0.id != "csv.encoding" }.count
        result.entriesRead += malformedRecords
        result.skipped["malformed", default: 0] += malformedRecords
        let missing = table.missingColumns(["Indicator", "IndicatorType"], what: "MSTIC IOC feed")
        guard missing.isEmpty else {
            result.diagnostics += missing
            return result
        }
        for row in table.rows {
            result.entriesRead += 1
            place(Row(
                indicator: row["Indicator"] ?? "", type: row.value("IndicatorType") ?? "", dateAdded: row.value("DateAdded"),
                firstSeen: row.value("FirstSeen"), tlp: row.value("TLP"), threatType: row.value("ThreatType"),
                location: SourceLocation(file: file, line: row.line, column: 1), indicatorLocation: { row.location(of: "Indicator", in: file) }),
                into: &result)
        }
        return result
    }

    /// The JSON form: a list of objects.
    private func readJSON(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .mstic, file: file, entryNoun: "rows")
        guard let document = JSONDocument.read(file, diagnostics: &result.diagnostics) else { return result }
        guard let rows = document.root.array else {
            result.diagnostics.append(.error(
                "not an MSTIC feed: expected a JSON list of objects with \"Indicator\" and \"IndicatorType\"",
                id: "import.shape", at: document.location([])))
            return result
        }
        let locations = document.elementLocations([])
        for (index, object) in rows.enumerated() {
            result.entriesRead += 1
            let location = index < locations.count ? locations[index] : document.location([.index(index)])
            readRow(object, path: [.index(index)], document: document, location: location, into: &result)
        }
        return result
    }

    /// Reads one row object at `path` of `document`.
    private func readRow(_ object: FeedValue, path: [JSONPathComponent], document: JSONDocument, location: SourceLocation, into result: inout IndicatorImport) {
        guard object.object != nil else {
            result.malformed("row must be an object, not \(object.kind)", at: location)
            return
        }
        guard let indicator = object["Indicator"]?.string, let type = object["IndicatorType"]?.string else {
            result.malformed("row has no 'Indicator' or no 'IndicatorType' text; every MSTIC row names both", at: location)
            return
        }
        var metadata: [String] = []
        switch object["AdditionalMetadata"] {
        case .object(let fields)?:
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                guard let text = value.string else {
                    result.malformed("'AdditionalMetadata.\(key.inert)' must be text, not \(value.kind)", at: document.location(path + [.key("AdditionalMetadata"), .key(key)]))
                    return
                }
                if !text.isEmpty { metadata.append("\(key) \(ProvenanceText.code(text))") }
            }
        case .string(let text)?:
            // The feed writes an empty string where a row has no metadata (every file path).
            if !text.isEmpty { metadata.append(ProvenanceText.code(text)) }
        case nil, .null?:
            break
        case let other?:
            result.malformed("'AdditionalMetadata' must be an object or a string, not \(other.kind)", at: document.location(path + [.key("AdditionalMetadata")]))
            return
        }
        place(Row(
            indicator: indicator, type: type, dateAdded: object["DateAdded"]?.string, firstSeen: object["FirstSeen"]?.string,
            tlp: object["TLP"]?.string, threatType: object["ThreatType"]?.string, metadata: metadata,
            location: location, indicatorLocation: { document.location(path + [.key("Indicator")]) }), into: &result)
    }

    /// Turns one row into an imported indicator, or records why it cannot be one.
    func place(_ row: Row, into result: inout IndicatorImport) {
        guard var kind = Self.typeMap[row.type.lowercased()] else {
            result.skip("IndicatorType \(row.type)", detail: "IndicatorType '\(row.type.inert)' names nothing a bulletin.scan/1 observation carries", at: row.location)
            return
        }
        if kind == .ipv4, row.indicator.contains(":") { kind = .ipv6 }
        let observable: Observable
        switch Observable.make(kind, row.indicator) {
        case .success(let made): observable = made
        case .failure(let problem):
            result.malformed("\(problem.message), as IndicatorType '\(row.type.inert)' says", at: row.indicatorLocation())
            return
        }
        var facts = [row.type]
        if let added = row.dateAdded, !added.isEmpty { facts.append("added \(added)") }
        if let seen = row.firstSeen, !seen.isEmpty { facts.append("first seen \(seen)") }
        if let tlp = row.tlp, !tlp.isEmpty { facts.append("TLP:" + tlp.uppercased()) }
        if let threat = row.threatType, !threat.isEmpty { facts.append("threat type \(ProvenanceText.code(threat))") }
        facts += row.metadata
        result.indicators.append(ImportedIndicator(
            pattern: observable.pattern, title: observable.title, verdict: observable.verdict, confidence: observable.confidence,
            provenance: ["MSTIC IOC feed \(ProvenanceText.code(ProvenanceText.fileName(result.file))): " + facts.joined(separator: ", ")],
            location: row.location, idStem: observable.idStem))
    }
}
