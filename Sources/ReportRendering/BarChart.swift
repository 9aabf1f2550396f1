/// A horizontal bar chart as inline SVG: no script, no external request, labels escaped, with a
/// `<title>` and `<desc>` so that screen readers announce what it shows. The same numbers are laid
/// out as a table beside it by the template.
struct BarChart {
    struct Bar {
        var label: String
        var value: Int
        /// A CSS class for the bar's colour (`status-compromised`), or `nil` for the default.
        var cssClass: String?
    }

    var title: String
    var description: String
    var bars: [Bar]

    /// The chart's SVG markup (trusted: every text in it is escaped here).
    var svg: String {
        let labelWidth = 300, barWidth = 340, rowHeight = 26, top = 8
        let height = top * 2 + max(1, bars.count) * rowHeight
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        let titleID = "chart-" + String(UInt32(truncatingIfNeeded: stableHash(title)), radix: 16)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" aria-labelledby=\"\(titleID)-title \(titleID)-desc\">"
        svg += "<title id=\"\(titleID)-title\">\(TextEscaping.html(title))</title>"
        svg += "<desc id=\"\(titleID)-desc\">\(TextEscaping.html(description))</desc>"
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let width = bar.value == 0 ? 0 : max(2, bar.value * barWidth / maximum)
            let label = bar.label.count > 40 ? String(bar.label.prefix(39)) + "…" : bar.label
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"chart-label\">\(TextEscaping.html(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" class=\"bar \(bar.cssClass ?? "bar-default")\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(bar.value)</text>"
        }
        return svg + "</svg>"
    }

    /// FNV-1a, so that element ids are stable across runs (Swift's `hashValue` is seeded per process).
    private func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
