import BulletinModel
import Foundation
import Testing
@testable import ScanSynthesis

/// The synthetic corpus: deterministic, and shaped like the March 2021 data.
@Suite struct CorpusSynthesizerTests {
    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        let first = CorpusSynthesizer(seed: 7).jsonLines(1...40)
        #expect(first == CorpusSynthesizer(seed: 7).jsonLines(1...40))
        #expect(first != CorpusSynthesizer(seed: 8).jsonLines(1...40))
    }

    @Test func anOrganisationDoesNotDependOnTheOnesBeforeIt() {
        let synthesizer = CorpusSynthesizer(seed: 2021)
        let whole = synthesizer.jsonLines(1...30)
        let tail = synthesizer.jsonLines(21...30)
        #expect(Array(whole.suffix(tail.count)) == tail, "a night's change to one file must not shift the others")
    }
}
