import Foundation
import Synchronization

/// The line `bulletin: 1200/30000 organisations` that a long build keeps rewriting on standard
/// error, when standard error is a terminal; nothing at all when it is not (a log, CI, a pipe).
final class ProgressLine: Sendable {
    private let total: Int
    private let enabled: Bool
    private let done = Atomic<Int>(0)
    /// When the line may next be redrawn, in nanoseconds of the monotonic clock.
    private let nextDraw = Atomic<UInt64>(0)
    private static let interval: UInt64 = 100_000_000

    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.enabled = enabled
    }

    /// Counts one organisation as done, redrawing the line at most ten times a second; any worker
    /// may call it.
    func advance() {
        let count = done.add(1, ordering: .relaxed).newValue
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let due = nextDraw.load(ordering: .relaxed)
        guard now >= due, nextDraw.compareExchange(expected: due, desired: now + Self.interval, ordering: .relaxed).exchanged else { return }
        FileHandle.standardError.write(Data("\rbulletin: \(count)/\(total) organisations".utf8))
    }

    /// Erases the line, so that what follows starts on a clean line.
    func finish() {
        guard enabled, done.load(ordering: .relaxed) > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
