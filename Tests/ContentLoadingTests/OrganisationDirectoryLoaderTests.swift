import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// The organisation directory as docs/organisations-format.md states it: entries, located errors,
/// and the order in which an address, a host name and an AS number decide the owner.
@Suite struct OrganisationDirectoryLoaderTests {
    private func load(_ yaml: String) throws -> (OrganisationDirectoryLoader.Result, String) {
        let folder = try TemporaryFolder()
        let file = try folder.write("organisations.yml", yaml)
        return (OrganisationDirectoryLoader().load(file: file), file)
    }

    private let providerAndCustomer = """
        organisations:
          - id: metro-isp
            name: Metro Internet
            networks: [198.51.100.0/24, "2001:db8::/32"]
            asns: [AS64500]
            domains: [metro-isp.example]
          - id: harbour-clinic
            name: Harbour Street Clinic
            country: IE
            contacts:
              - {name: IT Support, email: itsupport@harbour-clinic.example.com, role: technical}
            networks: [198.51.100.32/28, "2001:db8:4400::/48"]
            domains: [harbour-clinic.example.com]
        """

    @Test func readsEntriesAndWarnsThatTheCustomerBlockWinsInsideTheProviderBlock() throws {
        let (result, file) = try load(providerAndCustomer)
        #expect(result.diagnostics == [
            .warning("network 198.51.100.32/28 of 'harbour-clinic' lies inside 198.51.100.0/24 of 'metro-isp' (line 4); its addresses go to 'harbour-clinic', the most specific claim", id: "organisations.overlap", at: SourceLocation(file: file, line: 12, column: 16)),
            .warning("network 2001:db8:4400::/48 of 'harbour-clinic' lies inside 2001:db8::/32 of 'metro-isp' (line 4); its addresses go to 'harbour-clinic', the most specific claim", id: "organisations.overlap", at: SourceLocation(file: file, line: 12, column: 34)),
        ])
        let directory = try #require(result.directory)
        #expect(directory.entries.map(\.organisation.id) == ["harbour-clinic", "metro-isp"])
        #expect(directory.entry(id: "harbour-clinic")?.organisation.contacts == [Organisation.Contact(name: "IT Support", email: "itsupport@harbour-clinic.example.com", role: "technical")])
    }

    @Test(arguments: [
        // address, hostname, asn -> owner, basis
        ("198.51.100.40", nil, nil, "harbour-clinic", "network 198.51.100.32/28"),
        ("198.51.100.48", nil, nil, "metro-isp", "network 198.51.100.0/24"),
        ("2001:db8:4400::25", nil, nil, "harbour-clinic", "network 2001:db8:4400::/48"),
        ("2001:db8:4401::25", nil, nil, "metro-isp", "network 2001:db8::/32"),
        // No network holds the address: the host name's domain decides, before the AS number.
        ("192.0.2.7", "MAIL.Harbour-Clinic.example.com.", 64500, "harbour-clinic", "domain harbour-clinic.example.com"),
        ("192.0.2.7", "mail.other.example", 64500, "metro-isp", "AS64500"),
        // A network beats a domain: the address is what the scanner reached.
        ("198.51.100.48", "mail.harbour-clinic.example.com", nil, "metro-isp", "network 198.51.100.0/24"),
    ] as [(String, String?, Int?, String, String)])
    func findsTheOwner(address: String, hostname: String?, asn: Int?, owner: String, basis: String) throws {
        let directory = try #require(try load(providerAndCustomer).0.directory)
        let match = directory.owner(address: address, hostname: hostname, asn: asn)
        #expect(match?.entry.organisation.id == owner)
        #expect(match?.basis.description == basis)
    }

    @Test func findsNoOwnerForAnUnclaimedAddress() throws {
        let directory = try #require(try load(providerAndCustomer).0.directory)
        #expect(directory.owner(address: "192.0.2.7", hostname: "mail.elsewhere.example", asn: 64999) == nil)
        #expect(directory.owner(address: "::ffff:198.51.100.40", hostname: nil, asn: nil) == nil, "an IPv6 address is never inside an IPv4 block")
    }

    @Test func reportsBadNetworksInvalidAndDuplicateIDsAtTheirLines() throws {
        let (result, file) = try load("""
            organisations:
              - id: Harbour Clinic
                name: Harbour Street Clinic
              - id: northfield
                name: Northfield Water
              - id: westfield
                name: Westfield Water
                networks: [198.51.100.0/33, 198.51.100.7/24]
                asns: [AS-X]
                domains: [https://northfield.example/]
              - id: northfield
                name: Northfield again
            """)
        #expect(result.directory == nil)
        #expect(result.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.severity) \($0.id)" } == [
            "2:9 error organisations.invalid-id",
            "8:16 error organisations.invalid-network",
            "8:33 warning organisations.host-bits",
            "9:12 error organisations.invalid-asn",
            "10:15 error organisations.invalid-domain",
            "11:5 error organisations.duplicate-id",
        ])
        #expect(result.diagnostics[1].summary == "network '198.51.100.0/33' is not an IPv4 or IPv6 address block; write it in CIDR form such as 198.51.100.0/24 or 2001:db8::/32")
        #expect(result.diagnostics.allSatisfy { $0.location?.file == file })
    }

    @Test func refusesTheSameBlockDomainOrASNumberInTwoEntries() throws {
        let (result, _) = try load("""
            organisations:
              - {id: a, name: A, networks: [192.0.2.0/24], domains: [a.example], asns: [64500]}
              - {id: b, name: B, networks: [192.0.2.0/24], domains: [a.example], asns: [64500]}
            """)
        #expect(result.directory == nil)
        #expect(result.diagnostics.map(\.id) == ["organisations.duplicate-network", "organisations.duplicate-domain", "organisations.duplicate-asn"])
        #expect(result.diagnostics.first?.summary == "network 192.0.2.0/24 is claimed by 'b' and by 'a' (line 2); give the block to one organisation, or split it")
    }

    @Test func theShippedDirectoryLoadsWithoutProblems() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = OrganisationDirectoryLoader().load(file: root.appendingPathComponent("Content/organisations.yml").path)
        #expect(result.diagnostics.isEmpty)
        #expect(result.directory?.owner(address: "198.51.100.140", hostname: nil, asn: nil)?.entry.organisation.id == "lakeside-logistics")
    }
}
