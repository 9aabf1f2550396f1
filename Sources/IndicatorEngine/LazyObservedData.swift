import BulletinModel

/// A host's observed data (see `ObservedData`) whose entries are built the first time the
/// evaluator asks for them: most observations of a host are never a candidate of any rule, and
/// building their STIX objects would cost more than everything else the matcher does with them.
struct LazyObservedData: ObservedEntries {
    /// The host the entries stand for: its software entries, then its observations.
    let host: BulletinModel.Host
    private var objects: [[STIXObject]?] = []
    private var times: [Instant??] = []

    /// The entries of `host`, none built yet.
    init(host: BulletinModel.Host) {
        self.host = host
    }

    var count: Int { host.software.count + host.observations.count }

    mutating func objects(of entry: Int) -> [STIXObject] {
        if objects.isEmpty { objects = Array(repeating: nil, count: count) }
        if let built = objects[entry] { return built }
        let software = host.software.count
        let built = entry < software
            ? ObservationView.objects(for: host.software[entry]) : ObservationView.objects(for: host.observations[entry - software])
        objects[entry] = built
        return built
    }

    mutating func time(of entry: Int) -> Instant? {
        let software = host.software.count
        guard entry >= software else { return nil }
        if times.isEmpty { times = Array(repeating: nil, count: count) }
        if let parsed = times[entry] { return parsed }
        let parsed = ObservedData.time(of: host.observations[entry - software])
        times[entry] = .some(parsed)
        return parsed
    }

    /// Decides `condition` on the entry's property stream when it can, which is much cheaper than
    /// building the entry's objects; on the objects when they are built already or must be.
    mutating func satisfies(_ condition: CompiledCondition, paths: UInt64?, entry: Int) -> Bool {
        let software = host.software.count
        if let paths, objects.isEmpty || objects[entry] == nil {
            if entry < software { return ConditionProbe.holds(condition, paths: paths, in: host.software[entry]) }
            let observation = entry - software
            let decided: Bool? = InPlaceObservation.with(host.observations, at: observation) { observation in
                // An observation of unknown type has no stream.
                observation.kind == .other ? nil : ConditionProbe.holds(condition, paths: paths, in: observation)
            }
            if let decided { return decided }
        }
        return condition.holds(forAnyOf: objects(of: entry))
    }

    /// What a finding cites for `entry` (`ObservedData.Entry.evidence`).
    func evidence(of entry: Int) -> Observation {
        let software = host.software.count
        return entry < software ? ObservedData.evidence(for: host.software[entry]) : host.observations[entry - software]
    }
}
