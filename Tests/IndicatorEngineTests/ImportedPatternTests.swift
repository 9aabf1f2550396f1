import BulletinModel
import Foundation
import Testing

@testable import ContentLoading
@testable import IndicatorEngine

/// The patterns the importers write run on the engine and find what their feed meant.
@Suite struct ImportedPatternTests {
    static let feeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/indicator-feeds")

    static func file(_ path: String, sha256: String? = nil) -> Host {
        Fixture.host(.file(Observation.File(path: path, sha256: sha256)))
    }

    static func patterns(_ name: String, _ feed: IndicatorFeed) -> [String] {
        feed.read(feeds.appendingPathComponent(name).path, now: Instant(date: "2021-03-16")!).indicators.map(\.pattern)
    }

    @Test func everyPatternOfTheFixturesCompilesButTheLookahead() throws {
        let all = Self.patterns("hafnium-bundle.json", .stix) + Self.patterns("proxylogon-misp-event.json", .misp)
            + Self.patterns("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json", .mstic)
            + Self.patterns("hash-iocs.txt", .signatureBase) + Self.patterns("filename-iocs.txt", .signatureBase)
        let refused = all.filter { (try? RuleCompiler().compile(pattern: $0)) == nil }
        #expect(refused == [#"[file:x_path MATCHES '\\\\Temp\\\\(?!Low\\\\)[^\\\\]+\\.ps1$']"#])
    }

    /// A MSTIC path matches the same file whatever the case Windows reports it in, and nothing else.
    @Test(arguments: [
        (#"C:\inetpub\wwwroot\aspnet_client\shell.aspx"#, true),
        (#"c:\INETPUB\wwwroot\ASPNET_CLIENT\Shell.aspx"#, true),
        (#"C:\inetpub\wwwroot\aspnet_client\shell.aspx.bak"#, false),
        (#"D:\backup\C:\inetpub\wwwroot\aspnet_client\shell.aspx"#, false),
        (#"C:\inetpub\wwwroot\aspnet_client\shellXaspx"#, false),
    ])
    func filePathsIgnoreCaseButNothingElse(path: String, matches: Bool) throws {
        let pattern = try #require(Self.patterns("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json", .mstic).first { $0.contains("shell") })
        #expect(try Fixture.matches(pattern, Self.file(path)) == matches)
    }

    /// LOKI's expressions search the path case-sensitively; the false-positive expression cancels a match.
    @Test(arguments: [
        (#"C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\owa\auth\errorEEE.aspx"#, true),
        (#"C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\owa\auth\logon.aspx"#, false),
        (#"C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\OWA\AUTH\errorEEE.aspx"#, false),
        (#"C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\owa\auth\Current\x.aspx"#, false),
    ])
    func fileNameExpressionsKeepLOKIsMeaning(path: String, matches: Bool) throws {
        let pattern = try #require(Self.patterns("filename-iocs.txt", .signatureBase).first { $0.contains("owa\\\\\\\\auth\\\\\\\\[^") })
        #expect(try Fixture.matches(pattern, Self.file(path)) == matches)
    }

    /// A user agent with spaces matches it as IIS logs write it too, with '+' for each space.
    @Test(arguments: [
        ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", true),
        ("Mozilla/5.0+(compatible;+Baiduspider/2.0;++http://www.baidu.com/search/spider.html)", true),
        ("Mozilla/5.0+(compatible;+Baiduspider/2.0;++http://www.baidu.com/search/spider.html) extra", false),
        ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html", false),
    ])
    func userAgentsMatchBothSpellings(userAgent: String, matches: Bool) throws {
        let observable = try Observable.make(.userAgent, "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)").get()
        let host = Fixture.host(.httpRequest(Observation.HTTPRequest(method: "POST", url: "/owa/auth/x.js", userAgent: userAgent)))
        #expect(try Fixture.matches(observable.pattern, host) == matches)
    }

    @Test func environmentVariablesMatchAnyDriveAndUser() throws {
        let pattern = try #require(Self.patterns("filename-iocs.txt", .signatureBase).first { $0.contains("ProgramData") })
        #expect(try Fixture.matches(pattern, Self.file(#"E:\ProgramData\backup.7z"#)))
        #expect(try !Fixture.matches(pattern, Self.file(#"E:\ProgramData\Microsoft\backup.7z"#)))
    }
}
