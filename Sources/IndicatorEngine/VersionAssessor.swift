import BulletinModel

/// Decides what a host's installed software means under an advisory's `affected` list, by the table
/// in `spec/advisory-format.md`.
///
/// The rules, in order, for a software entry that an `affected` entry names:
/// 1. `status: not_affected` entries: not affected.
/// 2. Missing or unparsable version: undetermined (and a warning for the analyst).
/// 3. At or above `fixed_from`: not affected. A three-part build whose parts equal `fixed_from`'s is
///    on the release (cumulative update) that first shipped the fix, so it is not affected either.
/// 4. On a branch (leading parts equal the branch's `build`): patched at or above the branch's
///    `fixed`, vulnerable below it, undetermined when the known parts cannot decide (a three-part
///    build seen from outside).
/// 5. Otherwise below `fixed_from`: vulnerable with no fix (`otherwise: no_fix`) or vulnerable.
public struct VersionAssessor: Sendable {
    public init() {}

    /// The result of assessing one host against one advisory.
    public struct Result: Sendable, Hashable {
        public var exposures: [Exposure]
        public var diagnostics: [Diagnostic]
    }

    /// Assesses every software entry of `host` that one of `advisory`'s entries names.
    public func assess(_ host: BulletinModel.Host, against advisory: Advisory) -> Result {
        var exposures: [Exposure] = []
        var diagnostics: [Diagnostic] = []
        for entry in host.software {
            guard let affected = advisory.affected.first(where: { $0.names(entry.product) }) else { continue }
            let exposure = assess(entry, against: affected)
            if exposure.status == .undetermined, entry.version.flatMap({ Version.parse($0, scheme: affected.scheme) }) == nil {
                let shown = entry.version.map { "'\($0.inert)'" } ?? "no version"
                diagnostics.append(.warning(
                    "host '\(host.id.inert)' has \(shown) for '\(entry.product.inert)', which is not a \(affected.scheme.rawValue) version; its status for \(advisory.id) is undetermined",
                    id: "assess.unparsable-version", at: entry.location))
            }
            exposures.append(exposure)
        }
        return Result(exposures: exposures, diagnostics: diagnostics)
    }

    /// Assesses one software entry against the `affected` entry that names it.
    public func assess(_ entry: SoftwareEntry, against affected: AffectedProduct) -> Exposure {
        var exposure = Exposure(
            status: .undetermined, product: affected.product, version: entry.version, branch: nil, fixed: nil,
            update: nil, fixedFrom: affected.fixedFrom, cves: affected.cves, reason: "", location: entry.location)
        if affected.declaredStatus == .notAffected {
            exposure.status = .notAffected
            exposure.cves = []
            exposure.reason = "\(affected.product) is not affected by this advisory."
            return exposure
        }
        guard let text = entry.version, let build = Version.parse(text, scheme: affected.scheme) else {
            exposure.reason = "The version of \(affected.product) could not be read, so its status cannot be decided."
            return exposure
        }
        if let fixedFromText = affected.fixedFrom, let fixedFrom = Version.parse(fixedFromText, scheme: affected.scheme) {
            let comparison = build.compare(to: fixedFrom)
            if comparison == .greater || comparison == .equal || (comparison == .undecided && namesRelease(build)) {
                exposure.status = .notAffected
                exposure.cves = []
                exposure.reason = "Build \(build) includes the fix, as every build from \(fixedFromText) does."
                return exposure
            }
        }
        if let branch = affected.branches.first(where: { isOn(build, branch: $0, scheme: affected.scheme) }) {
            exposure.branch = branch.name
            exposure.fixed = branch.fixed
            exposure.update = branch.update
            let fixed = Version.parse(branch.fixed, scheme: affected.scheme)
            switch fixed.map({ build.compare(to: $0) }) {
            case .greater?, .equal?:
                exposure.status = .patched
                exposure.cves = []
                exposure.reason = "Build \(build) on \(branch.name) includes the fix (\(branch.fixed) or later)."
            case .less?:
                exposure.status = .vulnerable
                exposure.reason = "Build \(build) on \(branch.name) is below the fixed build \(branch.fixed)."
            case .undecided?, nil:
                exposure.status = .undetermined
                exposure.reason = "Build \(build) is on \(branch.name), but its patch level cannot be seen from outside; the fixed build is \(branch.fixed)."
            }
            return exposure
        }
        guard !build.isPartial || namesRelease(build) else {
            exposure.reason = "Build \(build) is too incomplete to tell which release it is."
            return exposure
        }
        switch affected.otherwise {
        case .noFix:
            exposure.status = .vulnerableNoFix
            exposure.reason = "No security update exists for build \(build); upgrade to a supported release first."
        case .vulnerable:
            exposure.status = .vulnerable
            exposure.reason = affected.fixedFrom.map { "Build \(build) is below \($0), the first build with the fix." }
                ?? "Build \(build) is affected."
        }
        return exposure
    }

    /// Whether a partial build still names one release: an Exchange cumulative update is named by its
    /// first three parts, and every build of it is at least the release build.
    private func namesRelease(_ build: Version) -> Bool {
        build.parts.count >= 3
    }

    private func isOn(_ build: Version, branch: AffectedProduct.Branch, scheme: AffectedProduct.VersionScheme) -> Bool {
        guard let prefix = Version.parse(branch.build, scheme: scheme) else { return false }
        return build.starts(with: prefix)
    }
}
