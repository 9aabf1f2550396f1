import Dispatch
import Synchronization

/// A fixed number of workers taking items in order, each the next one as it frees up.
///
/// Results are handed to a consumer in index order, one at a time, whatever the number of
/// workers, so that what is built from them is the same with one worker or many; a result that
/// finishes early waits only until those before it are done. Memory stays bounded by what the
/// workers hold plus the few results waiting for their turn.
enum WorkerPool {
    /// Runs `work(index)` for every index in `0..<count` on `jobs` threads and passes each result
    /// to `consume` in index order (never two at once).
    static func run<Result: Sendable>(count: Int, jobs: Int, _ work: @Sendable (Int) -> Result, consume: @Sendable (Int, Result) -> Void) {
        let next = Atomic<Int>(0)
        let waiting = Mutex<(next: Int, results: [Int: Result])>((0, [:]))
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = work(index)
                waiting.withLock { state in
                    state.results[index] = result
                    while let ready = state.results.removeValue(forKey: state.next) {
                        consume(state.next, ready)
                        state.next += 1
                    }
                }
            }
        }
    }

    /// `work(index)` for every index in `0..<count`, on `jobs` threads; the results in index order.
    static func map<Result: Sendable>(count: Int, jobs: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        let results = Mutex<[Result]>([])
        run(count: count, jobs: jobs, work) { _, result in results.withLock { $0.append(result) } }
        return results.withLock { $0 }
    }
}
