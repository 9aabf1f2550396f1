import BulletinModel
import Foundation
import ScanSynthesis
import Testing

/// `bulletin synth` end to end: the corpus it writes, and what `bulletin build` makes of it.
@Suite struct SynthCommandTests {
    @Test func theSameCountAndSeedWriteByteIdenticalFiles() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["synth", "--organisations", "25", "--per-file", "10", "--output", "A"]).status == 0)
        #expect(try bulletin.run(["synth", "--organisations", "25", "--per-file", "10", "--output", "B"]).status == 0)
        #expect(try bulletin.run(["synth", "--organisations", "25", "--per-file", "10", "--seed", "7", "--output", "C"]).status == 0)
        let a = bulletin.snapshot("A"), b = bulletin.snapshot("B"), c = bulletin.snapshot("C")
        #expect(a.keys.sorted() == ["organisations-000001-000010.jsonl", "organisations-000011-000020.jsonl", "organisations-000021-000025.jsonl"])
        #expect(a == b)
        #expect(a.keys.sorted() == c.keys.sorted())
        #expect(a["organisations-000001-000010.jsonl"] != c["organisations-000001-000010.jsonl"], "another seed, another corpus")
    }

    @Test func growingACorpusRewritesOnlyItsLastFile() throws {
        let bulletin = try BulletinProcess()
        #expect(try bulletin.run(["synth", "--organisations", "25", "--per-file", "10", "--output", "Corpus"]).status == 0)
        let before = bulletin.snapshot("Corpus")
        #expect(try bulletin.run(["synth", "--organisations", "28", "--per-file", "10", "--output", "Corpus"]).status == 0)
        let after = bulletin.snapshot("Corpus")
        #expect(after.keys.sorted() == ["organisations-000001-000010.jsonl", "organisations-000011-000020.jsonl", "organisations-000021-000028.jsonl"])
        #expect(after["organisations-000001-000010.jsonl"] == before["organisations-000001-000010.jsonl"])
        #expect(after["organisations-000011-000020.jsonl"] == before["organisations-000011-000020.jsonl"])
        let grown = try #require(after["organisations-000021-000028.jsonl"])
        let old = try #require(before["organisations-000021-000025.jsonl"])
        #expect(grown.starts(with: old), "organisations 21-25 are the same; the stale 21-25 file is gone")
    }

    @Test func refusesAFolderHoldingOtherFiles() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Mine/notes.txt", "keep me")
        let outcome = try bulletin.run(["synth", "--organisations", "5", "--output", "Mine"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("holds 'notes.txt', which bulletin synth did not write"), "\(outcome.stderr)")
        #expect(bulletin.snapshot("Mine").keys.sorted() == ["notes.txt"])
    }

    /// The planted traces and builds must come out of the engine as planned: every compromised
    /// host found, no benign look-alike reported, every build assessed as Microsoft's tables say.
    @Test func buildingASyntheticCorpusGivesEveryOrganisationAndHostItsPlannedStatus() throws {
        let bulletin = try BulletinProcess()
        let count = 400
        #expect(try bulletin.run(["synth", "--organisations", "\(count)", "--per-file", "150", "--output", "Synthetic"]).status == 0)
        let outcome = try bulletin.run(["build", "--scans", "Synthetic", "--date", "2021-03-16"])
        #expect(outcome.status == 0, "\(outcome.stderr)")

        let planned = (1...count).map(CorpusSynthesizer(seed: 2021).organisation)
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        #expect(organisations.count == count)
        let built = Dictionary(uniqueKeysWithValues: organisations.map { ($0["id"] as? String ?? "", $0) })
        var mismatches: [String] = []
        for organisation in planned {
            let report = built[organisation.id]
            if report?["status"] as? String != organisation.plannedStatus.rawValue {
                mismatches.append("\(organisation.id): built \(report?["status"] ?? "nothing"), planned \(organisation.plannedStatus.rawValue)")
            }
            let hosts = ((report?["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]]) ?? []
            let hostStatuses = Dictionary(uniqueKeysWithValues: hosts.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
            if hostStatuses != organisation.plannedHostStatuses.mapValues(\.rawValue) {
                mismatches.append("\(organisation.id) hosts: built \(hostStatuses), planned \(organisation.plannedHostStatuses.mapValues(\.rawValue))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")

        var mix: [String: Int] = [:]
        for organisation in organisations { mix[organisation["status"] as? String ?? "", default: 0] += 1 }
        #expect(Set(mix.keys) == Set(HostStatus.allCases.map(\.rawValue)), "every status occurs: \(mix)")
        #expect((8...40).contains(mix["compromised"] ?? 0), "a few percent compromised: \(mix)")
        #expect((mix["vulnerable"] ?? 0) > (mix["patched"] ?? 0), "most servers were still unpatched in March 2021: \(mix)")
    }
}
