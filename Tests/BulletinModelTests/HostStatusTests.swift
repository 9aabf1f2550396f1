import Testing

@testable import BulletinModel

/// The status order of `spec/advisory-format.md`, worst last.
@Suite struct HostStatusTests {
    @Test func ordersStatusesAsTheSpecDoes() {
        #expect(HostStatus.allCases == [.unknown, .notAffected, .patched, .undetermined, .vulnerable, .vulnerableNoFix, .suspicious, .compromised])
        #expect([HostStatus.patched, .vulnerable, .notAffected].worst == .vulnerable)
        #expect([HostStatus]().worst == .unknown)
        #expect(HostStatus.allCases.map(\.rank) == Array(HostStatus.allCases.indices))
    }

    @Test func anOrganisationIsAffectedFromUndeterminedUp() {
        #expect(HostStatus.allCases.filter(\.isAffected) == [.undetermined, .vulnerable, .vulnerableNoFix, .suspicious, .compromised])
    }

    @Test(arguments: ["acme", "a", "city-of-springfield.gov_1", String(repeating: "a", count: 64)])
    func acceptsOrganisationIDs(_ id: String) {
        #expect(Organisation.isValidID(id))
    }

    @Test(arguments: [
        "", "../x", "..", "/etc", "Acme", "CON", "-acme", ".hidden", "a/b", "a\\b", "a b", String(repeating: "a", count: 65), "acmé",
        "\u{430}cme", "acme\u{200B}", "acme\u{0}",
    ])
    func rejectsOrganisationIDsThatAreNotSafeFolderNames(_ id: String) {
        #expect(!Organisation.isValidID(id))
    }

    @Test(arguments: [
        ("con", "'con' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("con.txt", "'con' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("aux.json", "'aux' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("nul", "'nul' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("com1", "'com1' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("lpt9.log", "'lpt9' is a device name on Windows, where the folder could not be opened; choose another id"),
        ("acme.", "it ends with '.', which Windows drops from folder names; remove the final '.'"),
    ])
    func rejectsOrganisationIDsThatWindowsCannotUseAsFolders(_ id: String, _ reason: String) {
        #expect(Organisation.idProblem(id) == reason)
    }

    @Test(arguments: ["console", "conrad.txt", "auxiliary", "com10", "lpt", "null", "nul-", "a.con"])
    func acceptsIDsThatOnlyStartLikeADeviceName(_ id: String) {
        #expect(Organisation.idProblem(id) == nil)
    }
}
