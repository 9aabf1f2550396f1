import BulletinModel
import Foundation
import Testing

@testable import ContentLoading

/// Microsoft's MSTIC IOC feed, in its JSON form (with its `AdditionalMetadata` quirk) and its CSV form.
@Suite struct MSTICFeedReaderTests {
    static let json = IndicatorFeedFixtures.path("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json")
    static let csv = IndicatorFeedFixtures.path("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.csv")

    @Test func readsHashesWithMetadataAndPathsWithAnEmptyString() throws {
        let result = MSTICFeedReader().read(Self.json)
        #expect(result.diagnostics.isEmpty)
        #expect(result.entriesRead == 9)
        #expect(result.indicators.count == 9)
        let shell = result.indicators[0]
        #expect(shell.pattern == "[file:hashes.'SHA-256' = 'b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0']")
        #expect(shell.verdict == .compromised && shell.confidence == .high)
        // The feed's own typo (2020 for 2021) is kept as written: provenance reports, it does not correct.
        #expect(shell.provenance == [
            "MSTIC IOC feed `MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json`: sha256, added 2020-03-09, first seen 2021-01-06T18:38:17.8341434Z, TLP:WHITE, threat type `Malware`, FileMd5 `4b3039cf227c611c45d2242d1228a121`, FileSha1 `0ba9a76f55aaa495670d74d21850d0155ff5d6a5`"
        ])
        let path = result.indicators[3]
        #expect(path.title == #"File at C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\owa\auth\8Lw7tAhF9i1pJnRo.aspx"#)
        #expect(path.pattern == #"[file:x_path MATCHES '(?i)^c:\\\\program files\\\\microsoft\\\\exchange server\\\\v15\\\\frontend\\\\httpproxy\\\\owa\\\\auth\\\\8lw7tahf9i1pjnro\\.aspx$']"#)
        #expect(path.verdict == .suspicious && path.confidence == .medium)
        #expect(path.provenance == ["MSTIC IOC feed `MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.json`: filepath, added 2021-03-09, TLP:WHITE, threat type `Malware`"])
        #expect(path.location == SourceLocation(file: Self.json, line: 1, column: 1001, jsonPointer: "/3"))
        // The feed lists shell.aspx twice: the same pattern, merged later.
        #expect(result.indicators[5].key == result.indicators[7].key)
    }

    @Test func theCSVFormNamesTheSameIndicators() throws {
        let fromJSON = MSTICFeedReader().read(Self.json)
        let fromCSV = MSTICFeedReader().read(Self.csv)
        #expect(fromCSV.diagnostics.isEmpty)
        #expect(fromCSV.entryNoun == "CSV rows")
        #expect(Set(fromCSV.indicators.map(\.pattern)) == Set(fromJSON.indicators.map(\.pattern)))
        #expect(fromCSV.indicators[0].provenance == [
            "MSTIC IOC feed `MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.csv`: sha256, added 2021-03-10, first seen 2021-03-05T10:07:29.0421232Z, TLP:WHITE"
        ])
        #expect(fromCSV.indicators[3].location == SourceLocation(file: Self.csv, line: 5, column: 1))
    }

    @Test func theJSONLinesFormNamesTheSameIndicatorsAndLocatesABrokenLine() throws {
        let fromJSON = MSTICFeedReader().read(Self.json)
        let fromLines = MSTICFeedReader().read(IndicatorFeedFixtures.path("MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.jsonl"))
        #expect(fromLines.diagnostics.isEmpty)
        #expect(fromLines.indicators.map(\.pattern) == fromJSON.indicators.map(\.pattern))
        let folder = try TemporaryFolder()
        let file = try folder.write("feed.jsonl", """
            {"DateAdded":"2021-03-09","Indicator":"C:\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\xx.aspx","IndicatorType":"filepath","TLP":"White","AdditionalMetadata":""}

            {"DateAdded":"2021-03-09","Indicator":"x","IndicatorType":"sha256",}
            {"DateAdded":"2021-03-09","Indicator":"abc","IndicatorType":"md5"}
            """)
        let result = MSTICFeedReader().read(file)
        #expect(result.entriesRead == 3)
        #expect(result.indicators.map(\.location) == [SourceLocation(file: file, line: 1, column: 1, jsonPointer: "")])
        #expect(result.diagnostics.map(\.location) == [
            SourceLocation(file: file, line: 3, column: 68),
            SourceLocation(file: file, line: 4, column: 39, jsonPointer: "/Indicator"),
        ])
        #expect(result.diagnostics.first?.summary == "unexpected '}'; expected a key in double quotes; the line is not valid JSON")
    }

    @Test func badRowsAreLocatedAndUnknownTypesCounted() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("feed.json", """
            [{"DateAdded":"2021-03-09","Indicator":"abc","IndicatorType":"sha256","TLP":"White","AdditionalMetadata":""},
             {"DateAdded":"2021-03-09","Indicator":"HKLM\\\\Software\\\\x","IndicatorType":"regkey","TLP":"White","AdditionalMetadata":""},
             {"DateAdded":"2021-03-09","Indicator":"10.0.0.1","IndicatorType":"ipv4","TLP":"White","AdditionalMetadata":7},
             {"DateAdded":"2021-03-09","IndicatorType":"sha256"}]
            """)
        let result = MSTICFeedReader().read(file)
        #expect(result.indicators.isEmpty)
        #expect(result.diagnostics == [
            .error("'abc' is not a SHA-256 hash (64 hex digits), as IndicatorType 'sha256' says", id: "import.malformed",
                   at: SourceLocation(file: file, line: 1, column: 40, jsonPointer: "/0/Indicator")),
            .warning("IndicatorType 'regkey' names nothing a bulletin.scan/1 observation carries; not imported", id: "import.skipped",
                     at: SourceLocation(file: file, line: 2, column: 2, jsonPointer: "/1")),
            .error("'AdditionalMetadata' must be an object or a string, not a number", id: "import.malformed",
                   at: SourceLocation(file: file, line: 3, column: 109, jsonPointer: "/2/AdditionalMetadata")),
            .error("row has no 'Indicator' or no 'IndicatorType' text; every MSTIC row names both", id: "import.malformed",
                   at: SourceLocation(file: file, line: 4, column: 2, jsonPointer: "/3")),
        ])
        #expect(result.skipped == ["malformed": 3, "IndicatorType regkey": 1])
    }

    @Test func aCSVWithoutTheIndicatorColumnSaysWhichColumnsItHas() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("feed.csv", "DateAdded,Value,Type\n2021-03-09,abc,sha256\n")
        let result = MSTICFeedReader().read(file)
        #expect(result.indicators.isEmpty)
        #expect(result.diagnostics.map(\.id) == ["csv.missing-column", "csv.missing-column"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: file, line: 1, column: 1))
    }
}
