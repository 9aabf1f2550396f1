import BulletinModel
import Foundation

/// Any JSON object key, for reading objects whose keys we check ourselves.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Reads the fields of one JSON object, recording every problem (missing required field, wrong
/// type, unknown key) instead of stopping at the first, so that one run reports them all.
struct ObjectReader {
    private let container: KeyedDecodingContainer<AnyKey>
    /// Where the object is in its document.
    let path: [JSONPathComponent]
    /// The object's role in messages: `host`, `organisation`, `file observation`.
    let role: String
    private var known: Set<String> = []

    /// Opens `decoder`'s value as an object, or records why it is not one.
    init?(_ decoder: any Decoder, path: [JSONPathComponent], role: String, problems: inout [ScanProblem]) {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
            problems.append(ScanProblem(severity: .error, path: path, summary: "\(role) must be a JSON object", id: "scan.type-mismatch"))
            return nil
        }
        self.container = container
        self.path = path
        self.role = role
    }

    /// Whether the object has `key` at all (null counts as present).
    func has(_ key: String) -> Bool { container.contains(AnyKey(key)) }

    /// A string field; records a problem if it has another type, or is missing and `required`.
    mutating func string(_ key: String, required: Bool = false, problems: inout [ScanProblem]) -> String? {
        read(key, as: String.self, kind: "a string", required: required, problems: &problems)
    }

    /// An integer field.
    mutating func int(_ key: String, required: Bool = false, problems: inout [ScanProblem]) -> Int? {
        read(key, as: Int.self, kind: "an integer", required: required, problems: &problems)
    }

    /// A list of strings.
    mutating func strings(_ key: String, problems: inout [ScanProblem]) -> [String] {
        read(key, as: [String].self, kind: "a list of strings", required: false, problems: &problems) ?? []
    }

    /// An object whose values are strings (numbers and booleans are accepted and kept as written,
    /// since log columns are often typed by the exporting tool).
    mutating func stringMap(_ key: String, problems: inout [ScanProblem]) -> [String: String] {
        known.insert(key)
        guard container.contains(AnyKey(key)), let nested = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(key)) else {
            if container.contains(AnyKey(key)), (try? container.decodeNil(forKey: AnyKey(key))) != true {
                problems.append(ScanProblem(severity: .error, path: path + [.key(key)], summary: "'\(key)' of \(role) must be an object of strings", id: "scan.type-mismatch"))
            }
            return [:]
        }
        var result: [String: String] = [:]
        for field in nested.allKeys {
            if let text = try? nested.decode(String.self, forKey: field) {
                result[field.stringValue] = text
            } else if let number = try? nested.decode(Int.self, forKey: field) {
                result[field.stringValue] = String(number)
            } else if let flag = try? nested.decode(Bool.self, forKey: field) {
                result[field.stringValue] = String(flag)
            } else if (try? nested.decodeNil(forKey: field)) != true {
                problems.append(ScanProblem(severity: .error, path: path + [.key(key), .key(field.stringValue)], summary: "'\(key).\(field.stringValue)' of \(role) must be a string", id: "scan.type-mismatch"))
            }
        }
        return result
    }

    /// An object whose values are numbers.
    mutating func numberMap(_ key: String, problems: inout [ScanProblem]) -> [String: Double] {
        read(key, as: [String: Double].self, kind: "an object of numbers", required: false, problems: &problems) ?? [:]
    }

    /// A nested decoder for `key`'s value, for objects and arrays the caller reads itself.
    mutating func nested(_ key: String, required: Bool = false, problems: inout [ScanProblem]) -> (any Decoder)? {
        known.insert(key)
        guard container.contains(AnyKey(key)), (try? container.decodeNil(forKey: AnyKey(key))) != true else {
            if required { missing(key, problems: &problems) }
            return nil
        }
        return try? container.superDecoder(forKey: AnyKey(key))
    }

    /// Reads `key` as an array, giving each element's decoder and path to `body`.
    mutating func array(_ key: String, required: Bool = false, problems: inout [ScanProblem], _ body: (any Decoder, [JSONPathComponent], inout [ScanProblem]) -> Void) {
        known.insert(key)
        guard container.contains(AnyKey(key)), (try? container.decodeNil(forKey: AnyKey(key))) != true else {
            if required { missing(key, problems: &problems) }
            return
        }
        guard var elements = try? container.nestedUnkeyedContainer(forKey: AnyKey(key)) else {
            problems.append(ScanProblem(severity: .error, path: path + [.key(key)], summary: "'\(key)' of \(role) must be a list", id: "scan.type-mismatch"))
            return
        }
        var index = 0
        while !elements.isAtEnd {
            guard let element = try? elements.superDecoder() else { break }
            body(element, path + [.key(key), .index(index)], &problems)
            index += 1
        }
    }

    /// Every field not read yet whose value is a string, number or boolean, as text: how an
    /// observation of a type this version does not know keeps its data.
    mutating func remainingScalars() -> [String: String] {
        var result: [String: String] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            if let text = try? container.decode(String.self, forKey: key) {
                result[key.stringValue] = text
            } else if let number = try? container.decode(Int.self, forKey: key) {
                result[key.stringValue] = String(number)
            } else if let number = try? container.decode(Double.self, forKey: key) {
                result[key.stringValue] = String(number)
            } else if let flag = try? container.decode(Bool.self, forKey: key) {
                result[key.stringValue] = String(flag)
            }
            known.insert(key.stringValue)
        }
        return result
    }

    /// Marks keys as read without reading them (`format`, `type`, read elsewhere).
    mutating func accept(_ keys: String...) {
        known.formUnion(keys)
    }

    /// Records a warning for each key nobody read: kept out of reports, reported once per run.
    func reportUnknownKeys(problems: inout [ScanProblem]) {
        for key in container.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
            problems.append(ScanProblem(
                severity: .warning, path: path + [.key(key)],
                summary: "unknown key '\(key)' in \(role) is ignored (it may come from a newer scan format)",
                id: "scan.unknown-key", onceKey: "\(role).\(key)"))
        }
    }

    private mutating func read<T: Decodable>(_ key: String, as type: T.Type, kind: String, required: Bool, problems: inout [ScanProblem]) -> T? {
        known.insert(key)
        let codingKey = AnyKey(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) != true else {
            if required { missing(key, problems: &problems) }
            return nil
        }
        do {
            return try container.decode(T.self, forKey: codingKey)
        } catch {
            problems.append(ScanProblem(severity: .error, path: path + [.key(key)], summary: "'\(key)' of \(role) must be \(kind)", id: "scan.type-mismatch"))
            return nil
        }
    }

    private func missing(_ key: String, problems: inout [ScanProblem]) {
        problems.append(ScanProblem(severity: .error, path: path, summary: "\(role) has no '\(key)', which is required", id: "scan.missing-field"))
    }
}
