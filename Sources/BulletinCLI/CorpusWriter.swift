import Foundation
import ScanSynthesis

/// Writes a synthetic corpus as JSON Lines files of a fixed number of organisations each, so that
/// regenerating with one more organisation, or changing one, rewrites one file and leaves the
/// others byte for byte as they were.
struct CorpusWriter {
    /// The corpus folder.
    let folder: URL
    /// Organisations per file.
    let organisationsPerFile: Int

    enum Failure: Error, CustomStringConvertible {
        case notOurs(String)
        case io(String)

        var description: String {
            switch self {
            case .notOurs(let message), .io(let message): message
            }
        }
    }

    /// The name of the file holding organisations `numbers`: `organisations-000001-001000.jsonl`.
    static func fileName(_ numbers: ClosedRange<Int>) -> String {
        func six(_ number: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }
        return "organisations-\(six(numbers.lowerBound))-\(six(numbers.upperBound)).jsonl"
    }

    /// Whether `name` is a file this writer makes, which it may replace or remove.
    static func isCorpusFile(_ name: String) -> Bool {
        name.hasPrefix("organisations-") && name.hasSuffix(".jsonl")
    }

    /// Writes organisations 1...`count` of `synthesizer`; corpus files of an earlier, larger run
    /// are removed so that the folder holds this corpus only. Calls `progress` after each file
    /// with the organisations written.
    func write(count: Int, synthesizer: CorpusSynthesizer, progress: (ClosedRange<Int>, [SynthesizedOrganisation]) -> Void) throws(Failure) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notOurs("\(folder.path) exists and is not a folder; choose another --output") }
        } else {
            do {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .io("cannot create \(folder.path): \(error.localizedDescription)")
            }
        }
        let existing = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        if let stranger = existing.sorted().first(where: { !Self.isCorpusFile($0) }) {
            throw .notOurs("\(folder.path) holds '\(stranger)', which bulletin synth did not write; choose an empty or new --output")
        }
        var written: Set<String> = []
        for start in stride(from: 1, through: count, by: organisationsPerFile) {
            let numbers = start...min(count, start + organisationsPerFile - 1)
            let organisations = numbers.map(synthesizer.organisation)
            var bytes: [UInt8] = []
            for organisation in organisations { bytes += organisation.jsonLine }
            let name = Self.fileName(numbers)
            do {
                try Data(bytes).write(to: folder.appendingPathComponent(name), options: .atomic)
            } catch {
                throw .io("cannot write \(folder.appendingPathComponent(name).path): \(error.localizedDescription)")
            }
            written.insert(name)
            progress(numbers, organisations)
        }
        for stale in existing where !written.contains(stale) {
            try? fileManager.removeItem(at: folder.appendingPathComponent(stale))
        }
    }
}
