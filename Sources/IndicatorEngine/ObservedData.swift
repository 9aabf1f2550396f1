import BulletinModel

/// A host's observations as STIX observed-data: the input every pattern is evaluated against.
///
/// Each entry is one observed-data (`number_observed = 1`) holding the STIX objects of one scan
/// observation, timed by the observation's `time`. The host's `software` entries come first, each
/// as an untimed observed-data holding one `software` object, then the observations, both in the
/// order the scan listed them: that order is the order of evidence in findings.
///
/// An observation without a (valid) `time` has no place on the timeline. It can satisfy any part
/// of a pattern that puts no time constraint on it, but never a part under WITHIN, START/STOP or
/// either side of FOLLOWEDBY: a finding must rest on what was observed, not on an assumed time.
public struct ObservedData: Sendable {
    /// One observed-data.
    public struct Entry: Sendable {
        /// The STIX objects, primary object first (see `ObservationView`).
        public var objects: [STIXObject]
        /// `first_observed = last_observed`, or `nil` when the time is unknown.
        public var time: Instant?
        /// What a finding cites when the entry is part of its evidence: the scan observation, or
        /// for a software entry a synthetic `software` observation located at that entry.
        public var evidence: Observation

        /// Creates an entry.
        public init(objects: [STIXObject], time: Instant?, evidence: Observation) {
            self.objects = objects
            self.time = time
            self.evidence = evidence
        }
    }

    /// The entries, software first, then observations, each in host order.
    public var entries: [Entry]

    /// Creates observed data from entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The observed data of `host`.
    public init(host: BulletinModel.Host) {
        var entries: [Entry] = []
        entries.reserveCapacity(host.software.count + host.observations.count)
        for software in host.software {
            entries.append(Entry(
                objects: ObservationView.objects(for: software), time: nil,
                evidence: ObservedData.evidence(for: software)))
        }
        for observation in host.observations {
            entries.append(Entry(
                objects: ObservationView.objects(for: observation), time: ObservedData.time(of: observation),
                evidence: observation))
        }
        self.entries = entries
    }

    /// The time of an observation on the timeline: its `time` read as RFC 3339, else none.
    static func time(of observation: Observation) -> Instant? {
        observation.time.flatMap(Instant.init(rfc3339:))
    }

    /// The observation a finding cites for a software entry: kind `software` (an `.other` kind,
    /// as the scan format has no such observation type) with the entry's product, version and
    /// vendor, its source, and its location in the scan.
    public static func evidence(for software: SoftwareEntry) -> Observation {
        var fields = ["product": software.product]
        fields["version"] = software.version
        fields["vendor"] = software.vendor
        return Observation(kind: .other(type: "software", fields: fields), time: nil, source: software.source, origin: software.location)
    }
}

/// Observed data as the evaluator reads it: entry by entry, so that an implementation may build
/// only the entries it is asked about.
protocol ObservedEntries {
    /// How many entries there are.
    var count: Int { get }
    /// The STIX objects of `entry`.
    mutating func objects(of entry: Int) -> [STIXObject]
    /// The time of `entry`.
    mutating func time(of entry: Int) -> Instant?
    /// Whether one of the objects of `entry` satisfies `condition`, whose `streamPaths` are
    /// `paths`.
    mutating func satisfies(_ condition: CompiledCondition, paths: UInt64?, entry: Int) -> Bool
}

extension ObservedEntries {
    mutating func satisfies(_ condition: CompiledCondition, paths: UInt64?, entry: Int) -> Bool {
        condition.holds(forAnyOf: objects(of: entry))
    }
}

extension ObservedData: ObservedEntries {
    var count: Int { entries.count }
    func objects(of entry: Int) -> [STIXObject] { entries[entry].objects }
    func time(of entry: Int) -> Instant? { entries[entry].time }
}
