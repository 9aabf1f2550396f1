/// A URL split the way bulletin's HTTP observations hold it: the `Host` header, and the request
/// value (path and query).
struct URLParts: Hashable {
    var host: String?
    var request: String?

    init?(_ text: String) {
        if text.hasPrefix("/") {
            host = nil
            request = text
            return
        }
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<hostEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") { authority = authority[..<colon] }
        guard !authority.isEmpty, !authority.contains(" ") else { return nil }
        host = String(authority)
        let path = rest[hostEnd...]
        request = path.isEmpty || path == "/" ? nil : (path.hasPrefix("?") ? "/" + path : String(path))
    }
}
