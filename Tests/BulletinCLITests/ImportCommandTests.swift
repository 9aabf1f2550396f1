import Foundation
import Testing

/// `bulletin import …` end to end, as an analyst runs it: import the fixtures (Tests/Fixtures, in
/// the real formats), build from what was imported, and read the statuses in index.json.
@Suite struct ImportCommandTests {
    static let fixtures = BulletinProcess.packageRoot.appendingPathComponent("Tests/Fixtures")

    private func statuses(_ bulletin: BulletinProcess) throws -> [String: String] {
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: organisations.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
    }

    private func hosts(_ bulletin: BulletinProcess, of organisation: String) throws -> [String: [String: Any]] {
        let organisations = try #require(try bulletin.index()["organisations"] as? [[String: Any]])
        let entry = try #require(organisations.first { $0["id"] as? String == organisation })
        let hosts = try #require((entry["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: hosts.map { ($0["id"] as? String ?? "", $0) })
    }

    @Test func importsShadowserverReportsThenBuildsTheStatusEachRowCallsFor() throws {
        let bulletin = try BulletinProcess()
        let reports = ["2021-03-10-scan_exchange-ie-cert.csv", "2021-03-11-scan_exchange-ie-cert.csv"].map {
            Self.fixtures.appendingPathComponent("shadowserver/\($0)").path
        }
        let imported = try bulletin.run(["import", "shadowserver"] + reports + ["--output", "Imported"])
        #expect(imported.status == 1, "two malformed rows were rejected")
        #expect(imported.stderr.contains("2021-03-10-scan_exchange-ie-cert.csv:9:23: error: row has '192.0.2.300' in column 'ip'"))
        #expect(imported.stderr.contains("2021-03-11-scan_exchange-ie-cert.csv:6:241: error: row has 19 fields"))
        #expect(imported.stderr.contains("bulletin: read 13 rows from 2 files: wrote 10 (9 hosts of 7 organisations into Imported), 1 unassigned (Imported/shadowserver-unassigned.csv), 2 rejected"))
        let unassigned = String(decoding: try #require(bulletin.snapshot("Imported")["shadowserver-unassigned.csv"]), as: UTF8.self)
        #expect(unassigned.contains(",6,2021-03-10 03:18:50,192.0.2.250,443,mail.unlisted-firm.example,"))

        let built = try bulletin.run(["build", "--scans", "Imported", "--date", "2021-03-16"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try statuses(bulletin) == [
            "granite-bank": "vulnerable",  // active probe on a build without the update
            "harbour-clinic": "vulnerable",
            "kestrel-freight": "vulnerable",  // CU19 release build, no tag
            "lakeside-logistics": "compromised",  // exchange;webshell on a three-part build
            "meadow-insurance": "not_affected",  // CU20 includes the fix
            "northfield-water": "undetermined",  // CU8 seen from outside: patch level unknown
            "quarry-labs": "compromised",
        ])
        let lakeside = try hosts(bulletin, of: "lakeside-logistics")["198.51.100.140"]
        #expect(lakeside?["version"] as? String == "15.1.2176")
        #expect(lakeside?["findings"] as? [String] == ["PL-UPSTREAM-WEBSHELL"])
    }

    @Test func importedScansMergeWithTheShippedSamples() throws {
        let bulletin = try BulletinProcess()
        let report = Self.fixtures.appendingPathComponent("shadowserver/2021-03-11-scan_exchange-ie-cert.csv").path
        _ = try bulletin.run(["import", "shadowserver", report, "--output", "Imported"])
        let built = try bulletin.run(["build", "--scans", "Content/scans", "Imported", "--date", "2021-03-16"])
        #expect(built.status == 0, "the directory repeats the samples' metadata, so nothing conflicts: \(built.stderr)")
        #expect(try statuses(bulletin)["granite-bank"] == "compromised")
        #expect(try hosts(bulletin, of: "granite-bank")["2001:db8:6a00::25"]?["status"] as? String == "vulnerable")
    }

    @Test func importsATestProxyLogonFolderThenBuildsACompromisedReportThatStatesTheLogAge() throws {
        let bulletin = try BulletinProcess()
        let folder = Self.fixtures.appendingPathComponent("test-proxylogon").path
        let imported = try bulletin.run(["import", "test-proxylogon", folder, "--organisation", "harbour-clinic", "--utc-offset", "+00:00", "--output", "Imported"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("bulletin: read 12 rows: wrote 12 (2 hosts of 1 organisation into Imported), 0 rejected"))
        #expect(bulletin.snapshot("Imported").keys.sorted() == ["harbour-clinic.test-proxylogon.json"])

        let built = try bulletin.run(["build", "--scans", "Imported", "--date", "2021-03-16"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try statuses(bulletin) == ["harbour-clinic": "compromised"])
        let hosts = try hosts(bulletin, of: "harbour-clinic")
        #expect(hosts["EXCH01"]?["status"] as? String == "compromised")
        #expect(hosts["EXCH01"]?["findings"] as? [String] == [
            "PL-26855-HTTPPROXY", "PL-26857-UM-EVENT", "PL-26858-OABGEN", "PL-27065-HTTPPROXY-RESETVDIR", "PL-ATTACKER-IP",
            "PL-LSASS-DUMP-FILE", "PL-STAGING-ARCHIVE", "PL-TPL-26858-OABLOG", "PL-TPL-27065-ECPLOG",
        ])
        #expect(hosts["EXCH-02"]?["status"] as? String == "unknown")
        let report = String(decoding: try #require(bulletin.snapshot("Output")["organisations/harbour-clinic/report.md"]), as: UTF8.self)
        #expect(report.contains("Evidence only reaches back 12 days (the ECP/Server log is the shortest kept): older activity cannot be seen."))
        #expect(report.contains("Evidence only reaches back 7 days"), "the German server's 7,4 days")
        let json = try #require(bulletin.snapshot("Output")["organisations/harbour-clinic/report.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let reportHosts = try #require((document["advisories"] as? [[String: Any]])?.first?["hosts"] as? [[String: Any]])
        let exch01 = try #require(reportHosts.first { $0["id"] as? String == "EXCH01" })
        #expect((exch01["log_age_days"] as? [String: Double])?["ECP/Server"] == 12.5)
    }

    @Test func refusesAnOrganisationTheDirectoryDoesNotKnow() throws {
        let bulletin = try BulletinProcess()
        let folder = Self.fixtures.appendingPathComponent("test-proxylogon").path
        let outcome = try bulletin.run(["import", "test-proxylogon", folder, "--organisation", "harbor-clinic", "--output", "Imported"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("Content/organisations.yml: error: organisation 'harbor-clinic' is not in the organisation directory"))
        #expect(bulletin.snapshot("Imported").isEmpty)
    }

    @Test func aSecondImportReplacesOnlyItsOwnFiles() throws {
        let bulletin = try BulletinProcess()
        let older = Self.fixtures.appendingPathComponent("shadowserver/2021-03-10-scan_exchange-ie-cert.csv").path
        let newer = Self.fixtures.appendingPathComponent("shadowserver/2021-03-11-scan_exchange-ie-cert.csv").path
        try bulletin.write("Imported/by-hand.json", #"{"format": "bulletin.scan/1", "organisation": {"id": "x", "name": "X"}, "hosts": []}"#)
        _ = try bulletin.run(["import", "shadowserver", older, "--output", "Imported"])
        _ = try bulletin.run(["import", "shadowserver", newer, "--output", "Imported"])
        #expect(bulletin.snapshot("Imported").keys.sorted() == [
            "by-hand.json", "granite-bank.shadowserver.json", "harbour-clinic.shadowserver.json",
            "northfield-water.shadowserver.json", "quarry-labs.shadowserver.json",
        ], "the first run's kestrel, lakeside and meadow documents and its unassigned report are gone")
    }

    @Test func importsTheSameInputToTheSameBytes() throws {
        let bulletin = try BulletinProcess()
        let folder = Self.fixtures.appendingPathComponent("test-proxylogon").path
        _ = try bulletin.run(["import", "test-proxylogon", folder, "--organisation", "harbour-clinic", "--output", "A"])
        _ = try bulletin.run(["import", "test-proxylogon", folder, "--organisation", "harbour-clinic", "--output", "B"])
        #expect(bulletin.snapshot("A") == bulletin.snapshot("B"))
    }

    @Test func everyImporterHasAManualPageWithAnExample() throws {
        let bulletin = try BulletinProcess()
        for command in [["import", "--help"], ["import", "shadowserver", "--help"], ["import", "test-proxylogon", "--help"]] {
            let outcome = try bulletin.run(command)
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("USAGE:"), "\(command)")
        }
        #expect(try bulletin.run(["import", "shadowserver", "--help"]).stdout.contains("bulletin import shadowserver reports/"))
        #expect(try bulletin.run(["import", "test-proxylogon", "--help"]).stdout.contains("--utc-offset"))
        #expect(try bulletin.run(["import", "test-proxylogon", "x", "--organisation", "a", "--utc-offset", "CET", "--output", "o"]).status == 64)
    }
}
