import BulletinModel

/// Makes a national-scale corpus of scan results shaped like the March 2021 Exchange sweeps: the
/// input for benchmarks and for tests that need thousands of organisations.
///
/// Every organisation is made from its own random stream, derived from the seed and its number,
/// so organisation 17 is the same in a corpus of 100 and one of 30,000, a corpus can be written in
/// any order or in parallel, and the same seed always gives the same bytes.
///
/// The mix, per host: one to five hosts per organisation (most have one); builds as in
/// `ExchangeBuild.draw`; three in ten hosts swept from inside with a heavy-tailed log extract
/// (`ObservationCount`), the others seen from outside only; about 3.5% compromised (traces of the
/// attack chain inside, or an upstream `exchange;webshell` verdict outside), 1.5% of the swept
/// hosts only suspicious, and some externally probed hosts confirmed vulnerable by an
/// `exchange;cve-2021-26855` verdict.
public struct CorpusSynthesizer: Sendable {
    /// The seed every organisation's stream is derived from.
    public var seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// Organisation `number` (1-based) of the corpus.
    public func organisation(_ number: Int) -> SynthesizedOrganisation {
        var random = SplitMix64(seed: seed, item: number)
        let profile = OrganisationProfile(number: number, random: &random)
        let hostCount = random.pick(weighted: [(60, 1), (22, 2), (10, 3), (5, 4), (3, 5)])
        var hostIDs = ["mail", "mail01", "mail02", "exch01", "exch02", "owa", "webmail", "cas01", "mbx01", "hybrid"]
        var hosts: [JSONText] = []
        var planned: [String: HostStatus] = [:]
        var observationCount = 0
        var anySweptInside = false
        for _ in 0..<hostCount {
            let id = hostIDs.remove(at: random.below(hostIDs.count))
            let host = synthesizeHost(id: id, domain: profile.domain, random: &random)
            hosts.append(host.json)
            planned[id] = host.status
            observationCount += host.observationCount
            anySweptInside = anySweptInside || host.sweptInside
        }
        let scanner: JSONText = anySweptInside
            ? .members(["name": "exchange-triage", "version": "1.4.2"])
            : .members(["name": "ipv4-exchange-sweep", "version": "2021.03.1"])
        let document: JSONText = .members([
            "format": "bulletin.scan/1", "scanner": scanner,
            "scanned_at": .string(ServerContext.time(12 * 86_400 + random.below(3 * 86_400))),
            "organisation": profile.json, "hosts": .array(hosts),
        ])
        return SynthesizedOrganisation(id: profile.id, plannedHostStatuses: planned, observationCount: observationCount, document: document)
    }

    /// Organisations `numbers` as JSON Lines, in order.
    public func jsonLines(_ numbers: ClosedRange<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        for number in numbers {
            bytes += organisation(number).jsonLine
        }
        return bytes
    }

    private struct SynthesizedHost {
        var json: JSONText
        var status: HostStatus
        var observationCount: Int
        var sweptInside: Bool
    }

    private func synthesizeHost(id: String, domain: String, random: inout SplitMix64) -> SynthesizedHost {
        let sweptInside = random.chance(0.3)
        let build = ExchangeBuild.draw(sweptInside: sweptInside, random: &random)
        let address = random.pick(["192.0.2.", "198.51.100.", "203.0.113."]) + String(random.within(1...254))
        let server = ServerContext(
            hostname: id + "." + domain, address: address, domain: domain,
            exchange2010: build?.product.hasSuffix("2010") ?? false, random: &random)
        var status = build?.status ?? .unknown
        var observations: [JSONText] = []
        let compromised = random.chance(0.035)
        if sweptInside {
            let activity = ServerActivity(server: server)
            observations = (0..<ObservationCount.logExtract(random: &random)).map { _ in activity.observation(random: &random) }
            if compromised {
                insert(CompromiseTrace(server: server).observations(random: &random), into: &observations, random: &random)
                status = .compromised
            } else if random.chance(0.015) {
                insert([CompromiseTrace(server: server).suspiciousObservation(random: &random)], into: &observations, random: &random)
                status = max(status, .suspicious)
            }
        } else if compromised {
            observations = [CompromiseTrace(server: server).detection(random: &random)]
            status = .compromised
        } else if status == .undetermined || status == .vulnerable, random.chance(0.15) {
            // An active probe that answered through the request forgery: vulnerable whatever the build says.
            observations = [.members([
                "type": "detection", "time": "2021-03-10T02:00:00Z", "source": "upstream scanner feed", "name": "exchange;cve-2021-26855",
                "cve": "CVE-2021-26855", "url": .string("https://" + server.hostname + "/owa/auth/x.js"),
                "detail": "Active probe answered through X-BEResource-Cookie.",
            ])]
            status = .vulnerable
        }
        var addresses: [JSONText] = [.string(address)]
        if random.chance(0.3) {
            addresses.append(.string("2001:db8:" + random.hex(bytes: 2) + "::" + String(random.within(1...254), radix: 16)))
        }
        let json: JSONText = .members([
            "id": .string(id), "hostname": .string(server.hostname), "addresses": .array(addresses),
            "software": build.map { .array([$0.json]) } ?? .array([]),
            "observations": .array(observations),
        ])
        return SynthesizedHost(json: json, status: status, observationCount: observations.count, sweptInside: sweptInside)
    }

    /// Spreads `trace` over the extract, as attack rows sit among ordinary ones in a log.
    private func insert(_ trace: [JSONText], into observations: inout [JSONText], random: inout SplitMix64) {
        for row in trace {
            observations.insert(row, at: random.within(0...observations.count))
        }
    }
}
