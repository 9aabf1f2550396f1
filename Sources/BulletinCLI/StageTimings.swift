import Foundation

/// Time spent in each stage of a build, for `--timings`: like Hugo's `--templateMetrics`, so that
/// a slow template or a slow scan file shows where the time goes.
///
/// Stages done once (catalogue, compile, site pages, publish) count wall time; stages done per
/// organisation count the time of every worker added up, so with several workers their sum can
/// exceed the build's wall time.
struct StageTimings: Sendable {
    /// Stage names in the order first measured, with their time and how many times they ran.
    private(set) var stages: [(name: String, duration: Duration, count: Int)] = []

    /// Adds `duration` to `stage`.
    mutating func add(_ stage: String, _ duration: Duration, count: Int = 1) {
        if let index = stages.firstIndex(where: { $0.name == stage }) {
            stages[index].duration += duration
            stages[index].count += count
        } else {
            stages.append((stage, duration, count))
        }
    }

    /// Runs `body` and adds its time to `stage`.
    mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { add(stage, clock.now - start) }
        return try body()
    }

    /// Adds every stage of `other`.
    mutating func merge(_ other: StageTimings) {
        for stage in other.stages { add(stage.name, stage.duration, count: stage.count) }
    }

    /// The table printed by `--timings`.
    static func table(once: StageTimings, perOrganisation: StageTimings, total: Duration, jobs: Int) -> String {
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%10.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        func row(_ name: String, _ duration: Duration, _ count: Int) -> String {
            name.padding(toLength: 28, withPad: " ", startingAt: 0) + milliseconds(duration) + String(format: "%10d", count) + "\n"
        }
        var text = "stage                               time     count\n"
        for stage in once.stages { text += row(stage.name, stage.duration, stage.count) }
        if !perOrganisation.stages.isEmpty {
            text += "per organisation, all \(jobs) worker\(jobs == 1 ? "" : "s") added up:\n"
            for stage in perOrganisation.stages { text += row("  " + stage.name, stage.duration, stage.count) }
        }
        text += row("total (wall)", total, 1)
        return text
    }
}
