import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Merging imports: one entry per pattern, all provenance kept, ids that depend only on the pattern.
@Suite struct IndicatorMergerTests {
    static func indicator(_ pattern: String, _ source: String, verdict: Finding.Verdict = .suspicious, confidence: Finding.Confidence = .low, stem: String = "IPV4") -> ImportedIndicator {
        ImportedIndicator(
            pattern: pattern, title: "T \(source)", verdict: verdict, confidence: confidence, provenance: [source],
            location: SourceLocation(file: "f", line: 1, column: 1), idStem: stem)
    }

    @Test func duplicatesBecomeOneEntryWithEverySource() {
        let outcome = IndicatorMerger().merge([
            Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed B"),
            Self.indicator("[ipv4-addr:value =  '192.0.2.1']", "feed A", verdict: .compromised, confidence: .medium),
            Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed B"),
        ], into: [], curated: [:])
        #expect(outcome.duplicates == 2)
        #expect(outcome.entries == [ImportedIndicatorsFile.Entry(
            id: "IMP-IPV4-\(IndicatorMerger.digest("[ipv4-addr:value = '192.0.2.1']"))", title: "T feed B", verdict: .compromised,
            confidence: .medium, pattern: "[ipv4-addr:value = '192.0.2.1']", provenance: ["feed A", "feed B"])])
        #expect(outcome.added == outcome.entries.map(\.id))
    }

    @Test(arguments: [
        ("[file:name = 'a']", " [file:name\n   =  'a']\t", true),
        ("[file:name = 'a b']", "[file:name = 'a  b']", false),
        (#"[file:name = 'it\'s  x'] AND  [file:name = 'y']"#, #"[file:name = 'it\'s  x'] AND [file:name = 'y']"#, true),
    ])
    func patternsAreTheSameIndicatorWhenOnlyWhitespaceOutsideLiteralsDiffers(a: String, b: String, same: Bool) {
        #expect((ImportedIndicator.key(of: a) == ImportedIndicator.key(of: b)) == same)
    }

    @Test func mergingAgainChangesNothingAndANewSourceUpdates() {
        let first = IndicatorMerger().merge([Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed A")], into: [], curated: [:])
        let again = IndicatorMerger().merge([Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed A")], into: first.entries, curated: [:])
        #expect(again.entries == first.entries)
        #expect(again.unchanged == first.added && again.added.isEmpty)
        let more = IndicatorMerger().merge([Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed C")], into: first.entries, curated: [:])
        #expect(more.updated == first.added)
        #expect(more.entries[0].provenance == ["feed A", "feed C"])
        #expect(more.entries[0].id == first.entries[0].id)
    }

    @Test func aPatternTheAdvisoryHasIsLeftToIt() {
        let outcome = IndicatorMerger().merge([Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed A")], into: [], curated: ["[ipv4-addr:value = '192.0.2.1']": "PL-IP"])
        #expect(outcome.entries.isEmpty)
        #expect(outcome.curated.map(\.id) == ["PL-IP"])
    }

    @Test func anEntryMovedToIndicatorsYmlLeavesTheImportedFile() {
        let first = IndicatorMerger().merge([Self.indicator("[ipv4-addr:value = '192.0.2.1']", "feed A")], into: [], curated: [:])
        let after = IndicatorMerger().merge([], into: first.entries, curated: ["[ipv4-addr:value = '192.0.2.1']": "PL-IP"])
        #expect(after.entries.isEmpty)
        #expect(after.moved.map(\.id) == first.added && after.moved.map(\.curatedID) == ["PL-IP"])
    }

    @Test func hashIdsNameTheHashAndCollisionsGetASuffix() {
        let taken = ["IMP-SHA256-b75f163ca9b9": "another pattern"]
        #expect(IndicatorMerger.id(stem: "SHA256-b75f163ca9b9", key: "k", taken: [:]) == "IMP-SHA256-b75f163ca9b9")
        #expect(IndicatorMerger.id(stem: "SHA256-b75f163ca9b9", key: "k", taken: taken) == "IMP-SHA256-b75f163ca9b9-2")
        #expect(IndicatorMerger.digest("") == "cbf29ce4")
    }
}
