import BulletinModel

/// An Exchange software entry as a scanner reports it, with the status the shipped ProxyLogon
/// advisory gives it.
///
/// The status is written down here from Microsoft's build tables (reference/proxylogon.md), not
/// computed by bulletin's version assessor, so that a corpus can check the assessor.
struct ExchangeBuild: Sendable {
    var product: String
    var version: String
    /// Where the build was read: `registry` (an internal sweep: four parts), `x-owa-version` (an
    /// HTTP header: four parts) or `owa-logon-page` (the logon page's resource path: three parts).
    var source: String
    var status: HostStatus

    /// The entry as the scan format's `software` object.
    var json: JSONText {
        .members(["product": .string(product), "version": .string(version), "source": .string(source)])
    }

    /// A cumulative update that has a March 2021 security update: its release build and fixed build.
    struct SupportedUpdate: Sendable {
        var product: Int
        var release: String
        var fixed: String
        var weight: Int
    }

    /// The supported cumulative updates, weighted towards the recent ones most servers ran.
    static let supported: [SupportedUpdate] = [
        .init(product: 2013, release: "15.0.1497.2", fixed: "15.0.1497.12", weight: 12),
        .init(product: 2013, release: "15.0.1473.3", fixed: "15.0.1473.6", weight: 3),
        .init(product: 2013, release: "15.0.1395.4", fixed: "15.0.1395.12", weight: 2),
        .init(product: 2013, release: "15.0.847.32", fixed: "15.0.847.64", weight: 1),
        .init(product: 2016, release: "15.1.2176.2", fixed: "15.1.2176.9", weight: 14),
        .init(product: 2016, release: "15.1.2106.2", fixed: "15.1.2106.13", weight: 10),
        .init(product: 2016, release: "15.1.2044.4", fixed: "15.1.2044.13", weight: 5),
        .init(product: 2016, release: "15.1.1979.3", fixed: "15.1.1979.8", weight: 4),
        .init(product: 2016, release: "15.1.1913.5", fixed: "15.1.1913.12", weight: 3),
        .init(product: 2016, release: "15.1.1847.3", fixed: "15.1.1847.12", weight: 2),
        .init(product: 2016, release: "15.1.1779.2", fixed: "15.1.1779.8", weight: 2),
        .init(product: 2016, release: "15.1.1713.5", fixed: "15.1.1713.10", weight: 2),
        .init(product: 2016, release: "15.1.1591.10", fixed: "15.1.1591.18", weight: 1),
        .init(product: 2016, release: "15.1.1531.3", fixed: "15.1.1531.12", weight: 1),
        .init(product: 2016, release: "15.1.1466.3", fixed: "15.1.1466.13", weight: 1),
        .init(product: 2016, release: "15.1.1415.2", fixed: "15.1.1415.8", weight: 1),
        .init(product: 2019, release: "15.2.792.3", fixed: "15.2.792.10", weight: 8),
        .init(product: 2019, release: "15.2.721.2", fixed: "15.2.721.13", weight: 5),
        .init(product: 2019, release: "15.2.659.4", fixed: "15.2.659.12", weight: 3),
        .init(product: 2019, release: "15.2.595.3", fixed: "15.2.595.8", weight: 2),
        .init(product: 2019, release: "15.2.529.5", fixed: "15.2.529.13", weight: 1),
        .init(product: 2019, release: "15.2.464.5", fixed: "15.2.464.15", weight: 1),
        .init(product: 2019, release: "15.2.397.3", fixed: "15.2.397.11", weight: 1),
        .init(product: 2019, release: "15.2.330.5", fixed: "15.2.330.11", weight: 1),
        .init(product: 2019, release: "15.2.221.12", fixed: "15.2.221.18", weight: 1),
    ]

    /// Release builds of cumulative updates for which no security update exists (Exchange 2013
    /// CU10-CU20, Exchange 2016 RTM-CU7): upgrade first.
    static let unsupported: [(product: Int, release: String)] = [
        (2013, "15.0.1367.3"), (2013, "15.0.1365.1"), (2013, "15.0.1347.2"), (2013, "15.0.1320.4"), (2013, "15.0.1293.2"),
        (2013, "15.0.1263.5"), (2013, "15.0.1236.3"), (2013, "15.0.1210.3"), (2013, "15.0.1178.4"), (2013, "15.0.1156.6"),
        (2013, "15.0.1130.7"), (2016, "15.1.1261.35"), (2016, "15.1.1034.26"), (2016, "15.1.845.34"), (2016, "15.1.669.32"),
        (2016, "15.1.544.27"), (2016, "15.1.466.34"), (2016, "15.1.396.30"), (2016, "15.1.225.42"),
    ]

    /// A build for one host: about two in five on a vulnerable supported update, one in five
    /// patched, one in nine on an update with no fix, a few on Exchange 2010 or on the updates that
    /// already include the fix, and some with no Exchange entry at all (nil). Hosts swept from inside
    /// report the registry's four-part build; the others were seen from outside, where half show
    /// only three parts.
    static func draw(sweptInside: Bool, random: inout SplitMix64) -> ExchangeBuild? {
        let source = sweptInside ? "registry" : random.chance(0.5) ? "x-owa-version" : "owa-logon-page"
        let kind = random.pick(weighted: [(40, "vulnerable"), (22, "patched"), (11, "no-fix"), (5, "2010"), (3, "fixed-release"), (4, "none")])
        switch kind {
        case "vulnerable", "patched":
            let update = random.pick(weighted: supported.map { ($0.weight, $0) })
            let version = kind == "vulnerable" ? update.release : update.fixed
            if source == "owa-logon-page" {
                return ExchangeBuild(product: name(update.product, random: &random), version: threeParts(version), source: source, status: .undetermined)
            }
            return ExchangeBuild(product: name(update.product, random: &random), version: written(version, random: &random), source: source, status: kind == "vulnerable" ? .vulnerable : .patched)
        case "no-fix":
            let (product, release) = random.pick(unsupported)
            return ExchangeBuild(product: name(product, random: &random), version: source == "owa-logon-page" ? threeParts(release) : release, source: source, status: .vulnerableNoFix)
        case "2010":
            // Exchange 2010 SP3 is affected by CVE-2021-26857 only; Update Rollup 32 (14.3.513.0) fixes it.
            // Its logon page shows the build as well, so every source sees four parts.
            let (version, status): (String, HostStatus) = random.pick([
                ("14.3.509.0", .vulnerable), ("14.3.496.0", .vulnerable), ("14.3.513.0", .patched), ("14.2.247.5", .vulnerableNoFix),
            ])
            return ExchangeBuild(product: name(2010, random: &random), version: version, source: sweptInside ? "registry" : "x-owa-version", status: status)
        case "fixed-release":
            let (product, version) = random.pick([(2016, "15.1.2242.4"), (2019, "15.2.858.5")])
            return ExchangeBuild(product: name(product, random: &random), version: source == "owa-logon-page" ? threeParts(version) : version, source: source, status: .notAffected)
        default:
            return nil
        }
    }

    /// The product name, in the two spellings scanners use.
    private static func name(_ year: Int, random: inout SplitMix64) -> String {
        (random.chance(0.2) ? "Microsoft Exchange Server " : "Exchange Server ") + String(year)
    }

    private static func threeParts(_ version: String) -> String {
        version.split(separator: ".").prefix(3).joined(separator: ".")
    }

    /// One build in ten written zero-padded, as `X-OWA-Version` and some inventories do
    /// (`15.02.0792.010`).
    private static func written(_ version: String, random: inout SplitMix64) -> String {
        guard random.chance(0.1) else { return version }
        let parts = version.split(separator: ".").map(String.init)
        let widths = [2, 2, 4, 3]
        return zip(parts, widths).map { part, width in String(repeating: "0", count: max(0, width - part.count)) + part }.joined(separator: ".")
    }
}
