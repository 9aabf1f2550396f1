import Foundation
import IndicatorEngine

/// Measures the indexing prefilter alone: how many observations per second `RuleIndex` sorts into
/// candidates, for 10, 1,000 and 100,000 hash indicators, without and with 100 LIKE indicators
/// over HTTP-request fields.
///
/// Two ways to hold the observations:
/// - *streamed*, as the pipeline does: each block of 1,000 observations' objects is built (not
///   timed) right before it is probed (timed), so the objects are in cache as they would be, and
///   the index's tables only as far as building the block left them there;
/// - *resident*: all observations built first and probed in one sweep, so that every object comes
///   from main memory; this measures the memory system as much as the index.
///
/// And three ways to probe, each in its own pass over freshly built blocks:
/// - *per obs*: a reused `RuleIndex.Probe`, drained after every observation (the most drains);
/// - *per host*: the same, drained every 100 observations, as a matcher would per host;
/// - *candidates(for:)*: the one-off call, once per observation.
///
/// Every pattern is parsed before anything is measured and kept until the end: freeing 100,000
/// parsed patterns leaves the heap full of holes, and objects built afterwards land scattered
/// across it, which slows whatever walks them, index or not.
struct IndexBenchmark {
    var observationCount: Int
    static let block = 1_000

    /// One configuration's indicators and what was measured for it.
    struct Row {
        var name: String
        var patterns: [Pattern]
        var index: RuleIndex?
        var build = Duration.zero
        var perObservation = Duration.zero
        var perHost = Duration.zero
        var oneOff = Duration.zero
        var resident = Duration.zero
        var candidates = 0
    }

    func run() {
        let scan = SyntheticScan(hashCount: 300_000)
        let likes = scan.likePatterns(count: 100)
        var rows: [Row] = []
        for hashCount in [10, 1_000, 100_000] {
            let hashes = scan.hashPatterns(count: hashCount)
            rows.append(Row(name: "\(hashCount) hash", patterns: parse(hashes)))
            rows.append(Row(name: "\(hashCount) hash + 100 LIKE", patterns: parse(hashes + likes)))
        }
        print("\(observationCount) synthetic observations (half files with hashes, half HTTP requests),")
        print("two STIX objects each; million observations per second for the index step alone.\n")

        let clock = ContinuousClock()
        for row in rows.indices {
            var index: RuleIndex?
            rows[row].build = clock.measure { index = RuleIndex(patterns: rows[row].patterns) }
            rows[row].index = index
            measureStreamed(&rows[row], scan)
        }
        // Last, so that its gigabytes, once freed, cannot scatter the streamed runs' objects.
        let resident = Array((0..<((observationCount + Self.block - 1) / Self.block)).map { block in
            scan.observations(block * Self.block..<min((block + 1) * Self.block, observationCount))
        }.joined())
        for row in rows.indices {
            guard let index = rows[row].index else { continue }
            var probe = RuleIndex.Probe(index)
            var candidates: [Int] = []
            var reported = 0
            rows[row].resident = clock.measure {
                for objects in resident {
                    probe.add(objects)
                    probe.drain(into: &candidates)
                    reported += candidates.count
                }
            }
            precondition(reported == rows[row].candidates, "resident and streamed observations differ")
        }
        printTable(rows)
    }

    func parse(_ texts: [String]) -> [Pattern] {
        texts.map { text in
            do { return try PatternParser.parse(text) } catch { fatalError("synthetic pattern does not parse: \(text)") }
        }
    }

    func measureStreamed(_ row: inout Row, _ scan: SyntheticScan) {
        guard let index = row.index else { return }
        var probe = RuleIndex.Probe(index)
        var candidates: [Int] = []
        var reported = 0, reportedPerHost = 0, reportedOneOff = 0
        row.perObservation = streamed(scan) { observations in
            for objects in observations {
                probe.add(objects)
                probe.drain(into: &candidates)
                reported += candidates.count
            }
        }
        row.perHost = streamed(scan) { observations in
            for (number, objects) in observations.enumerated() {
                probe.add(objects)
                if number % 100 == 99 {
                    probe.drain(into: &candidates)
                    reportedPerHost += candidates.count
                }
            }
            probe.drain(into: &candidates)
        }
        row.oneOff = streamed(scan) { observations in
            for objects in observations { reportedOneOff += index.candidates(for: objects).count }
        }
        precondition(reportedOneOff == reported, "candidates(for:) and Probe disagree")
        blackHole(reportedPerHost)
        row.candidates = reported
    }

    /// The time `body` takes over all observations, built block by block untimed.
    func streamed(_ scan: SyntheticScan, _ body: ([[STIXObject]]) -> Void) -> Duration {
        let clock = ContinuousClock()
        var total = Duration.zero
        for start in stride(from: 0, to: observationCount, by: Self.block) {
            let observations = scan.observations(start..<min(start + Self.block, observationCount))
            total += clock.measure { body(observations) }
        }
        return total
    }

    func printTable(_ rows: [Row]) {
        print("indicators              | build   | streamed: per obs | per host | candidates(for:) | resident: per obs | candidates/obs")
        print("------------------------|---------|-------------------|----------|------------------|-------------------|---------------")
        for row in rows {
            let cells = [
                row.name.padding(toLength: 23, withPad: " ", startingAt: 0),
                String(format: "%5.3f s", row.build.seconds),
                rate(row.perObservation).padding(toLength: 17, withPad: " ", startingAt: 0),
                rate(row.perHost).padding(toLength: 8, withPad: " ", startingAt: 0),
                rate(row.oneOff).padding(toLength: 16, withPad: " ", startingAt: 0),
                rate(row.resident).padding(toLength: 17, withPad: " ", startingAt: 0),
                String(format: "%.4f", Double(row.candidates) / Double(observationCount)),
            ]
            print(cells.joined(separator: " | "))
        }
    }

    func rate(_ duration: Duration) -> String {
        String(format: "%6.2f", Double(observationCount) / duration.seconds / 1_000_000)
    }
}

/// Keeps a result alive so that the optimiser cannot drop the work that produced it.
@inline(never) func blackHole(_ value: Int) {
    if value == .min { print(value) }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
