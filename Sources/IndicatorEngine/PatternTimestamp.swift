extension Pattern {
    /// A timestamp literal `t'...'`: an RFC 3339 date-time in UTC, the only form STIX 2.1 allows
    /// (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`, upper-case `T` and `Z`).
    ///
    /// The fraction is kept as digits rather than a `Double` so that no precision is lost and two
    /// timestamps compare exactly; trailing zeros are dropped so that `.5` and `.50` are equal.
    public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// 0000-9999.
        public var year: Int
        /// 1-12.
        public var month: Int
        /// 1-31, valid for the month and year.
        public var day: Int
        /// 0-23.
        public var hour: Int
        /// 0-59.
        public var minute: Int
        /// 0-60; 60 is a leap second, which RFC 3339 allows.
        public var second: Int
        /// The digits after the decimal point without trailing zeros; empty for whole seconds.
        public var fraction: String

        /// Creates a timestamp from its parts; `fraction` is normalised.
        public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: String = "") {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
            self.fraction = String(fraction.reversed().drop { $0 == "0" }.reversed())
        }

        /// Chronological order. Comparing fraction digits as text is numeric order here, because
        /// neither side has trailing zeros.
        public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
            let left = (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            let right = (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
            return left != right ? left < right : lhs.fraction < rhs.fraction
        }

        /// The canonical RFC 3339 text, e.g. `2021-03-02T00:00:00.5Z`.
        public var description: String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
            let fractionText = fraction.isEmpty ? "" : "." + fraction
            return "\(yearText)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))\(fractionText)Z"
        }
    }
}

extension Pattern.Timestamp {
    /// Why some text is not a STIX timestamp, and at which byte.
    struct Problem: Error {
        /// The offset of the offending byte, in the same index space as the parsed bytes.
        var offset: Int
        /// A phrase that completes "invalid timestamp: ...".
        var reason: String
    }

    /// Parses the text between the quotes of a `t'...'` literal.
    ///
    /// Checks the layout of the STIX JSON schema's timestamp pattern and then the calendar, which
    /// the schema (and the reference validator) leave out: `2021-02-30` is rejected here.
    init(rfc3339 text: ArraySlice<UInt8>) throws(Problem) {
        var cursor = text.startIndex
        let example = "write t'YYYY-MM-DDTHH:MM:SSZ' in UTC, e.g. t'2021-03-02T14:05:00Z'"

        func expect(_ separator: Character, _ what: String) throws(Problem) {
            guard cursor < text.endIndex, text[cursor] == separator.asciiValue else {
                let found = cursor < text.endIndex ? text[cursor] : nil
                if separator == "T" || separator == "Z", found == separator.lowercased().first?.asciiValue {
                    throw Problem(offset: cursor, reason: "'\(separator)' must be upper-case")
                }
                if separator == "Z", found == UInt8(ascii: "+") || found == UInt8(ascii: "-") {
                    let reason = "STIX timestamps are in UTC; end with 'Z' instead of an offset"
                    throw Problem(offset: cursor, reason: reason)
                }
                throw Problem(offset: cursor, reason: "expected \(what); \(example)")
            }
            cursor += 1
        }
        func digits(_ count: Int, _ what: String) throws(Problem) -> (value: Int, offset: Int) {
            let start = cursor
            var value = 0
            for _ in 0..<count {
                guard cursor < text.endIndex, let digit = Self.digitValue(text[cursor]) else {
                    throw Problem(offset: cursor, reason: "expected \(count) digits of \(what); \(example)")
                }
                value = value * 10 + digit
                cursor += 1
            }
            return (value, start)
        }

        let year = try digits(4, "the year").value
        try expect("-", "'-' after the year")
        let month = try digits(2, "the month")
        try expect("-", "'-' after the month")
        let day = try digits(2, "the day")
        try expect("T", "'T' between date and time")
        let hour = try digits(2, "the hour")
        try expect(":", "':' after the hour")
        let minute = try digits(2, "the minutes")
        try expect(":", "':' after the minutes")
        let second = try digits(2, "the seconds")
        var fraction = ""
        if cursor < text.endIndex, text[cursor] == UInt8(ascii: ".") {
            cursor += 1
            let start = cursor
            while cursor < text.endIndex, Self.digitValue(text[cursor]) != nil { cursor += 1 }
            guard cursor > start else {
                throw Problem(offset: cursor, reason: "expected digits after '.' in the seconds")
            }
            fraction = String(decoding: text[start..<cursor], as: UTF8.self)
        }
        try expect("Z", "'Z' (UTC) after the seconds")
        guard cursor == text.endIndex else {
            throw Problem(offset: cursor, reason: "unexpected text after 'Z'; \(example)")
        }

        guard (1...12).contains(month.value) else {
            throw Problem(offset: month.offset, reason: "month \(month.value) is not 01-12")
        }
        let monthLength = Self.daysIn(month: month.value, year: year)
        guard (1...monthLength).contains(day.value) else {
            let reason = "day \(day.value) is not in 01-\(monthLength) for month \(month.value) of \(year)"
            throw Problem(offset: day.offset, reason: reason)
        }
        for (field, value, limit) in [("hour", hour, 23), ("minute", minute, 59), ("second", second, 60)]
        where value.value > limit {
            throw Problem(offset: value.offset, reason: "\(field) \(value.value) is not 00-\(limit)")
        }

        self.init(
            year: year, month: month.value, day: day.value, hour: hour.value, minute: minute.value,
            second: second.value, fraction: fraction)
    }

    /// The value of an ASCII digit.
    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// The length of a month in the proleptic Gregorian calendar that RFC 3339 uses.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
