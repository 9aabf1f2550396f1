/// A product version parsed by the rules of one `AffectedProduct.VersionScheme`, comparable part by
/// part.
///
/// A version may be *partial*: external scans of Exchange see `15.1.2176` but not the revision.
/// Comparisons therefore answer in three ways (`less`, `equal`, `greater`) or say that the known
/// parts cannot decide (`undecided`).
public struct Version: Sendable, Hashable, CustomStringConvertible {
    /// The numeric parts, leading zeros removed (`15.02.0792.010` is `[15, 2, 792, 10]`).
    public var parts: [Int]
    /// Semver pre-release identifiers (`rc.1` is `["rc", "1"]`); empty for a release.
    public var prerelease: [String]
    /// How many parts a complete version of the scheme has (4 for Exchange builds).
    public var expectedParts: Int?

    public init(parts: [Int], prerelease: [String] = [], expectedParts: Int? = nil) {
        self.parts = parts
        self.prerelease = prerelease
        self.expectedParts = expectedParts
    }

    /// Whether some parts that a complete version has are not known.
    public var isPartial: Bool {
        guard let expectedParts else { return false }
        return parts.count < expectedParts
    }

    /// The canonical spelling: parts without padding, then `-prerelease`.
    public var description: String {
        let core = parts.map(String.init).joined(separator: ".")
        return prerelease.isEmpty ? core : core + "-" + prerelease.joined(separator: ".")
    }

    /// Parses `text` by `scheme`'s rules, or returns `nil` when it is not such a version.
    ///
    /// - `exchange-build`: two to four dot-separated decimal parts, zero padding allowed; fewer than
    ///   four parts make a partial build (branch prefixes in advisories have two or three).
    /// - `semver`: `MAJOR.MINOR.PATCH[-pre][+build]`, build metadata ignored as SemVer 2.0 says;
    ///   a leading `v` is accepted because many tools print one.
    /// - `dotted`: one or more decimal parts.
    public static func parse(_ text: String, scheme: AffectedProduct.VersionScheme) -> Version? {
        var body = Substring(text.trimmingSpaces)
        switch scheme {
        case .exchangeBuild:
            guard let parts = numericParts(body), (2...4).contains(parts.count) else { return nil }
            return Version(parts: parts, expectedParts: 4)
        case .dotted:
            guard let parts = numericParts(body) else { return nil }
            return Version(parts: parts)
        case .semver:
            if body.first == "v" || body.first == "V" { body = body.dropFirst() }
            if let plus = body.firstIndex(of: "+") { body = body[..<plus] }
            var prerelease: [String] = []
            if let dash = body.firstIndex(of: "-") {
                prerelease = body[body.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard !prerelease.isEmpty, prerelease.allSatisfy({ !$0.isEmpty }) else { return nil }
                body = body[..<dash]
            }
            guard let parts = numericParts(body), (1...3).contains(parts.count) else { return nil }
            return Version(parts: parts, prerelease: prerelease)
        }
    }

    /// The decimal parts of `1.22.333`, each of one to nine ASCII digits, read from the UTF-8 in
    /// one pass (splitting by characters cost 5,000 instructions a version, and every host's build
    /// is read against every affected product).
    private static func numericParts(_ text: Substring) -> [Int]? {
        var parts: [Int] = []
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                parts.append(value)
                value = 0
                digits = 0
            } else {
                guard byte >= 0x30, byte <= 0x39, digits < 9 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        parts.append(value)
        return parts
    }

    /// The outcome of comparing two possibly partial versions.
    public enum Comparison: Sendable, Hashable {
        case less, equal, greater
        /// The known parts are equal but one side lacks parts that would decide.
        case undecided
    }

    /// Compares part by part; a missing part of a *complete* version counts as 0 (`1.2` = `1.2.0`),
    /// a missing part of a partial version leaves the answer undecided.
    public func compare(to other: Version) -> Comparison {
        let count = max(parts.count, other.parts.count)
        for index in 0..<count {
            let mine = index < parts.count ? parts[index] : (isPartial ? nil : 0)
            let theirs = index < other.parts.count ? other.parts[index] : (other.isPartial ? nil : 0)
            guard let mine, let theirs else { return .undecided }
            if mine != theirs { return mine < theirs ? .less : .greater }
        }
        return Version.comparePrerelease(prerelease, other.prerelease)
    }

    /// Whether this version's leading parts are exactly `prefix`'s parts (`15.1.2176.9` starts with
    /// `15.1.2176`).
    public func starts(with prefix: Version) -> Bool {
        parts.count >= prefix.parts.count && Array(parts.prefix(prefix.parts.count)) == prefix.parts
    }

    /// SemVer 2.0 §11: a pre-release ranks below its release; identifiers compare numerically when
    /// both are numeric, else as ASCII, numeric below alphanumeric; more identifiers rank higher.
    private static func comparePrerelease(_ lhs: [String], _ rhs: [String]) -> Comparison {
        switch (lhs.isEmpty, rhs.isEmpty) {
        case (true, true): return .equal
        case (true, false): return .greater
        case (false, true): return .less
        case (false, false): break
        }
        for (left, right) in zip(lhs, rhs) where left != right {
            switch (Int(left), Int(right)) {
            case let (l?, r?): return l < r ? .less : .greater
            case (_?, nil): return .less
            case (nil, _?): return .greater
            case (nil, nil): return left < right ? .less : .greater
            }
        }
        if lhs.count == rhs.count { return .equal }
        return lhs.count < rhs.count ? .less : .greater
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free, as the model is).
    var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
