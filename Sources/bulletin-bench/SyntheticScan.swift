import IndicatorEngine
import ScanSynthesis

/// Deterministic synthetic scan data and indicators shaped like a night of Exchange sweeps: file
/// observations with hashes and HTTP requests with proxy-log fields, as `ObservationView` shows
/// them to patterns.
struct SyntheticScan {
    /// The hashes that hash indicators look for; one file observation in a thousand carries one.
    let indicatorHashes: [String]
    let seed: UInt64

    /// Words that URLs, user agents and LIKE literals are made of.
    static let words = [
        "owa", "ecp", "auth", "mapi", "ews", "oab", "autodiscover", "rpc", "powershell", "aspnet_client",
        "themes", "resources", "logon", "exchange", "proxy", "health", "metrics", "static", "scripts", "images",
    ]

    init(hashCount: Int, seed: UInt64 = 2021) {
        var random = SplitMix64(seed: seed)
        indicatorHashes = (0..<hashCount).map { _ in random.hex(bytes: 32) }
        self.seed = seed
    }

    /// The STIX objects of the observations numbered `numbers`, half files and half HTTP requests.
    /// The same block of numbers always gives the same observations.
    func observations(_ numbers: Range<Int>) -> [[STIXObject]] {
        var random = SplitMix64(seed: seed ^ UInt64(numbers.lowerBound) &* 0x9E37_79B9)
        return numbers.map { number in
            if number.isMultiple(of: 2) {
                let sha256 = random.next() % 1000 == 0
                    ? indicatorHashes[Int(random.next() % UInt64(indicatorHashes.count))] : random.hex(bytes: 32)
                return Self.file(number: number, sha256: sha256, random: &random)
            } else {
                return Self.request(number: number, random: &random)
            }
        }
    }

    static func file(number: Int, sha256: String, random: inout SplitMix64) -> [STIXObject] {
        let directory = "C:\\inetpub\\wwwroot\\" + words[Int(random.next() % 20)]
        let name = "f\(number)." + ["dll", "aspx", "js", "exe"][Int(random.next() % 4)]
        let directoryObject: [String: STIXValue] = ["type": .string("directory"), "path": .string(directory)]
        let file: [String: STIXValue] = [
            "type": .string("file"), "name": .string(name), "x_path": .string(directory + "\\" + name),
            "hashes": .object([
                "SHA-256": .string(sha256), "SHA-1": .string(random.hex(bytes: 20)), "MD5": .string(random.hex(bytes: 16)),
            ]),
            "size": .integer(Int(random.next() % 100_000)), "mtime": .timestamp("2021-03-03T07:02:11Z"),
            "parent_directory_ref": .object(directoryObject),
        ]
        return [STIXObject(type: "file", properties: file), STIXObject(type: "directory", properties: directoryObject)]
    }

    static func request(number: Int, random: inout SplitMix64) -> [STIXObject] {
        let client: [String: STIXValue] = [
            "type": .string("ipv4-addr"),
            "value": .string("198.51.\(random.next() % 256).\(random.next() % 256)"),
        ]
        let path = (0..<3).map { _ in words[Int(random.next() % 20)] }.joined(separator: "/")
        let agent = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Microsoft Office/16.0", "python-requests/2.25.1",
                     "ExchangeServicesClient/15.01.2176.009"][Int(random.next() % 4)]
        let request: [String: STIXValue] = [
            "request_method": .string(random.next() % 3 == 0 ? "POST" : "GET"),
            "request_value": .string("/\(path)/r\(number).js?v=\(random.next() % 10_000)"),
            "request_header": .object(["User-Agent": .string(agent), "Host": .string("mail\(random.next() % 100).example")]),
        ]
        let traffic: [String: STIXValue] = [
            "type": .string("network-traffic"), "src_ref": .object(client),
            "extensions": .object(["http-request-ext": .object(request)]),
            "x_status": .integer(200), "x_log": .string("HttpProxy/Ecp"),
            "x_fields": .object([
                "AnchorMailbox": .string("ServerInfo~a]@mail\(random.next() % 100).example:444/\(path)"),
                "AuthenticatedUser": .string("user\(random.next() % 5000)@example.org"),
            ]),
        ]
        return [STIXObject(type: "network-traffic", properties: traffic), STIXObject(type: "ipv4-addr", properties: client)]
    }

    /// `count` hash indicators over `indicatorHashes`: `=` and IN (of three) alternately.
    func hashPatterns(count: Int) -> [String] {
        (0..<count).map { number in
            let hashes = (0..<(number.isMultiple(of: 2) ? 1 : 3)).map { indicatorHashes[(3 * number + $0) % indicatorHashes.count] }
            return hashes.count == 1
                ? "[file:hashes.'SHA-256' = '\(hashes[0])']"
                : "[file:hashes.'SHA-256' IN (\(hashes.map { "'\($0)'" }.joined(separator: ", ")))]"
        }
    }

    /// `count` LIKE indicators over HTTP-request fields: paths, user agents and AnchorMailbox.
    func likePatterns(count: Int) -> [String] {
        let request = "network-traffic:extensions.'http-request-ext'"
        var random = SplitMix64(seed: 26855)
        return (0..<count).map { number in
            let word = Self.words[Int(random.next() % 20)]
            let other = Self.words[Int(random.next() % 20)]
            switch number % 4 {
            case 0: return "[\(request).request_value LIKE '/\(word)/\(other)/%.aspx']"
            case 1: return "[\(request).request_header.'User-Agent' LIKE '%\(word)Client/\(number)%']"
            case 2: return "[network-traffic:x_fields.AnchorMailbox LIKE 'ServerInfo~%/\(word)/\(other)/\(word)%\(number)']"
            default: return "[\(request).request_value LIKE '%/\(word)/%.\(other)\(number)' AND \(request).request_method = 'POST']"
            }
        }
    }
}
