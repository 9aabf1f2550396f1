import BulletinModel
import ContentLoading

/// libFuzzer entry: the input is one scan file's bytes, loaded once as `scan.json` and once as
/// `scan.jsonl` through `ScanLoader.load(_:path:)`, the loader's own path from bytes to merged
/// organisations without the disk (writing each input to a file and reading it back cost more
/// than loading it). Loading must never crash, and every diagnostic must point into the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func scanFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for file in ["scan.json", "scan.jsonl"] {
        let result = ScanLoader().load(bytes, path: file)
        for diagnostic in result.diagnostics {
            guard let location = diagnostic.location, location.file == file, location.line >= 1, location.column >= 1 else {
                fatalError("diagnostic not located in the scan file: \(diagnostic)")
            }
        }
    }
    return 0
}
