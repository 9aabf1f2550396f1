import BulletinModel

/// A value of one kind that feeds name (a hash, a file path, an address), and the STIX pattern
/// that finds it in bulletin's observation views (docs/scan-format.md, "How indicators see
/// observations").
///
/// Patterns are built canonically from the kind and the normalised value, so that the same value
/// from two feeds gives the same pattern text, which is what merging compares.
struct Observable: Hashable, Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case md5, sha1, sha256
        /// A file's name, compared without regard to case as Windows does.
        case fileName
        /// A file's full path, compared without regard to case as Windows does.
        case filePath
        case ipv4, ipv6
        /// A host name, as HTTP requests name it in their `Host` header.
        case domain
        case url
        case userAgent
    }

    let kind: Kind
    /// The value, normalised: hashes and domains lower-cased, paths with ASCII letters lower-cased.
    let value: String
    /// The value as the feed wrote it, for titles.
    let written: String

    private init(kind: Kind, value: String, written: String? = nil) {
        self.kind = kind
        self.value = value
        self.written = written ?? value
    }

    /// Checks `raw` as a value of `kind`; the failure says what is wrong with it.
    static func make(_ kind: Kind, _ raw: String) -> Result<Observable, ObservableProblem> {
        let text = raw.trimmingWhitespace
        guard !text.isEmpty else { return .failure(ObservableProblem("the value is empty")) }
        switch kind {
        case .md5, .sha1, .sha256:
            let length = kind == .md5 ? 32 : kind == .sha1 ? 40 : 64
            guard text.utf8.count == length, text.utf8.allSatisfy(\.isHexadecimalDigit) else {
                return .failure(ObservableProblem("'\(text.inert)' is not \(kind.article) \(kind.label) hash (\(length) hex digits)"))
            }
            return .success(Observable(kind: kind, value: text.lowercased()))
        case .ipv4:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) && Int($0)! <= 255 }) else {
                return .failure(ObservableProblem("'\(text.inert)' is not an IPv4 address"))
            }
            return .success(Observable(kind: kind, value: text))
        case .ipv6:
            guard text.contains(":"), text.unicodeScalars.allSatisfy({ $0 == ":" || $0 == "." || ($0.isASCII && UInt8($0.value).isHexadecimalDigit) }) else {
                return .failure(ObservableProblem("'\(text.inert)' is not an IPv6 address"))
            }
            return .success(Observable(kind: kind, value: text.lowercased()))
        case .domain:
            guard !text.contains(where: { $0 == " " || $0 == "/" || $0 == ":" }) else {
                return .failure(ObservableProblem("'\(text.inert)' is not a domain name"))
            }
            return .success(Observable(kind: kind, value: text.asciiLowercased))
        case .fileName, .filePath:
            return .success(Observable(kind: kind, value: text.asciiLowercased, written: text))
        case .url:
            guard URLParts(text) != nil else { return .failure(ObservableProblem("'\(text.inert)' is not a URL (scheme://host/path or /path)")) }
            return .success(Observable(kind: kind, value: text))
        case .userAgent:
            return .success(Observable(kind: kind, value: raw))
        }
    }

    /// The STIX pattern over bulletin's views that finds the value.
    var pattern: String {
        let http = "network-traffic:extensions.'http-request-ext'"
        switch kind {
        case .md5: return "[file:hashes.MD5 = \(Self.literal(value))]"
        case .sha1: return "[file:hashes.'SHA-1' = \(Self.literal(value))]"
        case .sha256: return "[file:hashes.'SHA-256' = \(Self.literal(value))]"
        case .fileName: return "[file:name MATCHES \(Self.literal("(?i)^" + Self.regexEscaped(value) + "$"))]"
        case .filePath: return "[file:x_path MATCHES \(Self.literal("(?i)^" + Self.regexEscaped(value) + "$"))]"
        case .ipv4: return "[ipv4-addr:value = \(Self.literal(value))]"
        case .ipv6: return "[ipv6-addr:value = \(Self.literal(value))]"
        case .domain: return "[\(http).request_header.Host MATCHES \(Self.literal(Self.hostRegex(value)))]"
        case .userAgent:
            // IIS logs write a user agent's spaces as '+'; scans converted from them keep that.
            guard value.contains(" ") else { return "[\(http).request_header.'User-Agent' = \(Self.literal(value))]" }
            let expression = "^" + value.split(separator: " ", omittingEmptySubsequences: false).map { Self.regexEscaped(String($0)) }.joined(separator: "[ +]") + "$"
            return "[\(http).request_header.'User-Agent' MATCHES \(Self.literal(expression))]"
        case .url:
            let parts = URLParts(value)!
            var tests: [String] = []
            if let host = parts.host { tests.append("\(http).request_header.Host MATCHES \(Self.literal(Self.hostRegex(host)))") }
            if let request = parts.request { tests.append("\(http).request_value = \(Self.literal(request))") }
            return "[" + tests.joined(separator: " AND ") + "]"
        }
    }

    /// The start of the indicator id: the kind, and for hashes the hash's first twelve digits.
    var idStem: String {
        switch kind {
        case .md5, .sha1, .sha256: "\(kind.label.replacingOccurrences(of: "-", with: ""))-\(value.prefix(12))"
        case .fileName: "FILENAME"
        case .filePath: "FILEPATH"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .domain: "DOMAIN"
        case .url: "URL"
        case .userAgent: "USERAGENT"
        }
    }

    /// What a match means when the feed says nothing more: a file with a known bad hash is the
    /// attacker's file, so the host is compromised; a name, path or address is only a lead.
    var verdict: Finding.Verdict {
        switch kind {
        case .md5, .sha1, .sha256: .compromised
        default: .suspicious
        }
    }

    /// How far a match can be trusted: hashes are exact; names and paths can be reused by benign
    /// files; addresses, domains, URLs and user agents are shared infrastructure (VPS and VPN
    /// nodes, spoofed crawlers).
    var confidence: Finding.Confidence {
        switch kind {
        case .md5, .sha1, .sha256: .high
        case .fileName, .filePath: .medium
        default: .low
        }
    }

    /// A short title: `File with SHA-256 b75f163c…`.
    var title: String {
        switch kind {
        case .md5, .sha1, .sha256: "Known malicious file (\(kind.label) \(value.prefix(16))…)"
        case .fileName: "File named \(written)"
        case .filePath: "File at \(written)"
        case .ipv4, .ipv6: "Traffic from or to \(value)"
        case .domain: "HTTP request for host \(value)"
        case .url: "HTTP request for \(value)"
        case .userAgent: "HTTP request with user agent \(value)"
        }
    }

    /// A STIX string literal: quotes and backslashes escaped.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// `text` as a regular expression that matches it literally (Python `re` syntax).
    static func regexEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\.^$*+?()[]{}|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// A `Host` header value for `host`, with or without a port.
    private static func hostRegex(_ host: String) -> String {
        "(?i)^" + regexEscaped(host.asciiLowercased) + "(:[0-9]+)?$"
    }
}

/// Why a value is not an observable of the kind its feed says.
struct ObservableProblem: Error, Hashable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Observable.Kind {
    /// How the kind is spelled in STIX hash names and messages.
    var label: String {
        switch self {
        case .md5: "MD5"
        case .sha1: "SHA-1"
        case .sha256: "SHA-256"
        case .fileName: "file name"
        case .filePath: "file path"
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .domain: "domain"
        case .url: "URL"
        case .userAgent: "user agent"
        }
    }

    var article: String { self == .md5 ? "an" : "a" }
}
