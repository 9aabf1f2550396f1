/// A property value of a STIX Cyber-observable object as the matcher sees it.
///
/// References between objects (`src_ref`, `parent_directory_ref`, `image_ref`) are resolved when the
/// views are built and appear as nested `.object` values, so that an object path such as
/// `network-traffic:src_ref.value` is a plain walk down the properties.
public enum STIXValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// An RFC 3339 timestamp, kept as written (comparisons parse it).
    case timestamp(String)
    case list([STIXValue])
    case object([String: STIXValue])
}

/// One STIX Cyber-observable object built from a scan observation (see `ObservationView`).
public struct STIXObject: Hashable, Sendable {
    /// The object type: `file`, `network-traffic`, `x-log-line`, ...
    public var type: String
    /// Top-level properties; nested objects for references and extensions.
    public var properties: [String: STIXValue]

    public init(type: String, properties: [String: STIXValue]) {
        self.type = type
        self.properties = properties
    }
}
