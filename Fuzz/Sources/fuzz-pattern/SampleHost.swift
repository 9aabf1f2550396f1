import BulletinModel

/// A host with one observation of each kind, timed a few seconds apart, for fuzzed patterns to be
/// matched against: enough for every object type and qualifier to find something to look at.
enum SampleHost {
    static let host: Host = {
        let kinds: [Observation.Kind] = [
            .file(.init(
                path: "C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx",
                sha256: "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", size: 1712,
                created: "2021-03-03T07:00:00Z", modified: "2021-03-03T08:02:11+01:00")),
            .httpRequest(.init(
                method: "POST", url: "/ecp/y.js", status: 200, clientIP: "203.0.113.7", userAgent: "python-requests/2.25.1",
                host: "mail.example", log: "HttpProxy/Ecp", fields: ["AnchorMailbox": "ServerInfo~a]@mail01:444/ecp/y.js"])),
            .logLine(.init(log: "OABGeneratorLog", text: "Download failed and temporary file removed")),
            .event(.init(channel: "Application", provider: "MSExchange Unified Messaging", eventID: 4007, level: "Error", message: "Watson report")),
            .connection(.init(direction: "outbound", localIP: "10.0.0.5", localPort: 49152, remoteIP: "2001:db8::7", remotePort: 443, proto: "tcp")),
            .process(.init(name: "w3wp.exe", commandLine: "cmd.exe /c whoami", parentName: "services.exe", user: "NT AUTHORITY\\SYSTEM")),
            .detection(.init(name: "Exchange webshell", cve: "CVE-2021-26855", url: "https://example.org", detail: "China Chopper")),
            .other(type: "x-registry", fields: ["key": "HKLM\\Software", "value": "1"]),
        ]
        let observations = kinds.enumerated().map { index, kind in
            Observation(kind: kind, time: "2021-03-03T07:00:0\(index)Z", source: nil, origin: SourceLocation(file: "scan.json", line: index + 1, column: 5))
        }
        return Host(
            id: "mail01", hostname: "mail01.example", addresses: ["192.0.2.10", "2001:db8::10"],
            software: [SoftwareEntry(product: "Microsoft Exchange Server", version: "15.1.2176.2", vendor: "Microsoft", source: nil, location: SourceLocation(file: "scan.json"))],
            observations: observations, location: SourceLocation(file: "scan.json", line: 1, column: 1))
    }()
}
