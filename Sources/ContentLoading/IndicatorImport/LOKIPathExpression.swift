/// Turns a LOKI file-path expression into the regular expression a `MATCHES` on `file:x_path`
/// runs.
///
/// Both sides speak Python's `re` (LOKI compiles the expressions with it; bulletin's MATCHES
/// follows it too), searched anywhere in the path and case-sensitive, so the expression is kept as
/// written. What LOKI adds is environment variables (`%SystemRoot%`, also `@%...%`), which it
/// replaces with the values of the machine it scans. Scans come from many machines, so a variable
/// becomes the Windows default location it stands for, with the drive letter and user name left
/// open; a variable with no standard location cannot be translated and is reported. Constructs
/// that MATCHES refuses (lookaround, backreferences) are reported by the engine's check of the
/// finished pattern.
enum LOKIPathExpression {
    /// Windows environment variables (upper-cased) and the regular expression of the default
    /// location each names.
    static let environment: [String: String] = [
        "SYSTEMROOT": #"[A-Za-z]:\\Windows"#,
        "WINDIR": #"[A-Za-z]:\\Windows"#,
        "SYSTEMDRIVE": #"[A-Za-z]:"#,
        "PROGRAMDATA": #"[A-Za-z]:\\ProgramData"#,
        "ALLUSERSPROFILE": #"[A-Za-z]:\\ProgramData"#,
        "PROGRAMFILES": #"[A-Za-z]:\\Program Files"#,
        "PUBLIC": #"[A-Za-z]:\\Users\\Public"#,
        "USERPROFILE": #"[A-Za-z]:\\Users\\[^\\]+"#,
        "APPDATA": #"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Roaming"#,
        "LOCALAPPDATA": #"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Local"#,
        "TEMP": #"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Local\\Temp"#,
        "TMP": #"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Local\\Temp"#,
        // Set by Exchange setup, with a trailing backslash: `%ExchangeInstallPath%FrontEnd\...`.
        "EXCHANGEINSTALLPATH": #"[A-Za-z]:\\Program Files\\Microsoft\\Exchange Server\\V1[45]\\"#,
    ]

    /// The expression with its environment variables replaced, or why it cannot be translated.
    static func translate(_ expression: String) -> Result<String, ObservableProblem> {
        guard !expression.isEmpty else { return .failure(ObservableProblem("the regular expression is empty")) }
        var result = ""
        var rest = Substring(expression)
        // LOKI's own pattern for a variable: an optional '@', then %NAME% of letters and '_'.
        while let start = rest.firstIndex(of: "%") {
            let afterPercent = rest.index(after: start)
            guard let end = rest[afterPercent...].firstIndex(of: "%") else { break }
            let name = rest[afterPercent..<end]
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter && $0.isASCII || $0 == "_" }) else {
                result += rest[...start]
                rest = rest[afterPercent...]
                continue
            }
            guard let location = environment[name.uppercased()] else {
                return .failure(ObservableProblem(
                    "environment variable %\(name)% has no standard location that scans from many machines share; write the path out in the regular expression"))
            }
            var before = rest[..<start]
            if before.hasSuffix("@") { before = before.dropLast() }
            result += before + location
            rest = rest[rest.index(after: end)...]
        }
        return .success(result + rest)
    }
}
