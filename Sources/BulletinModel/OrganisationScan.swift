/// Everything the scans say about one organisation, merged across every scan document that named it.
public struct OrganisationScan: Sendable, Hashable {
    public var organisation: Organisation
    /// Hosts sorted by id; hosts of the same id from several documents are merged.
    public var hosts: [Host]
    /// The scanners that contributed, as `name version`, sorted and without duplicates.
    public var scanners: [String]
    /// The latest `scanned_at` of the merged documents (RFC 3339), if any gave one.
    public var scannedAt: String?
    /// Every document that contributed, in the order read.
    public var sources: [SourceLocation]

    public init(organisation: Organisation, hosts: [Host], scanners: [String], scannedAt: String?, sources: [SourceLocation]) {
        self.organisation = organisation
        self.hosts = hosts
        self.scanners = scanners
        self.scannedAt = scannedAt
        self.sources = sources
    }
}

/// Who an organisation is and whom to contact there.
public struct Organisation: Sendable, Hashable {
    /// `[a-z0-9][a-z0-9._-]{0,63}`; names the output folder.
    public var id: String
    public var name: String
    public var sector: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?
    public var contacts: [Contact]
    /// The sender's case or ticket reference.
    public var reference: String?
    /// BCP 47 language tag for the report.
    public var language: String?

    public init(id: String, name: String, sector: String?, country: String?, contacts: [Contact], reference: String?, language: String?) {
        self.id = id
        self.name = name
        self.sector = sector
        self.country = country
        self.contacts = contacts
        self.reference = reference
        self.language = language
    }

    /// A person or desk to notify.
    public struct Contact: Sendable, Hashable {
        public var name: String?
        public var email: String?
        public var role: String?

        public init(name: String?, email: String?, role: String?) {
            self.name = name
            self.email = email
            self.role = role
        }
    }

    /// The pattern an organisation id must match, as the scan format states it.
    public static let idPattern = "[a-z0-9][a-z0-9._-]{0,63}"

    /// Whether `id` is a valid organisation id (safe as a folder name on every platform we publish to).
    public static func isValidID(_ id: String) -> Bool {
        idProblem(id) == nil
    }

    /// Why `id` cannot name an organisation's folder, or `nil` when it can. Beyond the pattern,
    /// the site is copied to Windows file shares and unzipped there: a device name (`con`,
    /// `aux.json`) opens the device instead of the folder, and Windows drops a trailing dot, so
    /// `acme.` would land in `acme`'s folder.
    public static func idProblem(_ id: String) -> String? {
        let bytes = Array(id.utf8)
        func lowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard (1...64).contains(bytes.count), lowerAlnum(bytes[0]),
            bytes.dropFirst().allSatisfy({ lowerAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D })
        else {
            return "it names the output folder, so it must match \(idPattern) (lower-case letters, digits, '.', '_', '-')"
        }
        if bytes.last == 0x2E {
            return "it ends with '.', which Windows drops from folder names; remove the final '.'"
        }
        // Device names have three or four letters: only such a stem needs the set (splitting and
        // hashing every id cost more than the rest of the check).
        let stem = bytes.prefix { $0 != 0x2E }
        if (3...4).contains(stem.count), windowsDeviceNames.contains(String(decoding: stem, as: UTF8.self)) {
            return "'\(String(decoding: stem, as: UTF8.self))' is a device name on Windows, where the folder could not be opened; choose another id"
        }
        return nil
    }

    /// Names Windows reserves for devices, with or without an extension.
    static let windowsDeviceNames: Set<String> = Set(["con", "prn", "aux", "nul"] + (0...9).flatMap { ["com\($0)", "lpt\($0)"] })
}

/// One scanned machine.
public struct Host: Sendable, Hashable {
    /// Unique within the organisation.
    public var id: String
    public var hostname: String?
    public var addresses: [String]
    public var software: [SoftwareEntry]
    public var observations: [Observation]
    /// Where the host was declared (first declaration when merged).
    public var location: SourceLocation
    /// How many days back each log examined on the host reaches (the age of its oldest file when
    /// the host was scanned), by log name (`HttpProxy/Ecp`, `ECP/Server`). Evidence older than
    /// that cannot have been seen, so a clean result only speaks for that period.
    public var logAgeDays: [String: Double] = [:]

    public init(id: String, hostname: String?, addresses: [String], software: [SoftwareEntry], observations: [Observation], location: SourceLocation) {
        self.id = id
        self.hostname = hostname
        self.addresses = addresses
        self.software = software
        self.observations = observations
        self.location = location
    }
}

/// A product a scanner found installed or exposed on a host.
public struct SoftwareEntry: Sendable, Hashable {
    public var product: String
    public var version: String?
    public var vendor: String?
    /// How the scanner learned the version: `registry`, `owa-logon-page`, `x-owa-version`, ...
    public var source: String?
    public var location: SourceLocation

    public init(product: String, version: String?, vendor: String?, source: String?, location: SourceLocation) {
        self.product = product
        self.version = version
        self.vendor = vendor
        self.source = source
        self.location = location
    }
}
