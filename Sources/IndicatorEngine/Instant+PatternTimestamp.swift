import BulletinModel

extension Instant {
    /// The instant of a pattern's `t'...'` literal (fraction truncated to microseconds).
    init(_ timestamp: Pattern.Timestamp) {
        self.init(
            year: timestamp.year, month: timestamp.month, day: timestamp.day, hour: timestamp.hour, minute: timestamp.minute,
            second: timestamp.second, fractionDigits: timestamp.fraction)
    }
}
