import BulletinModel
import ContentLoading
import Foundation

/// Measures scan loading from bytes to the model on a generated JSON Lines corpus (`ScanCorpus`),
/// in MB/s (10^6 bytes per second) of input:
/// - *ScanLoader*: `ScanLoader().load(paths:)`, everything a build does to read scans: split the
///   lines, parse, check every field, build the model, merge organisations;
/// - *JSONDecoder*: Foundation's `JSONDecoder` into plain `Decodable` structs of the same shape,
///   with no checks, no positions and no merging: what decoding alone costs with Foundation, and
///   a lower bound for the JSONDecoder-based loader this tool used before its own reader;
/// - *id skim*: `ScanLoader.organisationID(in:)` on every line, what a build's catalogue pass
///   does to group documents by organisation before reading them.
///
/// Reading the file (for JSONDecoder) and freeing what was loaded are outside the timings; each
/// is the best of `rounds` runs.
struct ScanLoadBenchmark {
    var megabytes: Int
    var rounds = 3

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("corpus.jsonl").path
        let size = try ScanCorpus.write(megabytes: megabytes, to: file)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        print("scan loading, \(String(format: "%.1f", Double(size) / 1e6)) MB of JSON Lines (release build, best of \(rounds))")
        print("reader          seconds      MB/s   organisations  observations")
        for (name, pass) in [("ScanLoader", Self.load), ("JSONDecoder", Self.decode), ("id skim", Self.skim)] as [(String, (String, [UInt8]) -> (Int, Int, Any))] {
            var best = Duration.seconds(1_000_000)
            var counts = (0, 0)
            for _ in 0..<rounds {
                let clock = ContinuousClock()
                var loaded: Any = ()
                let elapsed = clock.measure { (counts.0, counts.1, loaded) = pass(file, bytes) }
                best = min(best, elapsed)
                withExtendedLifetime(loaded) {}
            }
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            print(name.padding(toLength: 14, withPad: " ", startingAt: 0), String(format: "%8.3f  %8.1f   %12d  %12d", seconds, Double(size) / seconds / 1e6, counts.0, counts.1))
        }
    }

    /// One pass of one reader over an existing file, for `valgrind --tool=callgrind`.
    static func once(reader: String, file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let counts = reader == "decoder" ? decode(file, bytes) : load(file, bytes)
        print("\(reader): \(counts.0) organisations, \(counts.1) observations")
        exit(0)  // without freeing what was loaded, as the timed runs do
    }

    /// The loader reads the file itself; `bytes` are only there to share a signature.
    static func load(_ file: String, _ bytes: [UInt8]) -> (Int, Int, Any) {
        let result = ScanLoader().load(paths: [file])
        precondition(!result.diagnostics.containsError, "the corpus must load cleanly: \(result.diagnostics.prefix(3))")
        return (result.organisations.count, result.organisations.reduce(0) { $0 + $1.hosts.reduce(0) { $0 + $1.observations.count } }, result)
    }

    /// Counts the organisations whose id the skim finds; observations are not looked at.
    static func skim(_ file: String, _ bytes: [UInt8]) -> (Int, Int, Any) {
        var ids: [String] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if let id = ScanLoader.organisationID(in: bytes[start..<end]) { ids.append(id) }
            start = end + 1
        }
        return (ids.count, 0, ids)
    }

    static func decode(_ file: String, _ bytes: [UInt8]) -> (Int, Int, Any) {
        let decoder = JSONDecoder()
        var documents: [PlainDocument] = []
        for line in bytes.split(separator: 0x0A) {
            guard let document = try? decoder.decode(PlainDocument.self, from: Data(line)) else { preconditionFailure("the corpus must decode") }
            documents.append(document)
        }
        return (documents.count, documents.reduce(0) { $0 + $1.hosts.reduce(0) { $0 + ($1.observations?.count ?? 0) } }, documents)
    }
}

/// The scan format as plain `Decodable` structs: what JSONDecoder alone can do with it.
private struct PlainDocument: Decodable {
    struct Scanner: Decodable {
        var name: String?
        var version: String?
    }

    struct Organisation: Decodable {
        struct Contact: Decodable {
            var name: String?
            var email: String?
            var role: String?
        }

        var id: String
        var name: String
        var sector: String?
        var country: String?
        var contacts: [Contact]?
    }

    struct Host: Decodable {
        var id: String
        var hostname: String?
        var addresses: [String]?
        var software: [Software]?
        var observations: [Observation]?
    }

    struct Software: Decodable {
        var product: String
        var version: String?
        var source: String?
    }

    struct Observation: Decodable {
        var type: String
        var time: String?
        var method: String?
        var url: String?
        var status: Int?
        var client_ip: String?
        var user_agent: String?
        var log: String?
        var fields: [String: String]?
        var path: String?
        var sha256: String?
        var sha1: String?
        var md5: String?
        var size: Int?
        var modified: String?
        var channel: String?
        var provider: String?
        var event_id: Int?
        var level: String?
        var message: String?
    }

    var format: String
    var scanner: Scanner?
    var scanned_at: String?
    var organisation: Organisation
    var hosts: [Host]
}
