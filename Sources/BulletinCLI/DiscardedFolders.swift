import Foundation

/// Folders of a site that will not be published, removed on a thread of their own while the
/// build goes on: removing a national site's 100,000 files takes seconds, which the build need
/// not wait for until it ends.
final class DiscardedFolders: Sendable {
    /// The output folder whose neighbours these are.
    let output: URL
    private let done = DispatchGroup()

    init(output: URL) {
        self.output = output
    }

    /// Moves `folder` aside (`.Output.discarded-PID-N`, which `removeAbandonedFolders` removes if
    /// this process is killed first) and starts removing it. A folder that cannot be moved is
    /// removed at once.
    func discard(_ folder: URL) {
        let pid = ProcessInfo.processInfo.processIdentifier
        let parent = folder.deletingLastPathComponent()
        let name = output.lastPathComponent
        var aside: URL?
        for attempt in 0..<100 {
            let candidate = parent.appendingPathComponent(".\(name).discarded-\(pid)-\(attempt)")
            if rename(folder.path, candidate.path) == 0 {
                aside = candidate
                break
            }
            if errno != EEXIST && errno != ENOTEMPTY { break }
        }
        guard let aside else {
            try? FileManager.default.removeItem(at: folder)
            return
        }
        done.enter()
        let group = done
        let thread = Thread {
            try? FileManager.default.removeItem(at: aside)
            group.leave()
        }
        thread.start()
    }

    /// Waits until every discarded folder is removed.
    func finish() {
        done.wait()
    }
}
