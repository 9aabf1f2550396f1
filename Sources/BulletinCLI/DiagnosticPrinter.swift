import BulletinModel
import Foundation

/// Prints diagnostics to standard error, as the Swift compiler does or as JSON lines for CI.
struct DiagnosticPrinter {
    enum Format: String, CaseIterable {
        case text
        case json
    }

    var format: Format

    /// Prints `diagnostics` in file order (then line, column), errors and warnings alike.
    func print(_ diagnostics: [Diagnostic]) {
        let ordered = diagnostics.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            switch (la, lb) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return (x.file, x.line, x.column, a.offset) < (y.file, y.line, y.column, b.offset)
            }
        }.map(\.element)
        var text = ""
        for diagnostic in ordered {
            text += format == .text ? Self.printable(diagnostic.description) : json(diagnostic)
            text += "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The longest diagnostic line printed whole; longer ones keep their start and end.
    static let longestLine = 1000

    /// A message as it may reach a terminal or CI log. Summaries quote input (host ids, versions,
    /// keys) that attackers write: whatever a message's author forgot to make inert, no escape
    /// sequence, bidi override or line break from it reaches the terminal, and no megabyte value
    /// buries the advice at the end of the line.
    static func printable(_ message: String) -> String {
        var scalars = Array(message.unicodeScalars)
        if scalars.count > longestLine {
            let keep = longestLine / 2
            scalars = Array(scalars.prefix(keep)) + Array(" … ".unicodeScalars) + Array(scalars.suffix(keep))
        }
        return scalars.map(\.inertForm).joined()
    }

    private func json(_ diagnostic: Diagnostic) -> String {
        struct Line: Encodable {
            var severity: String
            var file: String?
            var line: Int?
            var column: Int?
            var pointer: String?
            var id: String
            var summary: String
        }
        let location = diagnostic.location
        let line = Line(
            severity: diagnostic.severity.rawValue, file: location?.file, line: location.flatMap { $0.line > 0 ? $0.line : nil },
            column: location.flatMap { $0.column > 0 ? $0.column : nil }, pointer: location?.jsonPointer,
            id: diagnostic.id, summary: Self.printable(diagnostic.summary))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
