import Testing

@testable import BulletinModel

/// RFC 3339 times as scan documents and patterns write them.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2021-03-03T07:02:11Z", 1_614_754_931.0),
        ("2021-03-03T08:02:11+01:00", 1_614_754_931.0),
        ("2021-03-03t07:02:11.5z", 1_614_754_931.5),
        ("2020-02-29T00:00:00Z", 1_582_934_400.0),
    ])
    func parsesValidTimes(_ text: String, _ seconds: Double) throws {
        #expect(try #require(Timestamp(rfc3339: text)).secondsSinceEpoch == seconds)
    }

    @Test(arguments: ["2021-02-29T00:00:00Z", "2021-03-03 07:02:11Z", "2021-03-03T07:02:11", "2021-13-01T00:00:00Z", "2021-03-03T24:00:00Z", "yesterday", "2021-03-03T07:02:11.Z"])
    func rejectsInvalidTimes(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func givesTheUTCDate() throws {
        #expect(try #require(Timestamp(rfc3339: "2021-03-03T23:30:00-02:00")).date == "2021-03-04")
        #expect(Timestamp(secondsSinceEpoch: 1_615_852_800).date == "2021-03-16")
    }
}
