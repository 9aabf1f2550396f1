import BulletinModel
import ContentLoading
import Foundation

/// libFuzzer entry: the input is an advisory's `advisory.md` (YAML front matter and Markdown body),
/// loaded by `AdvisoryLoader` from a content folder of its own. Loading must never crash, and every
/// diagnostic about the file must point at a line and column in it.
@_cdecl("LLVMFuzzerTestOneInput")
public func frontMatterFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard FileManager.default.createFile(atPath: ScratchContent.advisory, contents: bytes) else {
        fatalError("cannot write \(ScratchContent.advisory)")
    }
    let result = AdvisoryLoader().load(content: ScratchContent.folder)
    for diagnostic in result.diagnostics where diagnostic.location?.file == ScratchContent.advisory {
        // Only an unreadable or non-UTF-8 file is reported without a position.
        guard diagnostic.id == "content.encoding" || (diagnostic.location!.line >= 1 && diagnostic.location!.column >= 1) else {
            fatalError("diagnostic without a position: \(diagnostic)")
        }
    }
    return 0
}

/// The content folder each input is written into: in memory where the system has /dev/shm, and
/// one per process, since libFuzzer's `-jobs` runs several.
enum ScratchContent {
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (base as NSString).appendingPathComponent("bulletin-fuzz-front-matter-\(getpid())")
    }()
    static let advisory: String = {
        let bundle = (folder as NSString).appendingPathComponent("advisories/fuzz")
        try? FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: true)
        return (bundle as NSString).appendingPathComponent("advisory.md")
    }()
}
