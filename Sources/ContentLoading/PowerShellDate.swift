/// A date and time as Windows PowerShell's `Export-Csv` writes a `DateTime`: in the culture of the
/// machine that ran the script and without any time zone, so the reader has to be told the zone.
///
/// Read forms: `3/3/2021 4:12:08 AM` (en-US, month first, with AM/PM), `03/03/2021 04:12:08`
/// (en-GB, fr-FR: day first, 24 hours), `03.03.2021 04:12:08` (de-DE and most of Europe, day
/// first), `2021-03-03 04:12:08` (sv-SE, ISO order). The slash forms are told apart by AM/PM, which
/// only the month-first culture writes; a date that cannot be read is `nil`, never guessed.
struct PowerShellDate: Hashable, Sendable {
    var year: Int, month: Int, day: Int
    var hour: Int, minute: Int, second: Int

    init?(_ text: String) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count == 2 || words.count == 3 else { return nil }
        let meridiem = words.count == 3 ? words[2].uppercased() : nil
        if let meridiem, meridiem != "AM" && meridiem != "PM" { return nil }
        let date = words[0], clock = words[1].split(separator: ":").map { Int($0) }
        guard clock.count == 3, let h = clock[0], let mi = clock[1], let s = clock[2] else { return nil }
        let numbers: [Int]
        if date.contains("/") {
            numbers = date.split(separator: "/").compactMap { Int($0) }
            guard numbers.count == 3 else { return nil }
            (year, month, day) = meridiem != nil ? (numbers[2], numbers[0], numbers[1]) : (numbers[2], numbers[1], numbers[0])
        } else if date.contains(".") {
            numbers = date.split(separator: ".").compactMap { Int($0) }
            guard numbers.count == 3, meridiem == nil else { return nil }
            (year, month, day) = (numbers[2], numbers[1], numbers[0])
        } else if date.contains("-") {
            numbers = date.split(separator: "-").compactMap { Int($0) }
            guard numbers.count == 3, meridiem == nil else { return nil }
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else {
            return nil
        }
        switch meridiem {
        case "AM"?:
            guard (1...12).contains(h) else { return nil }
            hour = h == 12 ? 0 : h
        case "PM"?:
            guard (1...12).contains(h) else { return nil }
            hour = h == 12 ? 12 : h + 12
        default:
            guard (0...23).contains(h) else { return nil }
            hour = h
        }
        (minute, second) = (mi, s)
        guard (1000...9999).contains(year), (1...12).contains(month), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...length).contains(day) else { return nil }
    }

    /// RFC 3339 text at `offset` (`Z`, `+01:00`).
    func rfc3339(offset: String) -> String {
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))\(offset)"
    }
}
