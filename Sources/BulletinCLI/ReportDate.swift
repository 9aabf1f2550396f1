import BulletinModel
import Foundation

/// The date printed on reports and from which due dates count: `--date`, else
/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else today in UTC.
enum ReportDate {
    static func resolve(option: String?, environment: [String: String]) -> Result<String, Diagnostic> {
        if let option {
            guard Instant(date: option) != nil else {
                return .failure(.error("--date '\(option)' is not a date written YYYY-MM-DD", id: "cli.invalid-date", at: nil))
            }
            return .success(option)
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(epoch), seconds >= 0 else {
                return .failure(.error("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds since 1970", id: "cli.invalid-date", at: nil))
            }
            return .success(Instant(secondsSinceEpoch: Int64(seconds)).date)
        }
        return .success(Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).date)
    }
}
