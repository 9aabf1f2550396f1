import BulletinModel

/// A site whose every template field is filled: an advisory with CVEs, builds, indicators, steps
/// and references, and organisations at several statuses with contacts, hosts, findings and
/// evidence. Golden tests render it, so a renamed view-model field shows up as a diff.
enum SiteFixture {
    static let here = SourceLocation(file: "scans/fixture.json", jsonPointer: "/hosts/0")

    static let publisher = Publisher(
        name: "Example CERT", website: "https://cert.example.org/", email: "notify@cert.example.org", phone: "+1 555 0100",
        verification: "Call us on the number on our website and quote the reference.", location: here)

    static let steps = [
        RemediationStep(
            id: "install-update", title: "Install the security update", order: 10, category: .vendorFix, when: [.vulnerable], dueDays: 7,
            body: "Install {{update}} on {{host}} to take {{product}} from {{version}} ({{branch}}) to {{fixed}} or later.", location: here),
        RemediationStep(
            id: "respond", title: "Respond to the compromise", order: 20, category: .incidentResponse, when: [.compromised], dueDays: 1,
            body: "Preserve evidence on {{host}}, then remove the web shells.\n\n- Reset credentials.\n- Report to your CERT.", location: here),
    ]

    static let indicator = Indicator(
        id: "FX-WEBSHELL", title: "Known web shell", verdict: .compromised, confidence: .high, status: .stable,
        cves: ["CVE-2021-27065"], pattern: "[file:hashes.'SHA-256' = 'b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0']",
        patternOrigin: TextOrigin(file: "indicators.yml", lineStarts: []), description: "A web shell **HAFNIUM** used.",
        remediation: ["respond"], matchSamples: [], noMatchSamples: [], advisoryID: "BUL-FX-1", location: here)

    static let advisory = Advisory(
        id: "BUL-FX-1", slug: "fixture-advisory", title: "Fixture advisory", summary: "A summary in one paragraph.",
        published: "2021-03-03", updated: "2021-03-16", severity: .critical, tlp: .clear, reportTLP: .amberStrict,
        cves: [
            Advisory.CVE(id: "CVE-2021-26855", title: "Server-side request forgery", cvssScore: 9.1, cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", kevAdded: "2021-11-03"),
            Advisory.CVE(id: "CVE-2021-27065", title: "Arbitrary file write", cvssScore: 7.8, cvssVector: nil, kevAdded: nil),
        ],
        references: [Advisory.Reference(title: "Vendor notice", url: "https://vendor.example/notice")],
        affected: [
            AffectedProduct(
                product: "Exchange Server 2019", names: ["Exchange Server 2019"], scheme: .exchangeBuild, cves: ["CVE-2021-26855", "CVE-2021-27065"],
                declaredStatus: .byVersion, fixedFrom: "15.2.858.5",
                branches: [AffectedProduct.Branch(name: "CU8", build: "15.2.792", fixed: "15.2.792.10", update: "KB5000871")],
                otherwise: .noFix, location: here),
            AffectedProduct(
                product: "Exchange Online", names: ["Exchange Online"], scheme: .dotted, cves: [], declaredStatus: .notAffected,
                fixedFrom: nil, branches: [], otherwise: .noFix, location: here),
        ],
        bodyHTML: "<h2>What happened</h2>\n<p>Body text.</p>\n", bodyMarkdown: "## What happened\n\nBody text.",
        remediation: steps, indicators: [indicator], location: SourceLocation(file: "advisory.md", line: 1, column: 1))

    static func organisation(_ id: String, name: String, sector: String?, hosts: [(Host, HostAssessment)]) -> OrganisationAssessment {
        let scan = OrganisationScan(
            organisation: Organisation(
                id: id, name: name, sector: sector, country: "NL",
                contacts: [Organisation.Contact(name: "Service desk", email: "desk@\(id).example.org", role: "technical")],
                reference: "CASE-\(id.uppercased())", language: "en"),
            hosts: hosts.map(\.0), scanners: ["sweep 1.0", "agent 2.1"], scannedAt: "2021-03-09T12:00:00Z", sources: [here])
        return OrganisationAssessment(scan: scan, advisories: [AdvisoryAssessment(advisoryID: advisory.id, hosts: hosts.map(\.1))])
    }

    static func host(_ id: String, version: String, status: HostStatus, branch: String?, findings: [Finding] = [], logAgeDays: [String: Double] = [:]) -> (Host, HostAssessment) {
        let entry = SoftwareEntry(product: "Exchange Server 2019", version: version, vendor: nil, source: "registry", location: here)
        var host = Host(id: id, hostname: "\(id).example.org", addresses: ["192.0.2.10"], software: [entry], observations: [], location: here)
        host.logAgeDays = logAgeDays
        let exposure = Exposure(
            status: status, product: "Exchange Server 2019", version: version, branch: branch, fixed: branch == nil ? nil : "15.2.792.10",
            update: branch == nil ? nil : "KB5000871", fixedFrom: "15.2.858.5", cves: status == .vulnerable ? ["CVE-2021-26855", "CVE-2021-27065"] : [],
            reason: "Reason for \(status.rawValue).", location: here)
        return (host, HostAssessment(hostID: id, exposures: [exposure], findings: findings))
    }

    static let webShell = Finding(
        indicatorID: "FX-WEBSHELL", title: "Known web shell", verdict: .compromised, confidence: .high, cves: ["CVE-2021-27065"],
        remediation: ["respond"],
        evidence: [
            Observation(
                kind: .file(Observation.File(path: #"C:\inetpub\wwwroot\aspnet_client\supp0rt.aspx"#, sha256: "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", size: 1712, modified: "2021-03-03T07:02:11Z")),
                time: "2021-03-03T07:02:11Z", source: "file sweep", origin: SourceLocation(file: "scans/acme.json", jsonPointer: "/hosts/0/observations/0")),
            Observation(
                kind: .httpRequest(Observation.HTTPRequest(method: "POST", url: "/ecp/y.js", status: 200, clientIP: "203.0.113.7", userAgent: "python-requests/2.25.1", log: "HttpProxy/Ecp", fields: ["AnchorMailbox": "ServerInfo~a]@mail01:444/autodiscover/autodiscover.xml?#"])),
                time: "2021-02-28T23:10:00Z", source: nil, origin: SourceLocation(file: "scans/acme.jsonl", line: 12, column: 1, jsonPointer: "/hosts/0/observations/1")),
        ])

    static let assessments = [
        organisation("acme", name: "Acme Water", sector: "Water", hosts: [
            host("mail01", version: "15.2.792.3", status: .vulnerable, branch: "CU8", findings: [webShell], logAgeDays: ["ECP/Server": 12.5, "HttpProxy/Ecp": 41.3]),
            host("mail02", version: "15.2.792.10", status: .patched, branch: "CU8"),
        ]),
        organisation("borough", name: "Borough Council", sector: "Local government", hosts: [
            host("exch", version: "15.2.792.3", status: .vulnerable, branch: "CU8")
        ]),
        organisation("calm", name: "Calm Clinic", sector: nil, hosts: [
            host("mx", version: "15.2.858.5", status: .notAffected, branch: nil)
        ]),
    ]
}
