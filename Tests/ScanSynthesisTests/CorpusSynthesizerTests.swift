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

    /// What a reader of the 2021 data would check: hosts per organisation, observations per host,
    /// valid and unique ids, reserved domains and documentation addresses only.
    @Test func aThousandOrganisationsHaveTheShapeOfTheNationalData() throws {
        let synthesizer = CorpusSynthesizer(seed: 2021)
        var ids: Set<String> = []
        var hostsPerOrganisation: [Int: Int] = [:]
        var observationsPerHost: [Int] = []
        for number in 1...1_000 {
            let organisation = synthesizer.organisation(number)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(organisation.jsonLine)) as? [String: Any])
            #expect(document["format"] as? String == "bulletin.scan/1")
            let profile = try #require(document["organisation"] as? [String: Any])
            let id = try #require(profile["id"] as? String)
            #expect(id == organisation.id)
            #expect(id.wholeMatch(of: /[a-z0-9][a-z0-9._-]{0,63}/) != nil, "\(id)")
            ids.insert(id)
            for contact in profile["contacts"] as? [[String: String]] ?? [] {
                #expect(contact["email"]?.wholeMatch(of: /[a-z-]+@[a-z0-9-]+\.example(\.(org|com|net))?/) != nil, "\(contact)")
            }
            let hosts = try #require(document["hosts"] as? [[String: Any]])
            hostsPerOrganisation[hosts.count, default: 0] += 1
            for host in hosts {
                observationsPerHost.append((host["observations"] as? [Any])?.count ?? -1)
                for address in host["addresses"] as? [String] ?? [] {
                    #expect(["192.0.2.", "198.51.100.", "203.0.113.", "2001:db8:"].contains { address.hasPrefix($0) }, "\(address)")
                }
            }
        }
        #expect(ids.count == 1_000)
        #expect(Set(hostsPerOrganisation.keys) == [1, 2, 3, 4, 5])
        #expect(hostsPerOrganisation[1, default: 0] > 500, "most organisations have one server: \(hostsPerOrganisation)")
        let sorted = observationsPerHost.sorted()
        #expect(sorted.first == 0 && sorted.last! <= 2_000)
        #expect(sorted[sorted.count / 2] <= 5, "most hosts carry a handful")
        #expect(sorted.filter { $0 >= 100 }.count >= 10, "a minority carry long log extracts")
    }
}
