import BulletinModel
import Foundation

/// Imports the output folder of Microsoft's Test-ProxyLogon.ps1 (CSS-Exchange) for one
/// organisation: one host per Exchange server, with what the script found as observations that the
/// advisory's indicators see.
///
/// The script writes, per server, only the files for which it found something:
///
/// | file | becomes |
/// |---|---|
/// | `<Server>-Cve-2021-26855.csv` | an `http-request` per row (`log` `HttpProxy`; `AnchorMailbox`, `RoutingHint`, `RequestId`, `HttpStatus` in `fields`) |
/// | `<Server>-Cve-2021-27065-ResetVDir.csv` | the same, from the `HttpProxy/Ecp` log |
/// | `<Server>-Cve-2021-26857.csv` | an `event` per row (Application log, `MSExchange Unified Messaging`, level Error: the script's filter) |
/// | `<Server>-Cve-2021-26858-DownloadPaths.log` | a `log-line` of `OABGeneratorLog` per path, in the form of the line the script matched |
/// | `<Server>-Cve-2021-26858.log`, `<Server>-Cve-2021-27065.log` | a `detection` per log file named (the script lists the logs, not their lines) |
/// | `<Server>-other.csv` | a `file` per row (LSASS dumps, archives in ProgramData) |
/// | `<Server>-LogAgeDays.csv` | the host's `log_age_days`: how far back each log reaches |
///
/// Windows PowerShell writes dates in the server's culture and local time without a zone: event
/// times (`TimeCreated`) get one only from `utcOffset`; file times (`LastWrite`) are written from
/// `LastWriteTimeUtc` and are UTC. Any other file in the folder is reported, not skipped silently.
public struct TestProxyLogonImporter: Sendable {
    let organisation: Organisation
    /// `Z` or `±HH:MM`: the servers' offset from UTC when the script ran, for event times.
    let utcOffset: String?

    public init(organisation: Organisation, utcOffset: String?) {
        self.organisation = organisation
        self.utcOffset = utcOffset
    }

    /// Whether `text` is an offset `importFolder` accepts.
    public static func isValidOffset(_ text: String) -> Bool {
        if text == "Z" { return true }
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == 0x2B || bytes[0] == 0x2D, bytes[3] == 0x3A,
            let hours = Int(String(text.dropFirst().prefix(2))), let minutes = Int(String(text.suffix(2)))
        else { return false }
        return hours <= 14 && minutes < 60
    }

    /// The files the script writes, by the suffix after the server name; longer suffixes first so
    /// that `-Cve-2021-26858-DownloadPaths.log` is not read as a server called `X-Cve-2021-26858`.
    enum OutputFile: String, CaseIterable, Sendable {
        case downloadPaths = "-Cve-2021-26858-DownloadPaths.log"
        case resetVirtualDirectory = "-Cve-2021-27065-ResetVDir.csv"
        case requestForgery = "-Cve-2021-26855.csv"
        case unifiedMessaging = "-Cve-2021-26857.csv"
        case oabLogList = "-Cve-2021-26858.log"
        case ecpLogList = "-Cve-2021-27065.log"
        case otherFiles = "-other.csv"
        case logAge = "-LogAgeDays.csv"

        /// The name in the summary.
        var kind: String { String(rawValue.dropFirst()) }

        /// The server name and kind of `name`, if the script writes files so named.
        static func parse(_ name: String) -> (server: String, file: OutputFile)? {
            for file in allCases where name.lowercased().hasSuffix(file.rawValue.lowercased()) && name.count > file.rawValue.count {
                return (String(name.dropLast(file.rawValue.count)), file)
            }
            return nil
        }
    }

    /// The columns the log age file names, and the log each measures, by the names this project
    /// uses for logs (the `log` of observations).
    static let logAgeColumns: [(column: String, log: String)] = [
        ("OabGen", "OABGeneratorLog"), ("Ecp", "ECP/Server"), ("AutoDProxy", "HttpProxy/Autodiscover"), ("EasProxy", "HttpProxy/Eas"),
        ("EcpProxy", "HttpProxy/Ecp"), ("EwsProxy", "HttpProxy/Ews"), ("MapiProxy", "HttpProxy/Mapi"), ("OabProxy", "HttpProxy/Oab"),
        ("OwaProxy", "HttpProxy/Owa"), ("OwaCalendarProxy", "HttpProxy/OwaCalendar"), ("PowershellProxy", "HttpProxy/PowerShell"),
        ("RpcHttpProxy", "HttpProxy/RpcHttp"),
    ]

    /// Reads every file of `folder` (sorted by name) into one organisation.
    public func importFolder(_ folder: String) -> ImportReport {
        var report = ImportReport()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            report.diagnostics.append(.error("cannot read the Test-ProxyLogon output folder; pass the folder given to -OutPath", id: "test-proxylogon.unreadable", at: SourceLocation(file: folder)))
            return report
        }
        var hosts: [String: Host] = [:]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            guard !isDirectory.boolValue else {
                report.diagnostics.append(.warning(
                    "folder '\(name.inert)' is not read: Test-ProxyLogon's findings are in the files beside it (CollectedLogFiles holds raw logs)",
                    id: "test-proxylogon.folder-skipped", at: SourceLocation(file: path)))
                continue
            }
            guard let (server, file) = OutputFile.parse(name) else {
                report.diagnostics.append(.warning(
                    "'\(name.inert)' is not a file Test-ProxyLogon writes (<Server>-Cve-2021-26855.csv, -other.csv, -LogAgeDays.csv, ...); it is not imported",
                    id: "test-proxylogon.unknown-file", at: SourceLocation(file: path)))
                continue
            }
            let key = server.lowercased()
            var host = hosts[key] ?? Host(id: server, hostname: server, addresses: [], software: [], observations: [], location: SourceLocation(file: path, line: 1, column: 1))
            read(file, at: path, into: &host, report: &report)
            hosts[key] = host
        }
        if !hosts.isEmpty {
            report.organisations = [OrganisationScan(
                organisation: organisation, hosts: hosts.values.sorted { $0.id < $1.id }, scanners: ["Test-ProxyLogon"], scannedAt: nil, sources: [])]
        }
        return report
    }

    private func read(_ file: OutputFile, at path: String, into host: inout Host, report: inout ImportReport) {
        switch file {
        case .requestForgery, .resetVirtualDirectory:
            forEachRow(of: path, file, required: ["DateTime", "AnchorMailbox"], report: &report) { row, report in
                host.observations.append(httpRequest(row, path: path, log: file == .resetVirtualDirectory ? "HttpProxy/Ecp" : "HttpProxy", report: &report))
                return true
            }
        case .unifiedMessaging:
            var warned = false
            forEachRow(of: path, file, required: ["TimeCreated", "Message"], report: &report) { row, report in
                var time: String?
                if let text = row.value("TimeCreated") {
                    if let date = PowerShellDate(text) {
                        time = utcOffset.map { date.rfc3339(offset: $0) }
                        if time == nil && !warned {
                            warned = true
                            report.diagnostics.append(.warning(
                                "TimeCreated '\(text.inert)' is the server's local time without a zone; events are imported without a time; pass --utc-offset (such as +01:00) to keep them",
                                id: "test-proxylogon.local-time", at: row.location(of: "TimeCreated", in: path)))
                        }
                    } else {
                        report.diagnostics.append(unreadableDate(text, column: "TimeCreated", row: row, path: path))
                    }
                }
                let event = Observation.WindowsEvent(channel: "Application", provider: "MSExchange Unified Messaging", level: "Error", message: row.value("Message"))
                host.observations.append(Observation(kind: .event(event), time: time, source: "Test-ProxyLogon", origin: SourceLocation(file: path, line: row.line, column: 1)))
                return true
            }
        case .downloadPaths:
            forEachLine(of: path, file, report: &report) { line, text in
                let logLine = Observation.LogLine(log: "OABGeneratorLog", text: "Download failed and temporary file \(text) needs to be removed.")
                host.observations.append(Observation(kind: .logLine(logLine), time: nil, source: "Test-ProxyLogon", origin: SourceLocation(file: path, line: line, column: 1)))
            }
        case .oabLogList, .ecpLogList:
            let cve = file == .oabLogList ? "CVE-2021-26858" : "CVE-2021-27065"
            let what = file == .oabLogList
                ? "has a 'Download failed and temporary file' entry for a path outside the OAB folder"
                : "has a Set-...VirtualDirectory command with a tag in a URL"
            forEachLine(of: path, file, report: &report) { line, text in
                let detection = Observation.Detection(name: "test-proxylogon;\(cve.lowercased())", cve: cve, detail: "The log \(text) \(what), according to Test-ProxyLogon.")
                host.observations.append(Observation(kind: .detection(detection), time: nil, source: "Test-ProxyLogon", origin: SourceLocation(file: path, line: line, column: 1)))
            }
        case .otherFiles:
            forEachRow(of: path, file, required: ["Type", "Path"], report: &report) { row, report in
                guard let filePath = row.value("Path") else {
                    report.diagnostics.append(.error("row has no Path; the file cannot be imported without it", id: "test-proxylogon.missing-path", at: row.location(of: "Path", in: path)))
                    return false
                }
                var modified: String?
                if let text = row.value("LastWrite") {
                    modified = PowerShellDate(text)?.rfc3339(offset: "Z")
                    if modified == nil { report.diagnostics.append(unreadableDate(text, column: "LastWrite", row: row, path: path)) }
                }
                let observed = Observation.File(path: filePath, modified: modified)
                host.observations.append(Observation(kind: .file(observed), time: modified, source: "Test-ProxyLogon \(row.value("Type") ?? "")", origin: SourceLocation(file: path, line: row.line, column: 1)))
                return true
            }
        case .logAge:
            forEachRow(of: path, file, required: [], report: &report) { row, report in
                for (column, log) in Self.logAgeColumns {
                    guard let text = row.value(column) else { continue }
                    guard let days = Self.days(text) else {
                        report.diagnostics.append(.warning(
                            "log age '\(text.inert)' is not a number of days; the age of \(log) is left out",
                            id: "test-proxylogon.invalid-log-age", at: row.location(of: column, in: path)))
                        continue
                    }
                    host.logAgeDays[log] = min(days, host.logAgeDays[log] ?? days)
                }
                return true
            }
        }
    }

    private func httpRequest(_ row: CSVRow, path: String, log: String, report: inout ImportReport) -> Observation {
        var time: String?
        if let text = row.value("DateTime") {
            time = Instant(rfc3339: text) != nil ? text : nil
            if time == nil {
                report.diagnostics.append(.warning(
                    "DateTime '\(text.inert)' is not an ISO 8601 time as the HttpProxy logs write it; the request is imported without a time",
                    id: "test-proxylogon.invalid-time", at: row.location(of: "DateTime", in: path)))
            }
        }
        var fields: [String: String] = [:]
        for name in ["AnchorMailbox", "RoutingHint", "RequestId", "HttpStatus"] {
            if let value = row[name], !value.isEmpty { fields[name] = value }
        }
        let request = Observation.HTTPRequest(
            url: row.value("UrlStem"), status: row.value("HttpStatus").flatMap { Int($0) }, clientIP: row.value("ClientIPAddress"),
            userAgent: row.value("UserAgent"), host: row.value("UrlHost"), log: log, fields: fields)
        return Observation(kind: .httpRequest(request), time: time, source: "Test-ProxyLogon", origin: SourceLocation(file: path, line: row.line, column: 1))
    }

    private func unreadableDate(_ text: String, column: String, row: CSVRow, path: String) -> Diagnostic {
        .warning(
            "\(column) '\(text.inert)' is not a date PowerShell writes in the cultures bulletin reads (3/3/2021 4:12:08 AM, 03.03.2021 04:12:08, 03/03/2021 04:12:08, 2021-03-03 04:12:08); the row is imported without it",
            id: "test-proxylogon.invalid-time", at: row.location(of: column, in: path))
    }

    /// Reads a CSV output file and hands each row to `body`, which says whether it was written.
    private func forEachRow(of path: String, _ file: OutputFile, required: [String], report: inout ImportReport, _ body: (CSVRow, inout ImportReport) -> Bool) {
        let table = CSVReader(file: path).readFile()
        report.diagnostics += table.diagnostics
        // Malformed records are rows the file had: they count as read and rejected.
        for diagnostic in table.diagnostics where diagnostic.severity == .error && !CSVReader.fileLevelProblems.contains(diagnostic.id) {
            report.count(file.kind, \.read)
            report.count(file.kind, \.rejected)
        }
        let missing = table.missingColumns(required, what: "Test-ProxyLogon's \(file.kind)")
        report.diagnostics += missing
        for row in table.rows {
            report.count(file.kind, \.read)
            guard missing.isEmpty, body(row, &report) else {
                report.count(file.kind, \.rejected)
                continue
            }
            report.count(file.kind, \.written)
        }
    }

    /// Reads a list file (`Set-Content`: one entry per line, ANSI or UTF-8) and hands each
    /// non-empty line to `body` with its 1-based number.
    private func forEachLine(of path: String, _ file: OutputFile, report: inout ImportReport, _ body: (Int, String) -> Void) {
        guard let data = FileManager.default.contents(atPath: path) else {
            report.diagnostics.append(.error("cannot read the file; check its permissions", id: "test-proxylogon.unreadable", at: SourceLocation(file: path)))
            return
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Windows PowerShell 5.1's Set-Content writes the ANSI code page; Windows-1252 reads it on
        // Western European servers, and UTF-8 is what PowerShell 7 writes.
        let text = String(validating: bytes, as: UTF8.self) ?? String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !entry.isEmpty else { continue }
            report.count(file.kind, \.read)
            body(index + 1, entry)
            report.count(file.kind, \.written)
        }
    }

    /// A day count as `ToString("N1")` writes it in any culture: one decimal digit after the last
    /// separator, group separators (`,` `.` space or no-break space) before it: `1,234.5`,
    /// `1.234,5`, `12,3`, `12.3`.
    static func days(_ text: String) -> Double? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        guard let last = scalars.last, ("0"..."9").contains(last) else { return nil }
        var digits = ""
        for (index, scalar) in scalars.enumerated() {
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar == "," || scalar == "." {
                if index == scalars.count - 2 { digits += "." }
            } else if scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "'" {
                continue
            } else {
                return nil
            }
        }
        return Double(digits)
    }
}
