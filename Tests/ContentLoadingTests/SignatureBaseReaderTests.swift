import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// signature-base IOC files as LOKI reads them.
@Suite struct SignatureBaseReaderTests {
    @Test func hashRowsTakeTheirTypeFromTheirLength() throws {
        let file = IndicatorFeedFixtures.path("hash-iocs.txt")
        let result = SignatureBaseReader().read(file)
        #expect(result.entryNoun == "hash rows")
        #expect(result.entriesRead == 5)
        #expect(result.indicators.map(\.pattern) == [
            "[file:hashes.'SHA-256' = 'b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0']",
            "[file:hashes.'SHA-256' = '097549cf7d0f76f0d99edf8b2d91c60977fd6a96e4b8c3c94b0b1733dc026d3e']",
            "[file:hashes.MD5 = '4b3039cf227c611c45d2242d1228a121']",
            "[file:hashes.'SHA-1' = '0ba9a76f55aaa495670d74d21850d0155ff5d6a5']",
        ])
        #expect(result.indicators[3].provenance == ["signature-base `hash-iocs.txt`: SHA-1, score 75, `Nishang Invoke-PowerShellTcpOneLine dropped after ProxyLogon`"])
        #expect(result.indicators[3].location == SourceLocation(file: file, line: 15, column: 1))
        #expect(result.diagnostics == [.warning(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 is the SHA-256 of an empty file or a lone line break, which would match every such file (LOKI ignores it too); not imported",
            id: "import.skipped", at: SourceLocation(file: file, line: 18, column: 1))])
    }

    @Test func aHashRowThatLOKICannotReadIsAnError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("my-hash-iocs.txt", "# ok\n0ba9a76f55aaa495670d74d21850d0155ff5d6a5\n0ba9a76f55aa;short\r\n")
        let result = SignatureBaseReader().read(file)
        #expect(result.diagnostics == [
            .error("expected 'HASH;COMMENT' (a ';' after the hash); LOKI cannot read this row either", id: "import.malformed", at: SourceLocation(file: file, line: 2, column: 1)),
            .error("'0ba9a76f55aa' is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex digits)", id: "import.malformed", at: SourceLocation(file: file, line: 3, column: 1)),
        ])
    }

    @Test func fileNameRowsBecomeCaseSensitiveSearchesOfThePath() throws {
        let file = IndicatorFeedFixtures.path("filename-iocs.txt")
        let result = SignatureBaseReader().read(file)
        #expect(result.entryNoun == "file name rows")
        #expect(result.entriesRead == 10)
        #expect(result.indicators.map(\.pattern) == [
            #"[file:x_path MATCHES '\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\[^\\\\]+\\.aspx$']"#,
            #"[file:x_path MATCHES '\\\\FrontEnd\\\\HttpProxy\\\\owa\\\\auth\\\\[^\\\\]+\\.aspx$' AND file:x_path NOT MATCHES '\\\\owa\\\\auth\\\\(logoff|logon|errorFE|expiredpassword|frowny|signout|OutlookCN)\\.aspx$']"#,
            #"[file:x_path MATCHES '\\\\FrontEnd\\\\HttpProxy\\\\ecp\\\\auth\\\\[^\\\\]+\\.aspx$' AND file:x_path NOT MATCHES '\\\\ecp\\\\auth\\\\TimeoutLogoff\\.aspx$']"#,
            #"[file:x_path MATCHES '\\\\aspnet_client\\\\system_web\\\\(supp0rt|discover|shell|HttpProxy|OutlookEN|errorEE)\\.aspx']"#,
            #"[file:x_path MATCHES '\\\\aspnet_client\\\\system_web\\\\[0-9]_[0-9]_[0-9]{5}\\\\[A-Za-z0-9]{16}\\.aspx$']"#,
            #"[file:x_path MATCHES '\\\\root\\\\lsass\\.(zip|dmp|7z)$']"#,
            #"[file:x_path MATCHES '[A-Za-z]:\\\\ProgramData\\\\[a-z]{4,8}\\.(zip|7z|rar)$']"#,
            #"[file:x_path MATCHES '\\\\Temp\\\\(?!Low\\\\)[^\\\\]+\\.ps1$']"#,
            #"[file:x_path MATCHES '[A-Za-z]:\\\\Program Files\\\\Microsoft\\\\Exchange Server\\\\V1[45]\\\\FrontEnd\\\\HttpProxy\\\\owa\\\\auth\\\\Current\\\\themes\\\\resources\\\\[^\\\\]+\\.aspx$']"#,
        ])
        // A row without a score keeps the one before it, as LOKI does; the comment above describes it.
        #expect(result.indicators[3].provenance == [
            #"signature-base `filename-iocs.txt`: `\\aspnet_client\\system_web\\(supp0rt|discover|shell|HttpProxy|OutlookEN|errorEE)\.aspx`, score 65 taken from line 18 as LOKI does, under `# HAFNIUM Exchange Server exploitation https://www.microsoft.com/security/blog/2021/03/02/hafnium-targeting-exchange-ser…`"#
        ])
        #expect(result.indicators.map(\.confidence) == [.low, .low, .low, .low, .low, .medium, .low, .low, .low])
        #expect(result.indicators.allSatisfy { $0.verdict == .suspicious && $0.refusal == .skip })
        #expect(result.diagnostics == [.warning(
            "environment variable %MyAppHome% has no standard location that scans from many machines share; write the path out in the regular expression; not imported",
            id: "import.skipped", at: SourceLocation(file: file, line: 29, column: 1))])
    }

    @Test func aMalformedFileNameRowIsAnErrorAtItsField() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("filename-iocs.txt", "# x\n\\\\a\\.exe;high\n\\\\b\\.exe;60;x;y\n")
        let result = SignatureBaseReader().read(file)
        #expect(result.diagnostics == [
            .error("score 'high' is not a whole number (0-100)", id: "import.malformed", at: SourceLocation(file: file, line: 2, column: 10)),
            .error("expected 'REGEX;SCORE' or 'REGEX;SCORE;FP_REGEX' but found 4 fields; a ';' cannot appear inside a regular expression in this format (write it as \\x3b)",
                   id: "import.malformed", at: SourceLocation(file: file, line: 3, column: 1)),
        ])
    }

    @Test func aTrailingBlankIsKeptAsLOKIKeepsItButReported() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("filename-iocs.txt", "\\\\Temp\\\\winsyslog\\\\mPclient\\.dll ;90\n")
        let result = SignatureBaseReader().read(file)
        #expect(result.indicators.map(\.pattern) == [#"[file:x_path MATCHES '\\\\Temp\\\\winsyslog\\\\mPclient\\.dll ']"#])
        #expect(result.diagnostics == [.warning(
            "the regular expression ends in a blank, which the path must then contain (LOKI keeps it too); remove it if it is a typo",
            id: "import.suspect-row", at: SourceLocation(file: file, line: 1, column: 33))])
    }

    @Test(arguments: [
        (#"%SystemRoot%\\System32\\x\.dll"#, #"[A-Za-z]:\\Windows\\System32\\x\.dll"#),
        (#"@%windir%\\Temp\\[a-z]\.exe"#, #"[A-Za-z]:\\Windows\\Temp\\[a-z]\.exe"#),
        (#"100%\\done;x"#, #"100%\\done;x"#),
        (#"%APPDATA%\\a%b"#, #"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Roaming\\a%b"#),
    ])
    func environmentVariablesBecomeTheirDefaultLocations(expression: String, translated: String) throws {
        #expect(try LOKIPathExpression.translate(expression).get() == translated)
    }
}
