/// One entry of an advisory's `affected` list: a product, how its versions are compared, and which
/// builds are fixed.
public struct AffectedProduct: Sendable, Hashable {
    /// The product's display name.
    public var product: String
    /// The names scanners use for it, compared case-insensitively.
    public var names: [String]
    public var scheme: VersionScheme
    /// CVE ids that apply to this product.
    public var cves: [String]
    /// `not_affected` for products listed only to say they are safe.
    public var declaredStatus: DeclaredStatus
    /// This build and later are not affected.
    public var fixedFrom: String?
    /// Branches (cumulative updates, service packs) that received an update.
    public var branches: [Branch]
    /// What a build below `fixedFrom` that is on no branch is.
    public var otherwise: Otherwise
    /// Where the entry was read, for diagnostics about it.
    public var location: SourceLocation

    public init(
        product: String, names: [String], scheme: VersionScheme, cves: [String], declaredStatus: DeclaredStatus,
        fixedFrom: String?, branches: [Branch], otherwise: Otherwise, location: SourceLocation
    ) {
        self.product = product
        self.names = names
        self.scheme = scheme
        self.cves = cves
        self.declaredStatus = declaredStatus
        self.fixedFrom = fixedFrom
        self.branches = branches
        self.otherwise = otherwise
        self.location = location
    }

    /// Whether a scanner's product name names this entry.
    public func names(_ scannedProduct: String) -> Bool {
        let wanted = scannedProduct.lowercased()
        return names.contains { $0.lowercased() == wanted } || product.lowercased() == wanted
    }

    /// How versions of a product are written and ordered.
    public enum VersionScheme: String, Sendable, Hashable, CaseIterable {
        /// Exchange `major.minor.build.revision`; zero-padded parts allowed; three-part builds are
        /// what external scans see.
        case exchangeBuild = "exchange-build"
        /// Semantic versioning 2.0 (`1.2.3-rc.1+meta`).
        case semver
        /// Plain dotted numbers of any length.
        case dotted
    }

    /// The advisory's verdict on the product as a whole.
    public enum DeclaredStatus: String, Sendable, Hashable {
        /// Decided per build.
        case byVersion = "by_version"
        /// The whole product is safe.
        case notAffected = "not_affected"
    }

    /// What builds below `fixed_from` on no listed branch are.
    public enum Otherwise: String, Sendable, Hashable {
        /// Vulnerable with no update: upgrade to a supported branch first.
        case noFix = "no_fix"
        /// Vulnerable; the remedy is to move to `fixed_from` or later.
        case vulnerable
    }

    /// A line of updates: builds whose leading parts equal `build` are on it.
    public struct Branch: Sendable, Hashable {
        /// `CU19`, `SP3`, `RTM`.
        public var name: String
        /// The branch's leading version parts, such as `15.1.2176`.
        public var build: String
        /// The first build of the branch that carries the fix.
        public var fixed: String
        /// The update to install, such as `KB5000871`.
        public var update: String?

        public init(name: String, build: String, fixed: String, update: String?) {
            self.name = name
            self.build = build
            self.fixed = fixed
            self.update = update
        }
    }
}
