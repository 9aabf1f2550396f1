import BulletinModel
import Foundation
import Yams

/// Reads the organisation directory (`Content/organisations.yml`, see docs/organisations-format.md)
/// and checks that every claim can be resolved: ids valid and unique, networks valid CIDR, no
/// network, domain or AS number claimed twice. A network inside another organisation's network is
/// legitimate (a customer's block inside its provider's) and resolved by the most specific one, but
/// it is reported as a warning, because an analyst should know that a report will go to the
/// customer and not to the provider.
public struct OrganisationDirectoryLoader: Sendable {
    public init() {}

    /// What loading gave: the directory when there was no error, and every diagnostic.
    public struct Result: Sendable {
        public var directory: OrganisationDirectory?
        public var diagnostics: [Diagnostic]
    }

    public func load(file: String) -> Result {
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: file) else {
            return Result(directory: nil, diagnostics: [.error(
                "no organisation directory at this path; write one (docs/organisations-format.md) or pass --organisations",
                id: "organisations.missing", at: SourceLocation(file: file))])
        }
        guard let text = AdvisoryLoader.readText(file, diagnostics: &diagnostics) else { return Result(directory: nil, diagnostics: diagnostics) }
        let locator = YAMLReader.Locator(file: file, lineOffset: 0)
        guard case .node(let node) = YAMLReader.compose(text, locator: locator, what: "the organisation directory", id: "organisations.syntax", diagnostics: &diagnostics),
            var top = YAMLReader(node, locator: locator, role: "the organisation directory", diagnostics: &diagnostics)
        else {
            if !diagnostics.containsError {
                diagnostics.append(.error("the organisation directory is empty; it needs 'organisations:' and a list", id: "organisations.empty", at: SourceLocation(file: file, line: 1, column: 1)))
            }
            return Result(directory: nil, diagnostics: diagnostics)
        }
        let items = top.list("organisations", required: true, diagnostics: &diagnostics)
        top.reportUnknownKeys(diagnostics: &diagnostics)
        var entries: [OrganisationDirectory.Entry] = []
        var firstByID: [String: SourceLocation] = [:]
        for item in items {
            guard let entry = readEntry(item, locator: locator, diagnostics: &diagnostics) else { continue }
            let id = entry.organisation.id
            if let first = firstByID[id] {
                diagnostics.append(.error(
                    "organisation id '\(id)' is used twice (first at line \(first.line)); give each organisation one entry",
                    id: "organisations.duplicate-id", at: entry.location))
                continue
            }
            firstByID[id] = entry.location
            entries.append(entry)
        }
        checkClaims(entries, diagnostics: &diagnostics)
        return Result(directory: diagnostics.containsError ? nil : OrganisationDirectory(entries: entries), diagnostics: diagnostics)
    }

    private func readEntry(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> OrganisationDirectory.Entry? {
        guard var fields = YAMLReader(node, locator: locator, role: "organisation entry", diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.count
        let id = fields.string("id", required: true, diagnostics: &diagnostics)
        let idNode = fields.value("id", diagnostics: &diagnostics)
        let name = fields.string("name", required: true, diagnostics: &diagnostics)
        let sector = fields.string("sector", diagnostics: &diagnostics)
        let country = fields.string("country", diagnostics: &diagnostics)
        let reference = fields.string("reference", diagnostics: &diagnostics)
        let language = fields.string("language", diagnostics: &diagnostics)
        let contacts = fields.list("contacts", diagnostics: &diagnostics).compactMap { item -> Organisation.Contact? in
            guard var contact = YAMLReader(item, locator: locator, role: "contact", diagnostics: &diagnostics) else { return nil }
            defer { contact.reportUnknownKeys(diagnostics: &diagnostics) }
            return Organisation.Contact(
                name: contact.string("name", diagnostics: &diagnostics), email: contact.string("email", diagnostics: &diagnostics),
                role: contact.string("role", diagnostics: &diagnostics))
        }
        let networks = fields.list("networks", diagnostics: &diagnostics).compactMap { readNetwork($0, locator: locator, diagnostics: &diagnostics) }
        let asns = fields.list("asns", diagnostics: &diagnostics).compactMap { readASN($0, locator: locator, diagnostics: &diagnostics) }
        let domains = fields.list("domains", diagnostics: &diagnostics).compactMap { readDomain($0, locator: locator, diagnostics: &diagnostics) }
        fields.reportUnknownKeys(diagnostics: &diagnostics)
        if let id, !Organisation.isValidID(id) {
            diagnostics.append(.error(
                "organisation id '\(id.inert)' is not valid: it names the report folder, so it must match \(Organisation.idPattern) (lower-case letters, digits, '.', '_', '-')",
                id: "organisations.invalid-id", at: locator.location(idNode)))
        }
        guard !diagnostics[before...].containsError, let id, let name else { return nil }
        return OrganisationDirectory.Entry(
            organisation: Organisation(id: id, name: name, sector: sector, country: country, contacts: contacts, reference: reference, language: language),
            networks: networks, asns: asns, domains: domains, location: fields.location)
    }

    private func readNetwork(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> OrganisationDirectory.NetworkClaim? {
        let text = (node.string ?? "").trimmingCharacters(in: .whitespaces)
        guard let range = AddressRange(cidr: text) else {
            diagnostics.append(.error(
                "network '\(text.inert)' is not an IPv4 or IPv6 address block; write it in CIDR form such as 198.51.100.0/24 or 2001:db8::/32",
                id: "organisations.invalid-network", at: locator.location(node)))
            return nil
        }
        let address = String(text.split(separator: "/").first ?? "")
        if let plain = AddressRange(cidr: address), plain.lower != range.lower {
            diagnostics.append(.warning(
                "network '\(text.inert)' has bits set after its prefix; it is read as the block that contains it, write the block's first address to say so",
                id: "organisations.host-bits", at: locator.location(node)))
        }
        return OrganisationDirectory.NetworkClaim(range: range, text: text, location: locator.location(node))
    }

    /// `64500` or `AS64500`.
    private func readASN(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> Int? {
        var text = Substring((node.string ?? "").trimmingCharacters(in: .whitespaces))
        if text.uppercased().hasPrefix("AS") { text = text.dropFirst(2) }
        guard let number = Int(text), (1...4_294_967_295).contains(number) else {
            diagnostics.append(.error(
                "AS number '\((node.string ?? "").inert)' is not valid; write the number, such as 64500 or AS64500",
                id: "organisations.invalid-asn", at: locator.location(node)))
            return nil
        }
        return number
    }

    private func readDomain(_ node: Node, locator: YAMLReader.Locator, diagnostics: inout [Diagnostic]) -> String? {
        var name = (node.string ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
        guard valid else {
            diagnostics.append(.error(
                "domain '\((node.string ?? "").inert)' is not a domain name; write it like springfield.example (no scheme, no path, punycode for non-ASCII names)",
                id: "organisations.invalid-domain", at: locator.location(node)))
            return nil
        }
        return name
    }

    /// Same block, domain or AS number in two entries: an error, since nothing says which is right.
    /// A block inside another organisation's block: a warning naming who gets its addresses.
    private func checkClaims(_ entries: [OrganisationDirectory.Entry], diagnostics: inout [Diagnostic]) {
        var networkOwner: [AddressRange: (id: String, location: SourceLocation)] = [:]
        var domainOwner: [String: String] = [:]
        var asnOwner: [Int: String] = [:]
        for entry in entries {
            let id = entry.organisation.id
            for claim in entry.networks {
                if let first = networkOwner[claim.range], first.id != id {
                    diagnostics.append(.error(
                        "network \(claim.text) is claimed by '\(id)' and by '\(first.id)' (line \(first.location.line)); give the block to one organisation, or split it",
                        id: "organisations.duplicate-network", at: claim.location))
                } else if networkOwner[claim.range] == nil {
                    networkOwner[claim.range] = (id, claim.location)
                }
            }
            for domain in entry.domains {
                if let first = domainOwner[domain], first != id {
                    diagnostics.append(.error(
                        "domain \(domain) is claimed by '\(id)' and by '\(first)'; list it under one organisation and use subdomains for the other",
                        id: "organisations.duplicate-domain", at: entry.location))
                } else { domainOwner[domain] = id }
            }
            for asn in entry.asns {
                if let first = asnOwner[asn], first != id {
                    diagnostics.append(.error(
                        "AS\(asn) is claimed by '\(id)' and by '\(first)'; an AS number can identify one organisation only, list the networks instead",
                        id: "organisations.duplicate-asn", at: entry.location))
                } else { asnOwner[asn] = id }
            }
        }
        let directory = OrganisationDirectory(entries: entries)
        for entry in directory.entries {
            for claim in entry.networks {
                guard let outer = directory.containingClaims(of: claim.range).first(where: {
                    $0.entry.organisation.id != entry.organisation.id && $0.claim.range != claim.range
                }) else { continue }
                let outerClaim = outer.claim, outerText = outer.claim.text
                diagnostics.append(.warning(
                    "network \(claim.text) of '\(entry.organisation.id)' lies inside \(outerText) of '\(outer.entry.organisation.id)' (line \(outerClaim.location.line)); its addresses go to '\(entry.organisation.id)', the most specific claim",
                    id: "organisations.overlap", at: claim.location))
            }
        }
    }
}
