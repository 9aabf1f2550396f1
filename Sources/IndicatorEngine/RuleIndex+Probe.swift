extension RuleIndex {
    /// A reusable accumulator of candidates, for probing host after host without allocating.
    ///
    /// Add a host's objects (or observations), then `drain` the candidates, which also readies the
    /// probe for the next host. One probe serves one thread; make one per task from the shared,
    /// immutable index. It holds one mark per pattern, so repeated hits on the same pattern cost
    /// a comparison each and the collected list never exceeds the number of patterns.
    ///
    /// ```swift
    /// var probe = RuleIndex.Probe(index)
    /// var candidates: [Int] = []
    /// for host in hosts {
    ///     for observation in host.observations { probe.add(objects(of: observation)) }
    ///     probe.drain(into: &candidates)
    ///     // evaluate patterns[candidates] on host
    /// }
    /// ```
    public struct Probe: Sendable {
        /// The index probed.
        public let index: RuleIndex
        private var marks: Marks

        /// A probe of `index`, empty.
        public init(_ index: RuleIndex) {
            self.index = index
            marks = Marks(count: index.patternCount)
        }

        /// Adds one object's candidates.
        public mutating func add(_ object: STIXObject) {
            index.tables.collect(object, into: &marks)
        }

        /// Adds the candidates of each of `objects`.
        public mutating func add(_ objects: [STIXObject]) {
            index.tables.collect(objects, into: &marks)
        }

        /// Replaces `result` with the candidates added since the last drain, together with the
        /// unanchored patterns, ascending and unique; then empties the probe. Reuses `result`'s
        /// storage.
        public mutating func drain(into result: inout [Int]) {
            if marks.found.isEmpty {
                result = index.unanchored
            } else {
                marks.found.sort()
                mergeAscending(marks.found, index.unanchored, into: &result)
            }
            marks.reset()
        }

        /// The candidates added since the last drain, with the unanchored patterns, ascending and
        /// unique; empties the probe.
        public mutating func drain() -> [Int] {
            var result: [Int] = []
            drain(into: &result)
            return result
        }
    }

    /// Which patterns were reported since the last reset: a mark per pattern, stamped with the
    /// current generation so that a reset need not clear them all.
    fileprivate struct Marks: CandidateSink, Sendable {
        var generation: [UInt32]
        var current: UInt32 = 1
        var found: [Int32] = []

        init(count: Int) {
            generation = Array(repeating: 0, count: count)
        }

        mutating func insert(_ pattern: Int32) {
            if generation[Int(pattern)] != current {
                generation[Int(pattern)] = current
                found.append(pattern)
            }
        }

        mutating func reset() {
            if !found.isEmpty { found.removeAll(keepingCapacity: true) }
            current &+= 1
            if current == 0 {
                for index in generation.indices { generation[index] = 0 }
                current = 1
            }
        }
    }
}
