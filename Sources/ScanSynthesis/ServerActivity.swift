/// The ordinary life of an Exchange server as an internal sweep extracts it from its logs, file
/// system, event log and process list: what every host's observations are mostly made of.
///
/// A share of the rows are deliberate look-alikes of the ProxyLogon indicators (autodiscover and
/// health-check `ServerInfo~` anchors, an administrator resetting the OAB virtual directory, a real
/// crawler, genuine Exchange pages in the web shell folders, ProcDump against `w3wp`, the UM service
/// failing for ordinary reasons): a corpus where only attacks look like attacks would not test
/// whether the indicators tell them apart.
struct ServerActivity: Sendable {
    var server: ServerContext

    /// One benign observation, of a type drawn as log extracts mix them: mostly HttpProxy rows.
    func observation(random: inout SplitMix64) -> JSONText {
        let second = random.below(ServerContext.window.upperBound)
        switch random.below(100) {
        case 0..<62: return httpProxyRow(at: second, random: &random)
        case 62..<82: return file(random: &random)
        case 82..<91: return event(at: second, random: &random)
        case 91..<95: return process(at: second, random: &random)
        case 95..<99: return logLine(at: second, random: &random)
        default: return connection(at: second, random: &random)
        }
    }

    /// A request as the HttpProxy log of its protocol records it.
    func httpProxyRow(at second: Int, random: inout SplitMix64) -> JSONText {
        let user = random.pick(server.users) + "@" + server.domain
        let browser = random.pick(Self.browsers)
        let outlook = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.13801; Pro)"
        let (protocolName, method, url, agent, anchor, status): (String, String, String, String, String, Int) =
            switch random.below(100) {
            case 0..<22: ("Owa", random.chance(0.6) ? "POST" : "GET", random.pick(Self.owaPaths), browser, "Smtp~" + user, 200)
            case 22..<38: ("Mapi", "POST", "/mapi/emsmdb/?MailboxId=" + random.hex(bytes: 8) + "@" + server.domain, outlook, "Smtp~" + user, 200)
            case 38..<50: ("Ews", "POST", "/EWS/Exchange.asmx", random.chance(0.5) ? "ExchangeServicesClient/15.00.0913.015" : outlook, "Smtp~" + user, 200)
            case 50..<62: ("Eas", "POST", "/Microsoft-Server-ActiveSync/default.eas?Cmd=Sync&User=" + user + "&DeviceId=" + random.hex(bytes: 8).uppercased() + "&DeviceType=iPhone", "Apple-iPhone12C1/1802.67", "Smtp~" + user, 200)
            case 62..<72: ("Autodiscover", "POST", "/autodiscover/autodiscover.xml", outlook, "Smtp~" + user, 200)
            // Look-alike: a ServerInfo~ anchor for autodiscover, which Test-ProxyLogon excludes.
            case 72..<78: ("Autodiscover", "POST", "/autodiscover/autodiscover.xml", outlook, "ServerInfo~" + server.hostname + "/autodiscover", 200)
            // Look-alike: the health probe's ServerInfo~localhost anchor.
            case 78..<86: ("Mapi", "GET", "/mapi/healthcheck.htm", "AMProbe/Local/ClientAccess", "ServerInfo~localhost/mapi/healthcheck.htm", 200)
            case 86..<92: ("Ecp", random.chance(0.5) ? "POST" : "GET", random.pick(Self.ecpPaths), browser, "Smtp~" + user, 200)
            // Look-alike: an administrator resetting the OAB virtual directory through the ECP.
            case 92..<94: ("Ecp", "POST", "/ecp/DDI/DDIService.svc/SetObject?schema=ResetOABVirtualDirectory&msExchEcpCanary=" + random.hex(bytes: 12), browser, "Smtp~admin@" + server.domain, 200)
            // Look-alike: a real crawler reading the logon page.
            case 94..<97: ("Owa", "GET", "/owa/auth/logon.aspx?url=https%3a%2f%2f" + server.hostname + "%2fowa%2f", "Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html)", "", 200)
            // Look-alike: an attacker's user agent where it proves nothing (autodiscover), refused.
            default: ("Autodiscover", "POST", "/autodiscover/autodiscover.xml", "python-requests/2.25.1", "", 401)
            }
        let authenticated = anchor.hasPrefix("Smtp~") && status == 200 ? String(anchor.dropFirst(5)) : ""
        return .members([
            "type": "http-request", "time": .string(ServerContext.time(second)),
            "source": .string(server.logFile("HttpProxy\\" + protocolName, prefix: "HttpProxy_", second: second)),
            "method": .string(method), "url": .string(url), "status": .integer(status),
            "client_ip": .string(Self.clientAddress(random: &random)), "user_agent": .string(agent), "host": .string(server.hostname),
            "log": .string("HttpProxy/" + protocolName),
            "fields": .members([
                "AnchorMailbox": .string(anchor), "AuthenticatedUser": .string(authenticated),
                "HttpStatus": .string(String(status)), "UrlStem": .string(String(url.prefix { $0 != "?" })),
            ]),
        ])
    }

    /// A file found by the sweep: Exchange's own files, including the genuine pages that live in
    /// the folders web shells were put in.
    func file(random: inout SplitMix64) -> JSONText {
        let install = server.installFolder
        let path = random.pick([
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\logon.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\errorFE.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\RedirSuiteServiceProxy.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\signout.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\expiredpassword.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\auth\\Current\\themes\\resources\\logon.css",
            install + "\\FrontEnd\\HttpProxy\\ecp\\auth\\TimeoutLogoff.aspx",
            install + "\\FrontEnd\\HttpProxy\\owa\\help.aspx",
            install + "\\ClientAccess\\Owa\\web.config",
            install + "\\Bin\\Microsoft.Exchange.Data.Common.dll",
            install + "\\ClientAccess\\OAB\\" + random.hex(bytes: 4) + "\\oab.xml",
            "C:\\inetpub\\wwwroot\\iisstart.htm",
            "C:\\inetpub\\wwwroot\\web.config",
            "C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\4_0_30319\\SmartNav.js",
            "C:\\Windows\\Temp\\w3wp_owa.dmp",
            "C:\\Windows\\Temp\\lsass_perf.etl",
            "C:\\ProgramData\\Microsoft\\Windows\\WER\\ReportArchive\\report.zip",
            "C:\\ProgramData\\logs.zip",
        ])
        return .members([
            "type": "file", "path": .string(path), "sha256": .string(random.hex(bytes: 32)),
            "size": .integer(random.within(300...2_400_000)),
            "modified": .string(ServerContext.time(random.below(ServerContext.window.upperBound))),
        ])
    }

    /// An Application log event of the Exchange services.
    func event(at second: Int, random: inout SplitMix64) -> JSONText {
        let (provider, eventID, level, message): (String, Int, String, String) = random.pick([
            ("MSExchange ADAccess", 2080, "Information", "Process w3wp.exe () (PID=7412). Exchange Active Directory Provider has discovered the following servers."),
            ("MSExchangeTransport", 15004, "Warning", "The resource pressure increased from Medium to High."),
            ("MSExchange Unified Messaging", 1078, "Information", "A call was handled. No System.InvalidCastException occurred."),
            // Look-alikes: a UM error for an ordinary reason, and the cast exception from another service.
            ("MSExchange Unified Messaging", 1400, "Error", "The Unified Messaging server could not connect to the IP gateway: the operation timed out."),
            ("MSExchange Common", 4999, "Error", "Watson report about to be sent for process id: 4120, with parameters: E12, w3wp#MSExchangeOWAAppPool, System.InvalidCastException."),
        ])
        return .members([
            "type": "event", "time": .string(ServerContext.time(second)), "channel": "Application",
            "provider": .string(provider), "event_id": .integer(eventID), "level": .string(level), "message": .string(message),
        ])
    }

    /// A running process, including the tools administrators use that attackers used too.
    func process(at second: Int, random: inout SplitMix64) -> JSONText {
        let (name, commandLine, parent, user): (String, String, String, String) = random.pick([
            ("w3wp.exe", "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"MSExchangeOWAAppPool\"", "svchost.exe", "NT AUTHORITY\\SYSTEM"),
            ("MSExchangeHMWorker.exe", server.installFolder + "\\Bin\\MSExchangeHMWorker.exe", "MSExchangeHMHost.exe", "NT AUTHORITY\\SYSTEM"),
            ("powershell.exe", "powershell.exe -NoProfile -Command Get-ExchangeServer | Format-List", "explorer.exe", "EXAMPLE\\admin"),
            // Look-alikes: ProcDump against IIS, and comsvcs.dll registered rather than used to dump.
            ("procdump64.exe", "C:\\Tools\\procdump64.exe -accepteula -ma w3wp.exe C:\\Windows\\Temp\\w3wp_owa.dmp", "cmd.exe", "EXAMPLE\\admin"),
            ("regsvr32.exe", "regsvr32.exe /s C:\\Windows\\System32\\comsvcs.dll", "msiexec.exe", "NT AUTHORITY\\SYSTEM"),
        ])
        return .members([
            "type": "process", "time": .string(ServerContext.time(second)), "name": .string(name),
            "command_line": .string(commandLine), "parent_name": .string(parent), "user": .string(user),
        ])
    }

    /// A line of the ECP server log or the OAB generator log.
    func logLine(at second: Int, random: inout SplitMix64) -> JSONText {
        let time = ServerContext.time(second)
        let (log, text): (String, String) = random.pick([
            ("ECP/Server", time + ",MAIL,ECP.Request,\"S:TIME=812;S:RS=0;S:CMD=Set-OabVirtualDirectory.ExternalUrl=''https://" + server.hostname + "/OAB''.Identity=''MAIL\\OAB (Default Web Site)''\""),
            ("ECP/Server", time + ",MAIL,ECP.Request,\"S:TIME=95;S:RS=0;S:CMD=Set-OwaVirtualDirectory.LogonFormat=''UserName''.Identity=''MAIL\\owa (Default Web Site)''\""),
            ("OABGeneratorLog", time + ",0,OABGenerator,Download failed and temporary file '" + server.installFolder + "\\ClientAccess\\OAB\\Temp\\" + random.hex(bytes: 4) + "\\oab.xml' needs to be removed."),
            ("OABGeneratorLog", time + ",0,OABGenerator,Generation of the offline address book completed."),
        ])
        return .members(["type": "log-line", "time": .string(time), "log": .string(log), "text": .string(text)])
    }

    /// A connection from the host's firewall log: clients, and an address one off an attacker's.
    func connection(at second: Int, random: inout SplitMix64) -> JSONText {
        let outbound = random.chance(0.3)
        return .members([
            "type": "connection", "time": .string(ServerContext.time(second)), "direction": .string(outbound ? "outbound" : "inbound"),
            "local_ip": .string(server.address), "local_port": .integer(outbound ? random.within(49152...65535) : 443),
            "remote_ip": .string(outbound ? "157.230.221.199" : Self.clientAddress(random: &random)),
            "remote_port": .integer(outbound ? 443 : random.within(49152...65535)), "protocol": "tcp",
        ])
    }

    /// A client address: the internal network or the documentation ranges, never an attacker's.
    static func clientAddress(random: inout SplitMix64) -> String {
        switch random.below(4) {
        case 0: "198.51.100." + String(random.within(1...254))
        case 1: "203.0.113." + String(random.within(1...254))
        default: "10." + String(random.below(256)) + "." + String(random.below(256)) + "." + String(random.within(1...254))
        }
    }

    static let browsers = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.82 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:86.0) Gecko/20100101 Firefox/86.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 11_2_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.3 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.72 Safari/537.36 Edg/89.0.774.45",
    ]

    static let owaPaths = [
        "/owa/", "/owa/service.svc?action=GetItem&EP=1&ID=-31&AC=1", "/owa/service.svc?action=FindItem&EP=1&ID=-12&AC=1",
        "/owa/auth.owa", "/owa/ev.owa2?ns=PendingRequest&ev=FinishNotificationRequest", "/owa/sessiondata.ashx?appcacheclient=0",
    ]

    static let ecpPaths = [
        "/ecp/", "/ecp/PersonalSettings/HomePage.aspx?showhelp=false", "/ecp/DDI/DDIService.svc/GetList?schema=MailboxService",
        "/ecp/Organize/DeliveryReports.slab",
    ]
}
