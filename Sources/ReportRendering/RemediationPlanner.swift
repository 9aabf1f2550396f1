import BulletinModel
import CCMark
import Foundation

/// Chooses the remediation steps that fit one host and fills in the host's own facts.
///
/// A step applies when its `when` list holds one of the host's statuses, or when one of the host's
/// findings names it. A host has several statuses at once: a compromised server that is also
/// missing the update needs the incident response *and* the update, so the version status and each
/// finding's verdict count, not only the worst of them. Values are Markdown-escaped before they go into the step's CommonMark, so a hostile
/// host name stays text in both the Markdown and the HTML report.
struct RemediationPlanner {
    let advisory: Advisory
    /// The report date, `YYYY-MM-DD`, from which due dates count.
    let reportDate: String

    /// A step as it applies to one host.
    struct PlannedStep {
        var step: RemediationStep
        /// The step's Markdown with placeholders filled.
        var markdown: String
        /// `YYYY-MM-DD`, when the step has `due_days`.
        var due: String?
        /// The host's facts by placeholder name, as they were before escaping.
        var values: [String: String]

        /// The filled step as HTML.
        func html(planner: RemediationPlanner) -> String {
            RemediationHTML.render(body: step.body, filled: markdown, values: values, planner: planner)
        }
    }

    func steps(for host: Host, assessment: HostAssessment) -> [PlannedStep] {
        let exposure = assessment.decisiveExposure
        let statuses = Set([assessment.status] + (exposure.map { [$0.status] } ?? []) + assessment.findings.map(\.verdict.hostStatus))
        let called = Set(assessment.findings.flatMap(\.remediation))
        let values: [String: String] = [
            "host": host.hostname ?? host.id,
            "product": exposure?.product ?? "",
            "version": exposure?.version ?? "",
            "branch": exposure?.branch ?? "",
            "fixed": exposure?.fixed ?? "",
            "update": exposure?.update ?? "",
            "fixed_from": exposure?.fixedFrom ?? "",
        ]
        return advisory.remediation
            .filter { step in step.when.contains(where: statuses.contains) || called.contains(step.id) }
            .map { step in
                PlannedStep(step: step, markdown: fill(step.body, with: values), due: step.dueDays.flatMap(dueDate), values: values)
            }
    }

    /// Replaces `{{name}}` with the escaped value. A value the host lacks becomes "(unknown)"
    /// rather than a silent gap in an instruction; a name that is not a placeholder stays as written.
    ///
    /// It searches the UTF-8 bytes for the braces: every step of every affected host is filled, and
    /// Foundation's `range(of:)` made this 14% of a build.
    func fill(_ body: String, with values: [String: String]) -> String {
        TextEscaping.withUTF8(of: body) { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 64)
            var literalStart = 0
            var searchFrom = 0
            while let open = Self.braces(UInt8(ascii: "{"), in: bytes, from: searchFrom),
                let close = Self.braces(UInt8(ascii: "}"), in: bytes, from: open + 2)
            {
                if let value = values[Self.name(UnsafeBufferPointer(rebasing: bytes[(open + 2)..<close]))] {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[literalStart..<open]))
                    if value.isEmpty { result += "(unknown)".utf8 } else { TextEscaping.appendMarkdown(value, to: &result) }
                    literalStart = close + 2
                }
                searchFrom = close + 2
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[literalStart...]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The placeholder name between the braces, without the whitespace around it. ASCII names
    /// (every real one) are trimmed here; Foundation's trimming, which also knows the Unicode
    /// spaces, costs as much as the rest of filling a step and is kept for the others.
    private static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Where the next pair of `brace` starts, at or after `start`. `memchr` finds each candidate:
    /// a step's body is mostly text without braces, which a loop looked at byte by byte.
    private static func braces(_ brace: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        while index + 1 < bytes.count {
            guard let found = memchr(base + index, Int32(brace), bytes.count - 1 - index) else { return nil }
            let candidate = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if bytes[candidate + 1] == brace { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private func dueDate(_ days: Int) -> String? {
        Instant(date: reportDate)?.adding(days: days).date
    }
}

/// CommonMark to HTML through libcmark with its safe defaults (raw HTML and unsafe URLs dropped).
enum CommonMarkHTML {
    static func render(_ markdown: String) -> String {
        let length = markdown.utf8.count
        guard let rendered = markdown.withCString({ cmark_markdown_to_html($0, length, CMARK_OPT_DEFAULT | CMARK_OPT_SMART) }) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
