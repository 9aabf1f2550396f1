import CCMark
import Foundation

/// CommonMark to HTML through libcmark, the reference implementation.
///
/// cmark's default options drop raw HTML and `javascript:`/`vbscript:`/`data:` (except images)
/// URLs; `CMARK_OPT_UNSAFE` is never passed, so advisory bodies cannot inject markup.
enum CommonMark {
    static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        let length = markdown.utf8.count
        guard let rendered = markdown.withCString({ cmark_markdown_to_html($0, length, options) }) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
