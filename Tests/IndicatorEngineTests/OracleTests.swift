import BulletinModel
import ContentLoading
import Foundation
import Testing

@testable import IndicatorEngine

/// bulletin against the OASIS reference implementations, on the verdicts they recorded.
///
/// `Tests/Oracle/cases.json` holds patterns with host observations in bulletin's scan format;
/// `oracle.py` ran them through `stix2-matcher` (STIX 2.1) into `verdicts.json`, with the union of
/// the observations of all its bindings for each match in `evidence.json`, and ran the patterns
/// of `patterns.json` through the `stix2-patterns` validator into `pattern-verdicts.json`
/// (`check.sh` proves in CI that the committed verdicts are what the oracle says). Here the same
/// observations go through bulletin's scan loader, observation view and matcher, and every verdict
/// must agree, evidence included, except the disagreements listed below with the reason bulletin
/// differs on purpose.
@Suite struct OracleTests {
    /// What an implementation said about a case.
    enum Verdict: Hashable, CustomStringConvertible {
        case match, noMatch
        /// The pattern was refused (bulletin: at compile time; the oracle: it raised while matching).
        case error

        var description: String {
            switch self {
            case .match: "match"
            case .noMatch: "no match"
            case .error: "error"
            }
        }
    }

    // MARK: Deliberate disagreements

    /// Cases where bulletin differs from stix2-matcher on purpose, with the reason.
    static let deliberateCases: [String: String] = {
        let noExists = "stix2-matcher has no EXISTS operator: it ignores NOT before EXISTS and fails on EXISTS beside AND; bulletin follows the STIX specification"
        let noIPv6 = "stix2-matcher raises on anything but IPv4 in ISSUBSET/ISSUPERSET; bulletin also compares IPv6 and answers false for values that are no address"
        let likeNewline = "stix2-matcher turns LIKE into a Python regex where % and _ do not match a line break and $ matches before a final one; bulletin gives LIKE its SQL meaning, as the STIX specification does"
        let backtracking = "Python's re supports it; bulletin refuses constructs that need backtracking so that MATCHES runs in linear time on hostile scan data"
        let timestamp = "stix2-matcher raises when a t'...' literal meets a string that is no timestamp; bulletin treats the two as not equal"
        let sdo = "bulletin refuses object types that are not STIX Cyber-observables at compile time (stix2-matcher silently never matches them)"
        return [
            "exists-and": noExists, "exists-absent-not": noExists, "exists-nested-absent-not": noExists,
            "exists-present-not": noExists, "exists-nested-not": noExists, "exists-ref-not": noExists,
            "subset-ipv6": noIPv6, "subset-ipv6-not": noIPv6, "subset-not-address": noIPv6, "subset-not-address-not": noIPv6,
            "like-newline-percent": likeNewline, "like-trailing-newline": likeNewline, "like-newline-underscore": likeNewline,
            "re-error-backref": backtracking, "re-error-lookahead": backtracking, "re-error-lookbehind": backtracking,
            "re-error-possessive": backtracking, "re-error-atomic": backtracking,
            "lit-ts-vs-nontimestamp": timestamp,
            "type-sdo": sdo, "type-unknown": sdo, "type-custom-upper": sdo,
        ]
    }()

    /// Patterns that bulletin judges differently from the stix2-patterns validator, with the reason.
    static let deliberatePatterns: [String: String] = {
        let types = "bulletin knows the STIX 2.1 Cyber-observable types and refuses others (with a suggestion); the validator accepts any name"
        let calendar = "bulletin checks what the validator leaves to chance (calendar dates, an empty START/STOP window)"
        let runtime = "stix2-matcher refuses this only when matching; bulletin refuses it when compiling, located in indicators.yml"
        let regex = "bulletin compiles MATCHES expressions and refuses invalid ones and those that need backtracking"
        let cidr = "bulletin parses ISSUBSET/ISSUPERSET operands when compiling"
        let hashes = "the validator checks hash values against their algorithm's length; bulletin matches any string and leaves that to the samples"
        var reasons: [String: String] = [
            "strict-unknown-type": types, "strict-sdo-type": types, "strict-upper-type": types, "strict-custom-upper": types,
            "strict-feb-30": calendar, "strict-start-after-stop": calendar, "strict-start-equals-stop": calendar,
            "strict-within-zero": runtime, "strict-repeats-zero": runtime, "strict-mixed-in": runtime,
            "strict-bad-regex": regex, "strict-backref-regex": regex,
            "strict-bad-cidr": cidr, "strict-bad-ipv4-cidr-prefix": cidr,
            "invalid-bad-hash": hashes, "invalid-bad-md5": hashes,
        ]
        // Case patterns the matcher refuses at match time (or bulletin refuses on purpose) and the
        // validator accepts.
        for (id, reason) in deliberateCases where id.hasPrefix("type-") || id.hasPrefix("re-error-") {
            reasons["case-" + id] = reason
        }
        for id in ["lit-mixed-in", "lit-mixed-in-bool", "repeats-0", "within-zero"] { reasons["case-" + id] = runtime }
        reasons["case-re-escape-unicode"] = "stix2-matcher also compiles the expression as bytes and fails on \\u when matching; bulletin refuses \\u when compiling"
        for id in ["re-error-bad-escape", "re-error-bad-range", "re-error-global-flags-late", "re-error-multiple-repeat",
                   "re-error-nothing-to-repeat", "re-error-unbalanced", "re-error-unterminated-class"] {
            reasons["case-" + id] = regex
        }
        return reasons
    }()

    // MARK: Cases

    @Test func theOracleCoversEnough() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 300)
        #expect(try Self.patterns().count >= 100)
        #expect(Set(cases.map(\.id)) == Set(try Self.verdicts(file: "verdicts.json").keys))
    }

    @Test(arguments: try OracleTests.cases().map(\.id))
    func agreesWithReferenceMatcher(caseID: String) throws {
        let verdicts = try Self.verdicts(file: "verdicts.json")
        let oracle = try #require(verdicts[caseID], "no recorded verdict; run Tests/Oracle/check.sh")
        let (ours, evidence) = try Self.bulletinVerdict(caseID)
        if let reason = Self.deliberateCases[caseID] {
            #expect(ours != oracle, "listed as a deliberate disagreement but agrees now: \(reason)")
        } else {
            #expect(ours == oracle, "stix2-matcher says \(oracle), bulletin says \(ours)")
            if oracle == .match {
                // The observations of all the reference matcher's bindings are the evidence.
                let expected = try Self.evidence()[caseID]
                #expect(evidence == expected, "evidence differs from the union of stix2-matcher's bindings")
            }
        }
    }

    @Test(arguments: try OracleTests.patterns().map(\.id))
    func agreesWithReferenceValidator(patternID: String) throws {
        let verdicts = try Self.verdicts(file: "pattern-verdicts.json")
        let pattern = try #require(try Self.patterns().first { $0.id == patternID }).pattern
        let validatorAccepts = try #require(verdicts[patternID]) == .match
        let bulletinAccepts = (try? RuleCompiler().compile(pattern: pattern)) != nil
        func word(_ accepts: Bool) -> String { accepts ? "valid" : "invalid" }
        if let reason = Self.deliberatePatterns[patternID] {
            #expect(bulletinAccepts != validatorAccepts, "listed as a deliberate disagreement but agrees now: \(reason)")
        } else {
            #expect(bulletinAccepts == validatorAccepts, "the validator says \(word(validatorAccepts)), bulletin says \(word(bulletinAccepts))")
        }
    }

    @Test func everyDeliberateDisagreementNamesAnExistingCase() throws {
        let caseIDs = Set(try Self.cases().map(\.id))
        let patternIDs = Set(try Self.patterns().map(\.id))
        #expect(Set(Self.deliberateCases.keys).subtracting(caseIDs).isEmpty)
        #expect(Set(Self.deliberatePatterns.keys).subtracting(patternIDs).isEmpty)
    }

    // MARK: Running bulletin

    /// bulletin's verdict on a case, and its evidence as entry indices (software first).
    static func bulletinVerdict(_ caseID: String) throws -> (Verdict, [Int]) {
        let oracleCase = try #require(try cases().first { $0.id == caseID })
        let host = try #require(try hosts()[caseID], "the scan loader dropped the case's host")
        guard let (pattern, compiled) = try? RuleCompiler().compile(pattern: oracleCase.pattern) else { return (.error, []) }
        let data = ObservedData(host: host)
        let evaluation = compiled.evaluate(data)
        #expect(evaluation.isComplete)
        let index = RuleIndex(patterns: [pattern])
        if evaluation.matched {
            // The prefilter must never hide a match: every matching case is also an index candidate.
            #expect(index.candidates(forObjectsOf: data.entries.map(\.objects)) == [0], "RuleIndex left out \(caseID)")
        }
        // Probing the observations' property streams finds what probing their built objects does.
        #expect(index.candidates(for: host) == index.candidates(forObjectsOf: data.entries.map(\.objects)), "stream probe of \(caseID)")
        // Each bracketed expression decided on the property stream agrees with the built objects.
        for (number, condition) in compiled.conditions.enumerated() {
            guard let paths = compiled.streamPaths[number] else { continue }
            for (entry, observation) in host.observations.enumerated() {
                if case .other = observation.kind { continue }
                let objects = data.entries[host.software.count + entry].objects
                #expect(ConditionProbe.holds(condition, paths: paths, in: observation) == condition.holds(forAnyOf: objects),
                        "stream decision of \(caseID), expression \(number), observation \(entry)")
            }
        }
        // The matcher's path (index candidates per entry, single expressions tested on their
        // anchored entries only) gives the same verdict and evidence as testing every entry.
        let indicator = Indicator(
            id: caseID, title: caseID, verdict: .suspicious, confidence: .low, status: .experimental, cves: [], pattern: oracleCase.pattern,
            patternOrigin: TextOrigin(file: "cases.json", lineStarts: []), description: nil, remediation: [], matchSamples: [],
            noMatchSamples: [], advisoryID: "ORACLE", location: SourceLocation(file: "cases.json"))
        let (ruleSet, problems) = RuleCompiler().compile([indicator])
        #expect(problems.isEmpty)
        let finding = Matcher(ruleSet: ruleSet).match(host).findings.first
        #expect((finding != nil) == evaluation.matched, "matcher and evaluator disagree on \(caseID)")
        #expect(finding.map { $0.evidence.count } ?? 0 == evaluation.evidence.count, "evidence of \(caseID)")
        return (evaluation.matched ? .match : .noMatch, evaluation.evidence)
    }

    // MARK: Files

    struct Case: Decodable {
        var id: String
        var pattern: String
    }

    struct PatternCase: Decodable {
        var id: String
        var pattern: String
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Oracle")

    static func cases() throws -> [Case] { try Files.shared.cases.get() }

    static func patterns() throws -> [PatternCase] { try Files.shared.patterns.get() }

    static func evidence() throws -> [String: [Int]] { try Files.shared.evidence.get() }

    static func verdicts(file: String) throws -> [String: Verdict] {
        try (file == "verdicts.json" ? Files.shared.verdicts : Files.shared.patternVerdicts).get()
    }

    /// Every case's host, read by bulletin's own scan loader from one batch document built from the
    /// cases' observations and software entries, so the cases are checked to be valid scan data.
    static func hosts() throws -> [String: BulletinModel.Host] { try Files.shared.hosts.get() }

    /// The oracle's files, read once for all tests.
    final class Files: Sendable {
        static let shared = Files()
        let cases: Result<[Case], any Error>
        let patterns: Result<[PatternCase], any Error>
        let verdicts: Result<[String: Verdict], any Error>
        let patternVerdicts: Result<[String: Verdict], any Error>
        let evidence: Result<[String: [Int]], any Error>
        let hosts: Result<[String: BulletinModel.Host], any Error>

        private init() {
            struct CaseFile: Decodable { var cases: [Case] }
            struct PatternFile: Decodable { var patterns: [PatternCase] }
            cases = Result {
                try JSONDecoder().decode(CaseFile.self, from: Data(contentsOf: directory.appendingPathComponent("cases.json"))).cases
            }
            patterns = Result {
                try JSONDecoder().decode(PatternFile.self, from: Data(contentsOf: directory.appendingPathComponent("patterns.json"))).patterns
            }
            verdicts = Result { try Files.readVerdicts("verdicts.json") }
            patternVerdicts = Result { try Files.readVerdicts("pattern-verdicts.json") }
            evidence = Result {
                try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: directory.appendingPathComponent("evidence.json")))
            }
            hosts = Result { try Files.load() }
        }

        private static func readVerdicts(_ file: String) throws -> [String: Verdict] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(file)))
            guard let values = object as? [String: Any] else { throw LoadFailure(diagnostics: []) }
            return values.mapValues { value in
                if let flag = value as? Bool { return flag ? .match : .noMatch }
                return .error
            }
        }

        private static func load() throws -> [String: BulletinModel.Host] {
            let file = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("cases.json")))
            guard let cases = (file as? [String: Any])?["cases"] as? [[String: Any]] else { throw LoadFailure(diagnostics: []) }
            var organisations: [[String: Any]] = []
            var caseIDs: [String: String] = [:]
            for (index, oracleCase) in cases.enumerated() {
                let organisation = "case-\(index)"
                caseIDs[organisation] = oracleCase["id"] as? String
                organisations.append([
                    "organisation": ["id": organisation, "name": organisation],
                    "hosts": [[
                        "id": "h", "observations": oracleCase["observations"] ?? [],
                        "software": oracleCase["software"] ?? [],
                    ]],
                ])
            }
            let document: [String: Any] = ["format": "bulletin.scan/1", "organisations": organisations]
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-oracle-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("cases.json")
            try JSONSerialization.data(withJSONObject: document).write(to: path)
            let result = ScanLoader().load(paths: [path.path])
            let errors = result.diagnostics.filter { $0.severity == .error }
            guard errors.isEmpty else { throw LoadFailure(diagnostics: errors) }
            var hosts: [String: BulletinModel.Host] = [:]
            for organisation in result.organisations {
                hosts[caseIDs[organisation.organisation.id] ?? ""] = organisation.hosts.first
            }
            return hosts
        }
    }

    struct LoadFailure: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }
}
