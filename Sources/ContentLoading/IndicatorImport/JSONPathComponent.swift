/// A step into a feed document: an object key or an array index. The feed readers build paths of
/// these as they walk a document, and `JSONDocument` locates them.
enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// RFC 6901 spelling of a path: `/objects/0/pattern`, with `~` and `/` escaped.
    static func pointer(_ path: [JSONPathComponent]) -> String {
        path.reduce("") { pointer, component in
            switch component {
            case .index(let index): JSONPointer.appending(index: index, to: pointer)
            case .key(let key): JSONPointer.appending(key: key, to: pointer)
            }
        }
    }
}
