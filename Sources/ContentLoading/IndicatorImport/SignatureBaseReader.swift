import BulletinModel
import Foundation

/// Reads Neo23x0/signature-base IOC files as LOKI and THOR read them:
///
/// - `hash-iocs.txt`: `HASH;COMMENT` (or `HASH;SCORE;COMMENT`), the hash type told by its length
///   (32 MD5, 40 SHA-1, 64 SHA-256);
/// - `filename-iocs.txt`: `REGEX;SCORE[;FP_REGEX]`, a Python regular expression searched in the
///   full file path, case-sensitive, and a false-positive expression that cancels a match. A
///   comment line describes the entries below it; a row without a score keeps the score of the row
///   before it, as LOKI does.
///
/// Which of the two a file is comes from its name, as LOKI decides (`filename` or `hash` in it),
/// else from its first entry.
struct SignatureBaseReader {
    /// Hashes of an empty file and of a lone line break, which LOKI ignores: they would match every
    /// empty file on every host.
    static let trivialHashes: Set<String> = [
        "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "68b329da9893e34099c7d8ad5cb9c940", "adc83b19e793491b1c6ea0fd8b46cd9f32e592fc",
        "01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b",
        "81051bcc2cf1bedf378224b0a93e2877", "ba8ab5a0280b953aa97435ff8946cbcbb2755a27",
        "7eb70257593da06f682a3ddda54a9d260d4fc514f645237f5ca74b08f8da61a6",
    ]

    /// One line of the file with its number.
    private struct Line {
        var number: Int
        var text: Substring
    }

    func read(_ file: String) -> IndicatorImport {
        var result = IndicatorImport(feed: .signatureBase, file: file, entryNoun: "rows")
        guard let data = FileManager.default.contents(atPath: file) else {
            result.diagnostics.append(.error(FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file; pass the feed file to import", id: "import.unreadable", at: SourceLocation(file: file)))
            return result
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            result.diagnostics.append(.error("file is not valid UTF-8", id: "import.encoding", at: SourceLocation(file: file)))
            return result
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            Line(number: $0.offset + 1, text: $0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element)
        }
        if isHashFile(file, lines: lines) {
            result.entryNoun = "hash rows"
            readHashes(lines, into: &result)
        } else {
            result.entryNoun = "file name rows"
            readFileNames(lines, into: &result)
        }
        return result
    }

    private func isHashFile(_ file: String, lines: [Line]) -> Bool {
        let name = ProvenanceText.fileName(file).lowercased()
        if name.contains("filename") { return false }
        if name.contains("hash") { return true }
        guard let first = lines.first(where: { !String($0.text).trimmingWhitespace.isEmpty && !$0.text.hasPrefix("#") }) else { return false }
        let field = first.text.split(separator: ";", maxSplits: 1).first.map(String.init)?.trimmingWhitespace ?? ""
        return [32, 40, 64].contains(field.utf8.count) && field.utf8.allSatisfy { $0.isHexadecimalDigit }
    }

    private func readHashes(_ lines: [Line], into result: inout IndicatorImport) {
        let source = "signature-base \(ProvenanceText.code(ProvenanceText.fileName(result.file)))"
        for line in lines {
            let text = String(line.text)
            if text.trimmingWhitespace.isEmpty || text.hasPrefix("#") { continue }
            result.entriesRead += 1
            let location = SourceLocation(file: result.file, line: line.number, column: 1)
            let fields = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else {
                result.malformed("expected 'HASH;COMMENT' (a ';' after the hash); LOKI cannot read this row either", at: location)
                continue
            }
            let hash = fields[0].trimmingWhitespace
            var score = 100
            var comment = fields[1...].joined(separator: ";")
            if fields.count >= 3, let given = Int(fields[1].trimmingWhitespace) {
                score = given
                comment = fields[2...].joined(separator: ";")
            }
            comment = comment.trimmingWhitespace
            let kind: Observable.Kind? = switch hash.utf8.count { case 32: .md5; case 40: .sha1; case 64: .sha256; default: nil }
            guard let kind, case .success(let observable) = Observable.make(kind, hash) else {
                result.malformed("'\(hash.inert)' is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex digits)", at: location)
                continue
            }
            if Self.trivialHashes.contains(observable.value) {
                result.skip("hash of an empty file", detail: "\(observable.value) is the \(kind.label) of an empty file or a lone line break, which would match every such file (LOKI ignores it too)", at: location)
                continue
            }
            var facts = [kind.label, "score \(score)"]
            if !comment.isEmpty { facts.append(ProvenanceText.code(comment)) }
            result.indicators.append(ImportedIndicator(
                pattern: observable.pattern,
                title: comment.isEmpty ? observable.title : "Known malicious file: \(String(comment.prefix(100)))",
                verdict: observable.verdict, confidence: observable.confidence,
                provenance: ["\(source): " + facts.joined(separator: ", ")], location: location, idStem: observable.idStem))
        }
    }

    private func readFileNames(_ lines: [Line], into result: inout IndicatorImport) {
        let source = "signature-base \(ProvenanceText.code(ProvenanceText.fileName(result.file)))"
        var lastComment = ""
        var lastScore: (score: Int, line: Int)?
        for line in lines {
            let text = String(line.text)
            if text.trimmingWhitespace.isEmpty { continue }
            if text.hasPrefix("#") {
                lastComment = String(text.dropFirst()).trimmingWhitespace
                continue
            }
            result.entriesRead += 1
            let location = SourceLocation(file: result.file, line: line.number, column: 1)
            // Split as LOKI does: every field as written, blanks included.
            let fields = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count <= 3 else {
                result.malformed("expected 'REGEX;SCORE' or 'REGEX;SCORE;FP_REGEX' but found \(fields.count) fields; a ';' cannot appear inside a regular expression in this format (write it as \\x3b)", at: location)
                continue
            }
            var score: Int
            var inherited = false
            if fields.count >= 2 {
                let scoreColumn = fields[0].utf8.count + 2
                guard let given = Int(fields[1].trimmingWhitespace) else {
                    result.malformed("score '\(fields[1].inert)' is not a whole number (0-100)", at: SourceLocation(file: result.file, line: line.number, column: scoreColumn))
                    continue
                }
                score = given
                lastScore = (given, line.number)
            } else {
                // LOKI keeps the previous row's score for a row without one.
                score = lastScore?.score ?? 0
                inherited = true
            }
            let regex = fields[0]
            if regex.last == " " || regex.last == "\t" {
                // LOKI keeps the blank, so the path would have to contain it: almost always a typo.
                result.diagnostics.append(.warning(
                    "the regular expression ends in a blank, which the path must then contain (LOKI keeps it too); remove it if it is a typo",
                    id: "import.suspect-row", at: SourceLocation(file: result.file, line: line.number, column: regex.utf8.count)))
            }
            let falsePositive = fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil
            let expression: String
            switch LOKIPathExpression.translate(regex) {
            case .success(let translated): expression = translated
            case .failure(let problem):
                result.skip("cannot translate", detail: problem.message, at: location)
                continue
            }
            var pattern = "[file:x_path MATCHES \(Observable.literal(expression))"
            if let falsePositive {
                switch LOKIPathExpression.translate(falsePositive) {
                case .success(let fp): pattern += " AND file:x_path NOT MATCHES \(Observable.literal(fp))"
                case .failure(let problem):
                    result.skip("cannot translate", detail: "false-positive expression: \(problem.message)", at: SourceLocation(file: result.file, line: line.number, column: fields[0].utf8.count + fields[1].utf8.count + 3))
                    continue
                }
            }
            pattern += "]"
            var facts = [ProvenanceText.code(text)]
            switch (inherited, lastScore) {
            case (false, _): facts.append("score \(score)")
            case (true, let previous?): facts.append("score \(score) taken from line \(previous.line) as LOKI does")
            case (true, nil): facts.append("no score and no row before it, so 0 as LOKI does")
            }
            if !lastComment.isEmpty { facts.append("under " + ProvenanceText.code("# " + lastComment)) }
            result.indicators.append(ImportedIndicator(
                pattern: pattern,
                title: lastComment.isEmpty ? "File path matching \(regex)" : "\(String(lastComment.prefix(100))) (file path)",
                verdict: .suspicious, confidence: score >= 80 ? .medium : .low,
                provenance: ["\(source): " + facts.joined(separator: ", ")], location: location, idStem: "PATHREGEX"))
        }
    }
}
