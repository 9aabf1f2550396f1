import BulletinModel
import Foundation
import ReportRendering

/// The closing line of each command, on standard error so that standard output stays clean.
enum Summary {
    static func built(organisations: Int, affected: Int, reused: Int, files: Int, output: String, shard: Shard?, diagnostics: [Diagnostic]) {
        let what = shard.map { "shard \($0) of the site" } ?? "\(files) files"
        let unchanged = reused == 0 ? "" : " (\(reused) unchanged, reused)"
        say("built \(what) into \(output): \(organisations) organisations\(unchanged), \(affected) affected\(warnings(diagnostics))")
    }

    static func verified(_ loaded: Pipeline.Loaded, samples: Int, diagnostics: [Diagnostic]) {
        let hosts = loaded.organisations.reduce(0) { $0 + $1.hosts.count }
        let indicators = loaded.advisories.reduce(0) { $0 + $1.indicators.count }
        say("verified \(loaded.advisories.count) advisories (\(indicators) indicators against \(samples) samples) and \(loaded.scanFiles.count) scan files: \(loaded.organisations.count) organisations, \(hosts) hosts\(warnings(diagnostics))")
    }

    static func failed(_ diagnostics: [Diagnostic]) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        say("\(errors) error\(errors == 1 ? "" : "s")\(warnings(diagnostics)); nothing was written")
    }

    private static func warnings(_ diagnostics: [Diagnostic]) -> String {
        let count = diagnostics.filter { $0.severity == .warning }.count
        return count == 0 ? "" : ", \(count) warning\(count == 1 ? "" : "s")"
    }

    private static func say(_ line: String) {
        FileHandle.standardError.write(Data("bulletin: \(line)\n".utf8))
    }
}
