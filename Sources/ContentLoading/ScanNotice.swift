import BulletinModel

/// A diagnostic from reading scans, with what makes it a once-per-run warning, so that documents
/// read in parallel can still warn once: the notices are gathered, put in file order, and only
/// the first of each kind is kept.
public struct ScanNotice: Sendable {
    public var diagnostic: Diagnostic
    /// For warnings reported once per run (unknown keys, unknown types): what makes two the same.
    public var onceKey: String?

    public init(diagnostic: Diagnostic, onceKey: String? = nil) {
        self.diagnostic = diagnostic
        self.onceKey = onceKey
    }

    init(_ diagnostic: Diagnostic, onceKey: String? = nil) {
        self.init(diagnostic: diagnostic, onceKey: onceKey)
    }

    /// The diagnostics of `notices` in file order (then line, column), keeping only the first
    /// warning of each once-per-run kind and none whose kind is in `alreadyWarned`.
    public static func diagnostics(_ notices: [ScanNotice], alreadyWarned: Set<String> = []) -> [Diagnostic] {
        var warned = alreadyWarned
        let ordered = notices.enumerated().sorted { a, b in
            let la = a.element.diagnostic.location, lb = b.element.diagnostic.location
            switch (la, lb) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return (x.file, x.line, x.column, a.offset) < (y.file, y.line, y.column, b.offset)
            }
        }
        return ordered.compactMap { _, notice in
            if let key = notice.onceKey, !warned.insert(key).inserted { return nil }
            return notice.diagnostic
        }
    }

    /// Keeps the first notice of each once-per-run kind, in the order given.
    static func onceEach(_ notices: [ScanNotice]) -> [ScanNotice] {
        var seen: Set<String> = []
        return notices.filter { notice in notice.onceKey.map { seen.insert($0).inserted } ?? true }
    }
}
