import BulletinModel

/// Probes a `RuleIndex` with observations as they are in the scan model, without building their
/// STIX objects: `ObservationView` streams each observation's properties, and only those some
/// anchor looks at are computed and tested (see `ViewPathNodes`). The candidates are exactly those
/// of probing the built objects, as the same stream builds them.
struct ObservationProbe<Sink: CandidateSink>: ViewPropertySink {
    /// The index's tables.
    let tables: RuleIndexTables
    /// Receives the patterns found.
    var sink: Sink

    /// A probe of `tables` reporting to `sink`.
    init(_ tables: RuleIndexTables, sink: Sink) {
        self.tables = tables
        self.sink = sink
    }

    /// Reports the candidates of `observation`.
    @inline(__always)
    mutating func add(_ observation: InPlaceObservation) {
        if observation.kind == .other {
            // No fixed shape to resolve in advance: walk the object itself.
            let (type, fields) = observation.other()
            tables.collect(ObservationView.customObject(type: type, fields: fields), into: &sink)
            return
        }
        ObservationView.properties(of: observation, into: &self)
    }

    /// Reports the candidates of a host's software entry.
    mutating func add(_ software: SoftwareEntry) {
        ObservationView.properties(of: software, into: &self)
    }

    @inline(__always)
    func wants(_ path: ViewPath) -> Bool {
        tables.viewPaths.wanted & (1 << UInt64(path.rawValue)) != 0
    }

    func beginObject(_ type: String) {}

    mutating func property(_ path: ViewPath, _ value: STIXValue) {
        let entry = reportPresence(path)
        if entry.leaf >= 0 { tables.visit(Int(entry.leaf), value, into: &sink) }
    }

    mutating func property(_ path: ViewPath, key: String, _ value: STIXValue) {
        let entry = reportPresence(path)
        guard entry.leaf >= 0 else { return }
        let child = tables.child(of: Int(entry.leaf), named: key)
        if child >= 0 { tables.visit(child, value, into: &sink) }
    }

    private mutating func reportPresence(_ path: ViewPath) -> ViewPathNodes.Entry {
        let nodes = tables.viewPaths
        let entry = nodes.entries[path.rawValue]
        var position = Int(entry.presence.start)
        while position < Int(entry.presence.end) {
            sink.insert(nodes.postings[position])
            position += 1
        }
        return entry
    }
}
