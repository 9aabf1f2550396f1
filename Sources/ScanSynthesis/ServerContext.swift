/// What every observation of one synthetic Exchange server refers to: its names, its install
/// folder, its users and the window of time its logs cover.
struct ServerContext: Sendable {
    var hostname: String
    /// The host's own IPv4 address, as its firewall log shows it.
    var address: String
    var domain: String
    /// `C:\Program Files\Microsoft\Exchange Server\V15` (V14 for Exchange 2010).
    var installFolder: String
    var users: [String]

    init(hostname: String, address: String, domain: String, exchange2010: Bool, random: inout SplitMix64) {
        self.hostname = hostname
        self.address = address
        self.domain = domain
        installFolder = random.chance(0.9)
            ? "C:\\Program Files\\Microsoft\\Exchange Server\\" + (exchange2010 ? "V14" : "V15")
            : (exchange2010 ? "D:\\Exchange\\V14" : "D:\\Exchange")
        let given = ["anna", "ben", "carla", "david", "eva", "frank", "greta", "hans", "ines", "jonas", "karin", "lukas", "maria", "nils", "olga", "paul"]
        let family = ["becker", "dalton", "ellis", "fischer", "hale", "jensen", "keller", "morgan", "novak", "parker", "rossi", "weber"]
        users = (0..<random.within(3...12)).map { _ in random.pick(given) + "." + random.pick(family) }
    }

    /// The seconds the logs cover: 26 February to 12 March 2021.
    static let window = 0..<(15 * 86_400)

    /// An RFC 3339 time `second` seconds after 2021-02-26T00:00:00Z (within `window`).
    static func time(_ second: Int) -> String {
        let day = second / 86_400
        let (month, dayOfMonth) = day < 3 ? ("02", 26 + day) : ("03", day - 2)
        let rest = second % 86_400
        return "2021-\(month)-\(two(dayOfMonth))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// The hour-named log file of `log` (e.g. `HttpProxy\Ecp`) that a row at `second` is in.
    func logFile(_ log: String, prefix: String, second: Int) -> String {
        let stamp = Self.time(second)
        let digits = stamp.prefix(13).filter(\.isNumber)
        return installFolder + "\\Logging\\" + log + "\\" + prefix + digits + "-1.LOG"
    }

    private static func two(_ number: Int) -> String {
        number < 10 ? "0" + String(number) : String(number)
    }
}
