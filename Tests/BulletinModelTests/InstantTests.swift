import Testing

@testable import BulletinModel

/// RFC 3339 times as scan documents write them, and STIX timestamps as patterns compare them.
@Suite struct InstantTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2021-03-03T07:02:11Z", 1_614_754_931_000_000),
        ("2021-03-03T08:02:11+01:00", 1_614_754_931_000_000),
        ("2021-03-03t07:02:11.5z", 1_614_754_931_500_000),
        ("2021-03-03T07:02:11.1234567Z", 1_614_754_931_123_456),
        ("2020-02-29T00:00:00Z", 1_582_934_400_000_000),
    ])
    func parsesRFC3339Times(_ text: String, _ microseconds: Int64) throws {
        #expect(try #require(Instant(rfc3339: text)).microseconds == microseconds)
    }

    @Test(arguments: ["2021-02-29T00:00:00Z", "2021-03-03 07:02:11Z", "2021-03-03T07:02:11", "2021-13-01T00:00:00Z", "2021-03-03T24:00:00Z", "yesterday", "2021-03-03T07:02:11.Z"])
    func rejectsInvalidTimes(_ text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }

    @Test func stixTimestampsAreUTCWithUpperCaseLetters() {
        #expect(Instant(stix: "2021-03-03T07:02:11Z") != nil)
        #expect(Instant(stix: "2021-03-03T08:02:11+01:00") == nil)
        #expect(Instant(stix: "2021-03-03t07:02:11z") == nil)
    }

    @Test func givesDatesAndDaysInUTC() throws {
        #expect(try #require(Instant(rfc3339: "2021-03-03T23:30:00-02:00")).date == "2021-03-04")
        #expect(Instant(secondsSinceEpoch: 1_615_852_800).date == "2021-03-16")
        #expect(Instant(date: "2021-03-16")?.adding(days: 7).date == "2021-03-23")
        #expect(Instant(date: "2021-02-29") == nil)
        #expect(Instant(date: "2021-03-16T00:00:00Z") == nil)
    }
}
