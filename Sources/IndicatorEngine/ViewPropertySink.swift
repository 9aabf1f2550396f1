/// Receives the STIX view of an observation as a stream: each object in turn (primary first),
/// then each property of it that has a value, named by its `ViewPath`.
///
/// `ObservationView` writes the stream once per observation kind; what is built from it differs:
/// the nested `STIXObject`s the evaluator walks (`STIXObjectBuilder`), or the index probe
/// (`ObservationProbe`), which never builds them. Because both read the same stream, the index
/// sees exactly the properties the evaluator does.
protocol ViewPropertySink {
    /// Whether the values at `path` are used. Values that are not are never computed, and an
    /// object none of whose paths is wanted may be left out of the stream altogether.
    func wants(_ path: ViewPath) -> Bool
    /// The next object of the view begins; the properties that follow are its own.
    mutating func beginObject(_ type: String)
    /// The value at `path` of the current object.
    mutating func property(_ path: ViewPath, _ value: STIXValue)
    /// The value under `key` of the open path `path` of the current object.
    mutating func property(_ path: ViewPath, key: String, _ value: STIXValue)
}

extension ViewPropertySink {
    /// Puts `value` at `path` when the path is wanted and the value present; computes it only then.
    @inline(__always)
    mutating func put(_ path: ViewPath, _ value: @autoclosure () -> STIXValue?) {
        if wants(path), let value = value() { property(path, value) }
    }

    /// Puts a string at `path`, as `put(_:_:)`.
    @inline(__always)
    mutating func put(_ path: ViewPath, string: @autoclosure () -> String?) {
        if wants(path), let value = string() { property(path, .string(value)) }
    }
}
