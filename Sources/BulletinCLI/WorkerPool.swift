import Dispatch
import Synchronization

/// A fixed number of workers taking organisations in order, each the next one as it frees up.
/// Results come back in index order whatever the number of workers, so that what is built from
/// them is the same with one worker or many.
///
/// Memory stays bounded by what the workers hold at once (one item each) plus the results, which
/// callers keep small.
enum WorkerPool {
    /// `work(index)` for every index in `0..<count`, on `jobs` threads; the results in index order.
    static func map<Result: Sendable>(count: Int, jobs: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        let next = Atomic<Int>(0)
        let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = work(index)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
