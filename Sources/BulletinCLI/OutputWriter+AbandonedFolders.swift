import Foundation

extension OutputWriter {
    /// Removes the staging, set-aside and discarded folders (`.Output.staging-PID`,
    /// `.Output.old-PID`, `.Output.discarded-PID-N`) that builds killed before they could clean
    /// up left beside the output folder. A folder whose
    /// build is still running (another `bulletin build` into the same output) is left alone.
    func removeAbandonedFolders() {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-", ".\(output.lastPathComponent).discarded-"]
        let own = ProcessInfo.processInfo.processIdentifier
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let prefix = prefixes.first(where: entry.hasPrefix), let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            guard pid != own, !Self.isRunning(pid) else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Whether a process `pid` exists; one we may not signal (EPERM) still exists.
    private static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
