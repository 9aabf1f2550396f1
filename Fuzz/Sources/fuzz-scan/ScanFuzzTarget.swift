import BulletinModel
import ContentLoading
import Foundation

/// libFuzzer entry: the input is one scan file's bytes, loaded once as `.json` and once as
/// `.jsonl`, through `ScanLoader.load(paths:)` so that the target follows whatever reader the
/// loader uses. Loading must never crash, and every diagnostic must point into the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func scanFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    for file in [ScratchFiles.json, ScratchFiles.jsonLines] {
        guard FileManager.default.createFile(atPath: file, contents: bytes) else { fatalError("cannot write \(file)") }
        let result = ScanLoader().load(paths: [file])
        for diagnostic in result.diagnostics {
            guard let location = diagnostic.location, location.file == file, location.line >= 1, location.column >= 1 else {
                fatalError("diagnostic not located in the scan file: \(diagnostic)")
            }
        }
    }
    return 0
}

/// The files each input is written to: in memory where the system has /dev/shm, and one pair per
/// process, since libFuzzer's `-jobs` runs several.
enum ScratchFiles {
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = (base as NSString).appendingPathComponent("bulletin-fuzz-scan-\(getpid())")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()
    static let json = (folder as NSString).appendingPathComponent("scan.json")
    static let jsonLines = (folder as NSString).appendingPathComponent("scan.jsonl")
}
