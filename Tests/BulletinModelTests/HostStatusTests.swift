import Testing

@testable import BulletinModel

/// The status order of `spec/advisory-format.md`, worst last.
@Suite struct HostStatusTests {
    @Test func ordersStatusesAsTheSpecDoes() {
        #expect(HostStatus.allCases == [.unknown, .notAffected, .patched, .undetermined, .vulnerable, .vulnerableNoFix, .suspicious, .compromised])
        #expect([HostStatus.patched, .vulnerable, .notAffected].worst == .vulnerable)
        #expect([HostStatus]().worst == .unknown)
    }

    @Test func anOrganisationIsAffectedFromUndeterminedUp() {
        #expect(HostStatus.allCases.filter(\.isAffected) == [.undetermined, .vulnerable, .vulnerableNoFix, .suspicious, .compromised])
    }

    @Test(arguments: ["acme", "a", "city-of-springfield.gov_1", String(repeating: "a", count: 64)])
    func acceptsOrganisationIDs(_ id: String) {
        #expect(Organisation.isValidID(id))
    }

    @Test(arguments: ["", "../x", "/etc", "Acme", "-acme", ".hidden", "a/b", "a b", String(repeating: "a", count: 65), "acmé"])
    func rejectsOrganisationIDsThatAreNotSafeFolderNames(_ id: String) {
        #expect(!Organisation.isValidID(id))
    }
}
