/// The organisations a CERT notifies and the networks, AS numbers and domain names that identify
/// them (`Content/organisations.yml`): how an importer decides whose a scanned address is.
///
/// An address belongs to the organisation with the most specific network that contains it
/// (longest prefix, as routers decide), so a customer's /28 inside its provider's /16 goes to the
/// customer. Only when no network contains the address is the host name tried (the longest
/// registered domain it lies under), and only then the AS number: a domain names one organisation
/// even on shared hosting, while an AS often carries many customers' networks.
///
/// Lookups cost one hash probe per distinct prefix length in the directory (a handful in practice),
/// whatever the number of networks.
public struct OrganisationDirectory: Sendable {
    /// The organisations, sorted by id.
    public let entries: [Entry]
    /// Network tables by family and prefix length, longest prefix first.
    private let networkTables: [(isIPv4: Bool, prefixLength: Int, owners: [UInt128: Int])]
    private let domainOwners: [String: Int]
    private let asnOwners: [Int: Int]

    /// One organisation of the directory and what identifies it.
    public struct Entry: Sendable, Hashable {
        public var organisation: Organisation
        public var networks: [NetworkClaim]
        public var asns: [Int]
        /// Lower case, without a trailing dot.
        public var domains: [String]
        /// Where the entry starts in the directory file.
        public var location: SourceLocation

        public init(organisation: Organisation, networks: [NetworkClaim], asns: [Int], domains: [String], location: SourceLocation) {
            self.organisation = organisation
            self.networks = networks
            self.asns = asns
            self.domains = domains
            self.location = location
        }
    }

    /// A network an organisation claims, as written and where.
    public struct NetworkClaim: Sendable, Hashable {
        public var range: AddressRange
        /// The CIDR text as written in the directory.
        public var text: String
        public var location: SourceLocation

        public init(range: AddressRange, text: String, location: SourceLocation) {
            self.range = range
            self.text = text
            self.location = location
        }
    }

    /// Why an address or host was given to an organisation, for the importer's report.
    public enum Basis: Sendable, Hashable, CustomStringConvertible {
        case network(String)
        case domain(String)
        case asn(Int)

        public var description: String {
            switch self {
            case .network(let text): "network \(text)"
            case .domain(let name): "domain \(name)"
            case .asn(let number): "AS\(number)"
            }
        }
    }

    /// An organisation found for a scanned host, and why.
    public struct Match: Sendable, Hashable {
        public var entry: Entry
        public var basis: Basis
    }

    /// Builds the lookup tables. When two entries claim the same network, domain or AS number the
    /// first (in id order) keeps it; the loader reports such claims as errors before this matters.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.organisation.id < $1.organisation.id }
        var tables: [String: (isIPv4: Bool, prefixLength: Int, owners: [UInt128: Int])] = [:]
        var domains: [String: Int] = [:]
        var asns: [Int: Int] = [:]
        for (index, entry) in self.entries.enumerated() {
            for claim in entry.networks {
                let key = "\(claim.range.isIPv4)/\(claim.range.prefixLength)"
                var table = tables[key] ?? (claim.range.isIPv4, claim.range.prefixLength, [:])
                if table.owners[claim.range.lower] == nil { table.owners[claim.range.lower] = index }
                tables[key] = table
            }
            for domain in entry.domains where domains[domain] == nil { domains[domain] = index }
            for asn in entry.asns where asns[asn] == nil { asns[asn] = index }
        }
        networkTables = tables.values.sorted { ($0.prefixLength, $0.isIPv4 ? 1 : 0) > ($1.prefixLength, $1.isIPv4 ? 1 : 0) }
        domainOwners = domains
        asnOwners = asns
    }

    /// The entry with id `id`.
    public func entry(id: String) -> Entry? {
        entries.first { $0.organisation.id == id }
    }

    /// The owner of a scanned host: by its address, else its host name, else its AS number.
    public func owner(address: String?, hostname: String?, asn: Int?) -> Match? {
        if let address, let range = AddressRange(cidr: address), let match = owner(of: range) {
            return match
        }
        if let hostname, let match = owner(hostname: hostname) { return match }
        if let asn, let index = asnOwners[asn] { return Match(entry: entries[index], basis: .asn(asn)) }
        return nil
    }

    /// The organisation with the most specific network that contains `range` entirely.
    public func owner(of range: AddressRange) -> Match? {
        containingClaims(of: range).first.map { Match(entry: $0.entry, basis: .network($0.claim.text)) }
    }

    /// Every network claim that contains `range`, most specific first.
    public func containingClaims(of range: AddressRange) -> [(entry: Entry, claim: NetworkClaim)] {
        var matches: [(entry: Entry, claim: NetworkClaim)] = []
        for table in networkTables where table.isIPv4 == range.isIPv4 && table.prefixLength <= range.prefixLength {
            let masked = range.lower & AddressRange.mask(table.prefixLength)
            guard let index = table.owners[masked] else { continue }
            let entry = entries[index]
            if let claim = entry.networks.first(where: { $0.range.lower == masked && $0.range.prefixLength == table.prefixLength && $0.range.isIPv4 == table.isIPv4 }) {
                matches.append((entry, claim))
            }
        }
        return matches
    }

    /// The organisation with the longest registered domain that `hostname` is or lies under.
    public func owner(hostname: String) -> Match? {
        var name = Substring(hostname.lowercased())
        if name.hasSuffix(".") { name = name.dropLast() }
        while !name.isEmpty {
            if let index = domainOwners[String(name)] { return Match(entry: entries[index], basis: .domain(String(name))) }
            guard let dot = name.firstIndex(of: ".") else { break }
            name = name[name.index(after: dot)...]
        }
        return nil
    }
}
