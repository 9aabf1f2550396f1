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
                PlannedStep(step: step, markdown: fill(step.body, with: values), due: step.dueDays.flatMap(dueDate))
            }
    }

    /// Replaces `{{name}}` with the escaped value. A value the host lacks becomes "(unknown)"
    /// rather than a silent gap in an instruction.
    func fill(_ body: String, with values: [String: String]) -> String {
        var result = ""
        var rest = body[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[name] {
                result += value.isEmpty ? "(unknown)" : TextEscaping.markdown(value)
            } else {
                result += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
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
