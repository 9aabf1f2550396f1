import Synchronization

/// The stamps of the scan files taken just before each was catalogued, so that the state stored
/// for the next build describes the files as they were read (a file changed while the build ran
/// gets a newer stamp, and is read again next time).
final class StampRecorder: Sendable {
    private let stamps = Mutex<[String: ScanFileStamp]>([:])

    func record(_ path: String, _ stamp: ScanFileStamp?) {
        stamps.withLock { $0[path] = stamp }
    }

    func stamp(of path: String) -> ScanFileStamp? {
        stamps.withLock { $0[path] }
    }
}
