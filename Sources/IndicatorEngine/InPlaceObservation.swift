import BulletinModel

/// A scan observation read where it is stored, one field at a time: what the property stream
/// (`ObservationView`) reads, so that a sink that wants few fields pays for few.
///
/// An `Observation` borrowed out of a host's array and held while the stream calls its sink is
/// copied by the compiler, retaining every string it holds and releasing them again: it cannot
/// prove that the sink leaves the array's memory alone. That copy cost some 650 instructions an
/// observation, more than probing the index with it. Here each accessor is a function never
/// inlined, in which nothing is written between reading the field and returning it, so only the
/// field returned is retained, and only when a sink asks for it.
///
/// Pass accessors closures, not key paths (`observation.file { $0.sha256 }`): a key path is
/// applied through the runtime, a closure is compiled into the accessor.
///
/// The pointer must outlive the reader: make readers with `forEach(in:_:)` or `with(_:_:)`.
struct InPlaceObservation {
    private let observation: UnsafePointer<Observation>
    /// The observation's kind, read once: every stream asks it first.
    let kind: Kind

    /// A reader of the observation at `observation`.
    init(_ observation: UnsafePointer<Observation>) {
        self.observation = observation
        kind = Self.kind(of: observation)
    }

    /// Calls `body` with a reader of each of `observations`, in order.
    static func forEach(in observations: [Observation], _ body: (InPlaceObservation) -> Void) {
        observations.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices { body(InPlaceObservation(base + index)) }
        }
    }

    /// Calls `body` with a reader of `observations[index]`.
    static func with<Result>(_ observations: [Observation], at index: Int, _ body: (InPlaceObservation) -> Result) -> Result {
        observations.withUnsafeBufferPointer { buffer in
            precondition(buffer.indices.contains(index), "observation index out of range")
            return body(InPlaceObservation(buffer.baseAddress! + index))
        }
    }

    /// Calls `body` with a reader of `observation`.
    static func with<Result>(_ observation: Observation, _ body: (InPlaceObservation) -> Result) -> Result {
        withUnsafePointer(to: observation) { body(InPlaceObservation($0)) }
    }

    /// The observation's kind, without its fields.
    enum Kind {
        case file, httpRequest, logLine, event, connection, process, detection, other
    }

    @inline(never)
    private static func kind(of observation: UnsafePointer<Observation>) -> Kind {
        switch observation.pointee.kind {
        case .file: .file
        case .httpRequest: .httpRequest
        case .logLine: .logLine
        case .event: .event
        case .connection: .connection
        case .process: .process
        case .detection: .detection
        case .other: .other
        }
    }

    // Each accessor requires its kind (`kind`); asking a file for a request field is a bug.

    /// A field of a `.file` observation.
    @inline(never)
    func file<Value>(_ field: (Observation.File) -> Value) -> Value {
        guard case .file(let file) = observation.pointee.kind else { preconditionFailure("not a file observation") }
        return field(file)
    }

    /// A field of an `.httpRequest` observation.
    @inline(never)
    func httpRequest<Value>(_ field: (Observation.HTTPRequest) -> Value) -> Value {
        guard case .httpRequest(let request) = observation.pointee.kind else { preconditionFailure("not an HTTP request observation") }
        return field(request)
    }

    /// A field of a `.logLine` observation.
    @inline(never)
    func logLine<Value>(_ field: (Observation.LogLine) -> Value) -> Value {
        guard case .logLine(let line) = observation.pointee.kind else { preconditionFailure("not a log line observation") }
        return field(line)
    }

    /// A field of an `.event` observation.
    @inline(never)
    func event<Value>(_ field: (Observation.WindowsEvent) -> Value) -> Value {
        guard case .event(let event) = observation.pointee.kind else { preconditionFailure("not an event observation") }
        return field(event)
    }

    /// A field of a `.connection` observation.
    @inline(never)
    func connection<Value>(_ field: (Observation.Connection) -> Value) -> Value {
        guard case .connection(let connection) = observation.pointee.kind else { preconditionFailure("not a connection observation") }
        return field(connection)
    }

    /// A field of a `.process` observation.
    @inline(never)
    func process<Value>(_ field: (Observation.Process) -> Value) -> Value {
        guard case .process(let process) = observation.pointee.kind else { preconditionFailure("not a process observation") }
        return field(process)
    }

    /// A field of a `.detection` observation.
    @inline(never)
    func detection<Value>(_ field: (Observation.Detection) -> Value) -> Value {
        guard case .detection(let detection) = observation.pointee.kind else { preconditionFailure("not a detection observation") }
        return field(detection)
    }

    /// The type and fields of an `.other` observation.
    func other() -> (type: String, fields: [String: String]) {
        guard case .other(let type, let fields) = observation.pointee.kind else { preconditionFailure("not an observation of unknown type") }
        return (type, fields)
    }
}
