import Foundation
import Testing

/// Runs larger than one machine: shards built apart and merged make the site one build makes.
@Suite struct ShardBuildTests {
    static let date = ["--date", "2021-03-16"]

    @Test func threeShardsMergedAreTheWholeBuild() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", ParallelBuildTests.corpus(50))
        var ids: [Set<String>] = []
        for k in 1...3 {
            let shard = try bulletin.run(["build", "--shard", "\(k)/3", "--output", "Shard\(k)"] + Self.date)
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("built shard \(k)/3 of the site into Shard\(k)"), "\(shard.stderr)")
            let files = IncrementalBuildTests.site(bulletin, "Shard\(k)").keys
            #expect(!files.contains("index.html"), "a shard has no site pages")
            ids.append(Set(files.compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) }))
        }
        #expect(ids.allSatisfy { !$0.isEmpty }, "every shard gets some of the 66 organisations")
        #expect(ids[0].isDisjoint(with: ids[1]) && ids[1].isDisjoint(with: ids[2]) && ids[0].isDisjoint(with: ids[2]))
        let merged = try bulletin.run(["merge", "Shard3", "Shard1", "Shard2", "--output", "Merged"] + Self.date)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try bulletin.run(["build", "--output", "Whole"] + Self.date).status == 0)
        let a = IncrementalBuildTests.site(bulletin, "Merged"), b = IncrementalBuildTests.site(bulletin, "Whole")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
    }

    @Test func mergeRefusesAMissingShardOrOneBuiltFromOtherInputs() throws {
        let bulletin = try BulletinProcess()
        try bulletin.write("Content/scans/many.jsonl", ParallelBuildTests.corpus(10))
        #expect(try bulletin.run(["build", "--shard", "1/2", "--output", "Shard1"] + Self.date).status == 0)
        #expect(try bulletin.run(["build", "--shard", "2/2", "--output", "Shard2", "--date", "2021-03-17"]).status == 0)
        let missing = try bulletin.run(["merge", "Shard1", "--output", "Merged"] + Self.date)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("shard 2/2 missing"), "\(missing.stderr)")
        let mismatched = try bulletin.run(["merge", "Shard1", "Shard2", "--output", "Merged"] + Self.date)
        #expect(mismatched.status == 1)
        #expect(mismatched.stderr.contains("shard 2/2 in Shard2 was built from other advisories"), "\(mismatched.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bulletin.folder.appendingPathComponent("Merged").path))
        #expect(try bulletin.run(["build", "--shard", "3/2"]).status == 64)
    }
}
