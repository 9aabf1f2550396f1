import BulletinModel
import ContentLoading
import Foundation
import Testing

@testable import IndicatorEngine

/// Version assessment as the table in `spec/advisory-format.md` states it, over every row of the
/// ProxyLogon build table in `reference/proxylogon.md`, run against the shipped advisory: a
/// mistyped build in the content fails here.
@Suite struct VersionAssessorTests {
    /// The shipped advisory, loaded as a build would load it.
    static let advisory: Advisory = {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content").path
        let result = AdvisoryLoader().load(content: content)
        precondition(!result.diagnostics.containsError, "shipped advisory does not load: \(result.diagnostics)")
        return result.advisories.first { $0.id == "BUL-2021-0001" }!
    }()

    /// One row of the reference build table: product, CU, the CU's release build, the fixed build.
    struct Row: CustomTestStringConvertible, Sendable {
        var product: String
        var cu: String
        var release: String
        var fixed: String
        var testDescription: String { "\(product) \(cu)" }
    }

    static let rows: [Row] = [
        Row(product: "Exchange Server 2013", cu: "CU23", release: "15.0.1497.2", fixed: "15.0.1497.12"),
        Row(product: "Exchange Server 2013", cu: "CU22", release: "15.0.1473.3", fixed: "15.0.1473.6"),
        Row(product: "Exchange Server 2013", cu: "CU21", release: "15.0.1395.4", fixed: "15.0.1395.12"),
        Row(product: "Exchange Server 2013", cu: "SP1 (CU4)", release: "15.0.847.32", fixed: "15.0.847.64"),
        Row(product: "Exchange Server 2016", cu: "CU19", release: "15.1.2176.2", fixed: "15.1.2176.9"),
        Row(product: "Exchange Server 2016", cu: "CU18", release: "15.1.2106.2", fixed: "15.1.2106.13"),
        Row(product: "Exchange Server 2016", cu: "CU17", release: "15.1.2044.4", fixed: "15.1.2044.13"),
        Row(product: "Exchange Server 2016", cu: "CU16", release: "15.1.1979.3", fixed: "15.1.1979.8"),
        Row(product: "Exchange Server 2016", cu: "CU15", release: "15.1.1913.5", fixed: "15.1.1913.12"),
        Row(product: "Exchange Server 2016", cu: "CU14", release: "15.1.1847.3", fixed: "15.1.1847.12"),
        Row(product: "Exchange Server 2016", cu: "CU13", release: "15.1.1779.2", fixed: "15.1.1779.8"),
        Row(product: "Exchange Server 2016", cu: "CU12", release: "15.1.1713.5", fixed: "15.1.1713.10"),
        Row(product: "Exchange Server 2016", cu: "CU11", release: "15.1.1591.10", fixed: "15.1.1591.18"),
        Row(product: "Exchange Server 2016", cu: "CU10", release: "15.1.1531.3", fixed: "15.1.1531.12"),
        Row(product: "Exchange Server 2016", cu: "CU9", release: "15.1.1466.3", fixed: "15.1.1466.13"),
        Row(product: "Exchange Server 2016", cu: "CU8", release: "15.1.1415.2", fixed: "15.1.1415.8"),
        Row(product: "Exchange Server 2019", cu: "CU8", release: "15.2.792.3", fixed: "15.2.792.10"),
        Row(product: "Exchange Server 2019", cu: "CU7", release: "15.2.721.2", fixed: "15.2.721.13"),
        Row(product: "Exchange Server 2019", cu: "CU6", release: "15.2.659.4", fixed: "15.2.659.12"),
        Row(product: "Exchange Server 2019", cu: "CU5", release: "15.2.595.3", fixed: "15.2.595.8"),
        Row(product: "Exchange Server 2019", cu: "CU4", release: "15.2.529.5", fixed: "15.2.529.13"),
        Row(product: "Exchange Server 2019", cu: "CU3", release: "15.2.464.5", fixed: "15.2.464.15"),
        Row(product: "Exchange Server 2019", cu: "CU2", release: "15.2.397.3", fixed: "15.2.397.11"),
        Row(product: "Exchange Server 2019", cu: "CU1", release: "15.2.330.5", fixed: "15.2.330.11"),
        Row(product: "Exchange Server 2019", cu: "RTM", release: "15.2.221.12", fixed: "15.2.221.18"),
    ]

    private func assess(_ product: String, _ version: String?) -> Exposure? {
        let host = Host(
            id: "h", hostname: nil, addresses: [],
            software: [SoftwareEntry(product: product, version: version, vendor: nil, source: nil, location: SourceLocation(file: "t.json"))],
            observations: [], location: SourceLocation(file: "t.json"))
        return VersionAssessor().assess(host, against: Self.advisory).exposures.first
    }

    private static func revision(_ build: String, plus delta: Int) -> String {
        var parts = build.split(separator: ".").map { Int($0)! }
        parts[3] += delta
        return parts.map(String.init).joined(separator: ".")
    }

    /// `15.2.792.3` written as `15.02.0792.003`, as some tools print builds.
    private static func zeroPadded(_ build: String) -> String {
        let parts = build.split(separator: ".").map { Int($0)! }
        return String(format: "%d.%02d.%04d.%03d", parts[0], parts[1], parts[2], parts[3])
    }

    @Test(arguments: rows)
    func everyRowOfTheBuildTable(_ row: Row) throws {
        let threeParts = row.release.split(separator: ".").prefix(3).joined(separator: ".")
        let cases: [(String, HostStatus)] = [
            (row.release, .vulnerable),
            (Self.revision(row.fixed, plus: -1), .vulnerable),
            (row.fixed, .patched),
            (Self.revision(row.fixed, plus: 1), .patched),
            (Self.zeroPadded(row.release), .vulnerable),
            (Self.zeroPadded(row.fixed), .patched),
            (threeParts, .undetermined),
        ]
        for (version, expected) in cases {
            let exposure = try #require(assess(row.product, version))
            #expect(exposure.status == expected, "\(row.product) \(version)")
            #expect(exposure.branch == row.cu, "\(row.product) \(version)")
            #expect(exposure.fixed == row.fixed, "\(row.product) \(version)")
            #expect(exposure.update == "KB5000871", "\(row.product) \(version)")
        }
    }

    @Test(arguments: [
        // At and above fixed_from: the CU includes the fix.
        ("Exchange Server 2016", "15.1.2242.4", HostStatus.notAffected),
        ("Exchange Server 2016", "15.1.2308.8", .notAffected),
        ("Exchange Server 2016", "15.1.2242", .notAffected),
        ("Exchange Server 2019", "15.2.858.5", .notAffected),
        ("Exchange Server 2019", "15.02.0858.005", .notAffected),
        ("Exchange Server 2019", "15.2.922.7", .notAffected),
        // Below every branch, or between branches: no update exists.
        ("Exchange Server 2016", "15.1.1261.35", .vulnerableNoFix),
        ("Exchange Server 2016", "15.1.225.16", .vulnerableNoFix),
        ("Exchange Server 2016", "15.1.1261", .vulnerableNoFix),
        ("Exchange Server 2013", "15.0.1365.1", .vulnerableNoFix),
        ("Exchange Server 2013", "15.0.1497.15", .patched),
        ("Exchange Server 2019", "15.2.196.0", .vulnerableNoFix),
        // Exchange 2010: CVE-2021-26857 only, fixed by Update Rollup 32 on SP3.
        ("Exchange Server 2010", "14.3.509.0", .vulnerable),
        ("Exchange Server 2010", "14.3.513.0", .patched),
        ("Exchange Server 2010", "14.2.390.3", .vulnerableNoFix),
        ("Exchange Online", "15.20.3912.24", .notAffected),
        ("Exchange Online", nil, .notAffected),
        // Names are matched case-insensitively, and vendor-prefixed names are listed.
        ("microsoft exchange server 2019", "15.2.792.3", .vulnerable),
        // Versions that cannot be read.
        ("Exchange Server 2019", nil, .undetermined),
        ("Exchange Server 2019", "CU8", .undetermined),
        ("Exchange Server 2019", "15.2", .undetermined),
        ("Exchange Server 2019", "15.2.792.3.1", .undetermined),
    ] as [(String, String?, HostStatus)])
    func casesOutsideTheBranchRows(_ product: String, _ version: String?, _ expected: HostStatus) throws {
        let exposure = try #require(assess(product, version))
        #expect(exposure.status == expected)
    }

    @Test func exchange2010IsAffectedByOneCVEOnlyAndGetsItsOwnUpdate() throws {
        let exposure = try #require(assess("Exchange Server 2010", "14.3.509.0"))
        #expect(exposure.cves == ["CVE-2021-26857"])
        #expect(exposure.update == "KB5000978")
        #expect(exposure.fixed == "14.3.513.0")
    }

    @Test func productsTheAdvisoryDoesNotNameAreNotAssessed() {
        #expect(assess("Microsoft IIS 10.0", "10.0.17763.1") == nil)
    }

    @Test func anUnreadableVersionIsUndeterminedWithALocatedWarning() {
        let location = SourceLocation(file: "scan.json", jsonPointer: "/hosts/0/software/0")
        let host = Host(
            id: "mail", hostname: nil, addresses: [],
            software: [SoftwareEntry(product: "Exchange Server 2019", version: "CU8", vendor: nil, source: nil, location: location)],
            observations: [], location: location)
        let result = VersionAssessor().assess(host, against: Self.advisory)
        #expect(result.exposures.map(\.status) == [.undetermined])
        #expect(result.diagnostics == [
            .warning("host 'mail' has 'CU8' for 'Exchange Server 2019', which is not a exchange-build version; its status for BUL-2021-0001 is undetermined", id: "assess.unparsable-version", at: location)
        ])
    }

    @Test func aHostIsAsBadAsItsWorstSoftwareEntry() {
        let location = SourceLocation(file: "t.json")
        let host = Host(
            id: "mail", hostname: nil, addresses: [],
            software: [
                SoftwareEntry(product: "Exchange Server 2019", version: "15.2.721", vendor: nil, source: "owa-logon-page", location: location),
                SoftwareEntry(product: "Exchange Server 2019", version: "15.2.721.2", vendor: nil, source: "registry", location: location),
            ],
            observations: [], location: location)
        let exposures = VersionAssessor().assess(host, against: Self.advisory).exposures
        #expect(HostAssessment(hostID: "mail", exposures: exposures, findings: []).status == .vulnerable)
    }
}
