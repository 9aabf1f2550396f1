/// A point in time as whole microseconds since 1970-01-01T00:00:00Z.
///
/// Microseconds, not a `Double`: a `Double` of seconds near 2021 resolves only about half a
/// microsecond, so two equal timestamps written with fractions could compare unequal and a
/// FOLLOWEDBY between simultaneous events would depend on rounding. The reference matcher compares
/// Python `datetime`s, which also stop at microseconds (longer fractions are truncated), so this
/// precision is the one patterns are specified against.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch; negative before it.
    public var microseconds: Int64

    /// Creates an instant from microseconds since the epoch.
    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Chronological order.
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The instant of a UTC calendar date and time whose fields are already checked (a pattern's
    /// `t'...'` literal); `fractionDigits` are the decimal digits after the seconds, truncated to
    /// microseconds.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fractionDigits: String) {
        let days = Instant.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(microseconds: seconds * 1_000_000 + Instant.microseconds(ofFraction: Array(fractionDigits.utf8)[...]))
    }

    /// Midnight UTC of a `YYYY-MM-DD` date, or `nil` when it is not a valid date.
    public init?(date text: String) {
        guard text.utf8.count == 10, let instant = Instant(rfc3339: text + "T00:00:00Z") else { return nil }
        self = instant
    }

    /// The instant `seconds` after the epoch (for `SOURCE_DATE_EPOCH` and the clock).
    public init(secondsSinceEpoch seconds: Int64) {
        self.init(microseconds: seconds * 1_000_000)
    }

    /// The calendar date `YYYY-MM-DD` (UTC) of this instant.
    public var date: String {
        String(description.prefix(10))
    }

    /// This instant moved by whole days.
    public func adding(days: Int) -> Instant {
        Instant(microseconds: microseconds + Int64(days) * 86_400_000_000)
    }

    /// Parses a STIX timestamp exactly as STIX property values are written: `YYYY-MM-DDTHH:MM:SS[.f]Z`,
    /// upper-case `T` and `Z`, UTC only. Anything else is `nil`, as the reference matcher refuses it.
    public init?(stix text: String) {
        guard let instant = Instant.parse(Array(text.utf8), lenient: false) else { return nil }
        self = instant
    }

    /// Parses an RFC 3339 date-time as scan documents write it: any UTC offset, `t`/`z` in either case.
    public init?(rfc3339 text: String) {
        guard let instant = Instant.parse(Array(text.utf8), lenient: true) else { return nil }
        self = instant
    }

    /// The canonical STIX text: UTC, upper-case `T` and `Z`, fraction digits only when non-zero and
    /// without trailing zeros, e.g. `2021-03-03T07:02:11.5Z`.
    public var description: String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : -((-microseconds + 999_999) / 1_000_000)
        let fraction = Int(microseconds - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Instant.civil(fromDays: Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 {
            text += "." + String(pad(fraction, 6).reversed().drop { $0 == "0" }.reversed())
        }
        return text + "Z"
    }

    /// A STIX timestamp as it should appear in a STIX object: kept as written when it already is
    /// canonical STIX text, otherwise rewritten in UTC; `nil` when it is no RFC 3339 date-time.
    public static func stixText(of text: String) -> String? {
        if Instant(stix: text) != nil { return text }
        return Instant(rfc3339: text)?.description
    }

    private static func parse(_ b: [UInt8], lenient: Bool) -> Instant? {
        guard b.count >= 20 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        func isByte(_ index: Int, _ upper: Unicode.Scalar) -> Bool {
            guard index < b.count else { return false }
            return b[index] == UInt8(ascii: upper) || (lenient && b[index] == UInt8(ascii: upper) | 0x20)
        }
        guard let year = digits(0..<4), b[4] == 0x2D, let month = digits(5..<7), b[7] == 0x2D,
            let day = digits(8..<10), isByte(10, "T"), let hour = digits(11..<13), b[13] == 0x3A,
            let minute = digits(14..<16), b[16] == 0x3A, let second = digits(17..<19),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59,
            second <= (lenient ? 60 : 59)
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if b[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < b.count, b[index] >= 0x30, b[index] <= 0x39 { index += 1 }
            guard index > start else { return nil }
            fraction = microseconds(ofFraction: b[start..<index])
        }
        var offset = 0
        if isByte(index, "Z") {
            index += 1
        } else if lenient, index < b.count, b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") {
            guard let offsetHour = digits(index + 1..<index + 3), index + 3 < b.count, b[index + 3] == 0x3A,
                let offsetMinute = digits(index + 4..<index + 6), offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offset = (offsetHour * 3600 + offsetMinute * 60) * (b[index] == UInt8(ascii: "+") ? 1 : -1)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Instant(microseconds: seconds * 1_000_000 + fraction)
    }

    /// The first six fraction digits as microseconds; further digits are truncated, as Python does.
    private static func microseconds(ofFraction digits: ArraySlice<UInt8>) -> Int64 {
        var value: Int64 = 0
        for position in 0..<6 {
            let index = digits.startIndex + position
            value = value * 10 + (index < digits.endIndex ? Int64(digits[index] - 0x30) : 0)
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
