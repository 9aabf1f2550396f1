import BulletinModel
import Foundation
import IndicatorEngine
import ScanSynthesis

/// The whole matching stage, as a build runs it: hosts of scan observations (half files with
/// hashes, half HttpProxy requests) through `Matcher.match`, which probes the `RuleIndex` with the
/// observations' properties and evaluates the candidates. Prints observations per second for 10, 1,000 and
/// 100,000 hash indicators, each with and without 100 LIKE indicators over HTTP-request fields.
///
/// `workload` picks one row (`10`, `1000+like`, ...) so that a profiler such as callgrind can run a
/// single configuration on fewer observations.
struct MatchBenchmark {
    let observationCount: Int
    /// One workload, as `<hash indicators>` or `<hash indicators>+like`; every one when `nil`.
    var workload: String? = nil
    /// The names `workload` may take.
    static let workloads = [10, 1_000, 100_000].flatMap { ["\($0)", "\($0)+like"] }
    /// Observations per host, as a host of a large sweep might have.
    let hostSize = 100
    /// Hosts matched between two readings of the clocks.
    static let hostsPerBatch = 100

    func run() {
        print("matching \(observationCount) observations in hosts of \(hostSize) (release build)")
        // Wall-clock time counts the time other processes hold the core; CPU time of this thread
        // is what one core spends, the rate per core the target is stated in.
        print("indicators                 seconds    M obs/s   findings   M obs/CPU-s")
        for hashCount in [10, 1_000, 100_000] {
            for withLike in [false, true] where workload == nil || workload == "\(hashCount)" + (withLike ? "+like" : "") {
                let scan = SyntheticScan(hashCount: max(hashCount * 2, 1000))
                let texts = scan.hashPatterns(count: hashCount) + (withLike ? scan.likePatterns(count: 100) : [])
                let (ruleSet, diagnostics) = RuleCompiler().compile(Self.indicators(texts))
                precondition(diagnostics.isEmpty, "benchmark patterns must compile: \(diagnostics)")
                let matcher = Matcher(ruleSet: ruleSet)
                var findings = 0
                var elapsed = Duration.zero
                var cpu = 0.0
                let clock = ContinuousClock()
                // Hosts are built, and freed, outside the measured time, a batch at a time: reading
                // the thread's CPU clock is a system call (~0.8 µs here, a tenth of matching a host),
                // and the compiler may release a host, freeing all its strings, right after its
                // match and before the CPU clock is read, unless the batch is kept alive.
                let batchSize = hostSize * Self.hostsPerBatch
                for batchStart in stride(from: 0, to: observationCount, by: batchSize) {
                    let hosts = stride(from: batchStart, to: min(batchStart + batchSize, observationCount), by: hostSize).map { start in
                        Self.host(number: start / hostSize, scan: scan, count: min(hostSize, observationCount - start))
                    }
                    withExtendedLifetime(hosts) {
                        let cpuStart = Self.threadCPUSeconds()
                        elapsed += clock.measure {
                            for host in hosts { findings += matcher.match(host).findings.count }
                        }
                        cpu += Self.threadCPUSeconds() - cpuStart
                    }
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let label = "\(hashCount) hash" + (withLike ? " + 100 LIKE" : "")
                print(label.padding(toLength: 25, withPad: " ", startingAt: 0), String(
                    format: "%8.2f   %8.2f   %8d   %8.2f", seconds, Double(observationCount) / seconds / 1e6, findings,
                    Double(observationCount) / cpu / 1e6))
                print("RATE \(hashCount) \(withLike ? "like" : "hash") \(Double(observationCount) / seconds)")
            }
        }
    }

    /// The CPU time this thread has used, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Indicators for pattern texts, with just enough metadata to compile and report.
    static func indicators(_ texts: [String]) -> [Indicator] {
        texts.enumerated().map { number, text in
            Indicator(
                id: String(format: "BENCH-%06d", number), title: "benchmark", verdict: .suspicious, confidence: .low, status: .experimental,
                cves: [], pattern: text, patternOrigin: TextOrigin(file: "bench", lineStarts: [TextOrigin.Position(line: 1, column: 1)]),
                description: nil, remediation: [], matchSamples: [], noMatchSamples: [], advisoryID: "BENCH",
                location: SourceLocation(file: "bench"))
        }
    }

    /// A host of `count` observations in the scan format's model, mirroring `SyntheticScan`'s
    /// objects (one file in a thousand carries an indicator hash).
    static func host(number: Int, scan: SyntheticScan, count: Int) -> Host {
        var random = SplitMix64(seed: scan.seed ^ UInt64(number) &* 0x9E37_79B9)
        let origin = SourceLocation(file: "bench.jsonl", line: number + 1)
        let observations = (0..<count).map { index -> Observation in
            let words = SyntheticScan.words
            if index.isMultiple(of: 2) {
                let sha256 = random.next() % 1000 == 0
                    ? scan.indicatorHashes[Int(random.next() % UInt64(scan.indicatorHashes.count))] : random.hex(bytes: 32)
                let path = "C:\\inetpub\\wwwroot\\" + words[Int(random.next() % 20)] + "\\f\(index)." + ["dll", "aspx", "js", "exe"][Int(random.next() % 4)]
                return Observation(
                    kind: .file(Observation.File(path: path, sha256: sha256, sha1: random.hex(bytes: 20), md5: random.hex(bytes: 16), size: Int(random.next() % 100_000))),
                    time: "2021-03-03T07:02:11Z", source: nil, origin: origin)
            }
            let path = (0..<3).map { _ in words[Int(random.next() % 20)] }.joined(separator: "/")
            let agent = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Microsoft Office/16.0", "python-requests/2.25.1",
                         "ExchangeServicesClient/15.01.2176.009"][Int(random.next() % 4)]
            return Observation(
                kind: .httpRequest(Observation.HTTPRequest(
                    method: random.next() % 3 == 0 ? "POST" : "GET", url: "/\(path)/r\(index).js?v=\(random.next() % 10_000)", status: 200,
                    clientIP: "198.51.\(random.next() % 256).\(random.next() % 256)", userAgent: agent, host: "mail\(random.next() % 100).example",
                    log: "HttpProxy/Ecp",
                    fields: ["AnchorMailbox": "ServerInfo~a]@mail\(random.next() % 100).example:444/\(path)", "AuthenticatedUser": "user\(random.next() % 5000)@example.org"])),
                time: "2021-03-03T07:02:11Z", source: nil, origin: origin)
        }
        return Host(id: "host\(number)", hostname: nil, addresses: [], software: [], observations: observations, location: origin)
    }

    /// Writes the first `hosts` hosts and the 10-hash + 100-LIKE patterns as JSON, for the same
    /// workload through the OASIS reference matcher (`Benchmarks/match-benchmark.sh`).
    static func export(hosts: Int) {
        let scan = SyntheticScan(hashCount: 1000)
        let patterns = scan.hashPatterns(count: 10) + scan.likePatterns(count: 100)
        var documents: [[String: Any]] = []
        for number in 0..<hosts {
            let host = Self.host(number: number, scan: scan, count: 100)
            documents.append(["observations": host.observations.map(Self.json)])
        }
        let object: [String: Any] = ["patterns": patterns, "hosts": documents]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        FileHandle.standardOutput.write(data)
    }

    /// An observation in the scan format's JSON shape.
    static func json(_ observation: Observation) -> [String: Any] {
        var object: [String: Any] = ["time": observation.time ?? ""]
        switch observation.kind {
        case .file(let file):
            object.merge(["type": "file", "path": file.path, "sha256": file.sha256 ?? "", "sha1": file.sha1 ?? "", "md5": file.md5 ?? "", "size": file.size ?? 0]) { $1 }
        case .httpRequest(let request):
            object.merge([
                "type": "http-request", "method": request.method ?? "", "url": request.url ?? "", "status": request.status ?? 0,
                "client_ip": request.clientIP ?? "", "user_agent": request.userAgent ?? "", "host": request.host ?? "",
                "log": request.log ?? "", "fields": request.fields,
            ]) { $1 }
        default:
            break
        }
        return object
    }
}
