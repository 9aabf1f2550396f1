// Benchmarks anyone can run, outside the test suite (timings do not belong in tests):
//
//     swift build -c release --product bulletin-bench
//     .build/release/bulletin-bench index [observations]
//     .build/release/bulletin-bench match [observations] [workload]      (workload: 10, 1000+like, ...)
//     .build/release/bulletin-bench export [hosts]
//     .build/release/bulletin-bench scan-load [megabytes]
//     .build/release/bulletin-bench scan-corpus <file> [megabytes]
//     .build/release/bulletin-bench scan-load-once loader|decoder <file>
//
// `Benchmarks/*.sh` wrap these commands.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first ?? "index" {
case "index":
    let observations = arguments.count > 1 ? Int(arguments[1]) : 1_000_000
    guard let observations, observations > 0 else {
        FileHandle.standardError.write(Data("bulletin-bench index: observations must be a positive number\n".utf8))
        exit(2)
    }
    IndexBenchmark(observationCount: observations).run()
case "match":
    let observations = arguments.count > 1 ? Int(arguments[1]) : 1_000_000
    guard let observations, observations > 0 else {
        FileHandle.standardError.write(Data("bulletin-bench match: observations must be a positive number\n".utf8))
        exit(2)
    }
    let workload = arguments.count > 2 ? arguments[2] : nil
    if let workload, !MatchBenchmark.workloads.contains(workload) {
        FileHandle.standardError.write(Data("bulletin-bench match: workload must be one of \(MatchBenchmark.workloads.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    MatchBenchmark(observationCount: observations, workload: workload).run()
case "export":
    MatchBenchmark.export(hosts: arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10)
case "scan-load":
    let megabytes = arguments.count > 1 ? Int(arguments[1]) : 100
    guard let megabytes, megabytes > 0 else {
        FileHandle.standardError.write(Data("bulletin-bench scan-load: megabytes must be a positive number\n".utf8))
        exit(2)
    }
    try ScanLoadBenchmark(megabytes: megabytes).run()
case "scan-corpus" where arguments.count > 1:
    try ScanCorpus.write(megabytes: arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100, to: arguments[1])
case "scan-load-once" where arguments.count > 2:
    try ScanLoadBenchmark.once(reader: arguments[1], file: arguments[2])
default:
    FileHandle.standardError.write(Data("""
        usage: bulletin-bench index [observations] | match [observations] [workload] | export [hosts] | scan-load [megabytes]
                            | scan-corpus <file> [megabytes] | scan-load-once loader|decoder <file>

        """.utf8))
    exit(2)
}
