import Foundation

/// A step into a JSON document: an object key or an array index.
enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// Builds the path a `DecodingError` reports.
    static func path(_ codingPath: [any CodingKey]) -> [JSONPathComponent] {
        codingPath.map { key in key.intValue.map(JSONPathComponent.index) ?? .key(key.stringValue) }
    }

    /// Parses an RFC 6901 pointer; all-digit steps are taken as array indexes.
    static func path(pointer: String) -> [JSONPathComponent] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { step in
            let key = step.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            return Int(key).map(JSONPathComponent.index) ?? .key(key)
        }
    }

    /// RFC 6901 spelling of a path: `/hosts/0/id`, with `~` and `/` escaped.
    static func pointer(_ path: [JSONPathComponent]) -> String {
        path.map { component in
            switch component {
            case .index(let index): "/\(index)"
            case .key(let key): "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }.joined()
    }
}
