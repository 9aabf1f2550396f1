/// Builds the nested `STIXObject`s of an observation's view from its property stream: every
/// path wanted, every value put where its keys lead, nested objects made on the way.
struct STIXObjectBuilder: ViewPropertySink {
    /// The objects so far, the current one last.
    private(set) var objects: [STIXObject] = []

    func wants(_ path: ViewPath) -> Bool { true }

    mutating func beginObject(_ type: String) {
        objects.append(STIXObject(type: type, properties: [:]))
    }

    mutating func property(_ path: ViewPath, _ value: STIXValue) {
        Self.insert(value, at: path.keys[...], into: &objects[objects.count - 1].properties)
    }

    mutating func property(_ path: ViewPath, key: String, _ value: STIXValue) {
        Self.insert(value, at: (path.keys + [key])[...], into: &objects[objects.count - 1].properties)
    }

    private static func insert(_ value: STIXValue, at keys: ArraySlice<String>, into properties: inout [String: STIXValue]) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
            properties[key] = value
            return
        }
        var nested: [String: STIXValue] = [:]
        if case .object(let existing)? = properties[key] { nested = existing }
        properties[key] = nil  // keeps `nested` uniquely referenced while it grows
        insert(value, at: keys.dropFirst(), into: &nested)
        properties[key] = .object(nested)
    }
}
