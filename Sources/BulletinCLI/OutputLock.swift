import Foundation
import Synchronization

/// One build at a time per output folder: two builds rewriting the same previous site at once
/// would publish a mix of both. The lock is `flock` on the folder that holds the output (the
/// output itself is swapped, so its inode changes hands), held until the process ends.
enum OutputLock {
    /// The folders this process holds the lock on, with the open descriptor that holds it.
    private static let held = Mutex<[String: Int32]>([:])

    /// Takes the lock for `output`, or fails at once, naming the output, when another build has it.
    static func acquire(for output: URL) throws(OutputWriter.Failure) {
        let parent = output.deletingLastPathComponent().standardizedFileURL.path
        let failure: OutputWriter.Failure? = held.withLock { held in
            guard held[parent] == nil else { return nil }
            let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            // A folder that cannot be opened shows as a clear error when the site is written.
            guard descriptor >= 0 else { return nil }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let busy = errno == EWOULDBLOCK
                close(descriptor)
                return busy ? .io("another bulletin is writing a site in \(parent) (into \(output.path) or beside it); wait until it has finished, then build again") : nil
            }
            held[parent] = descriptor
            return nil
        }
        if let failure { throw failure }
    }
}
