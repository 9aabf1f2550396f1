import BulletinModel

/// Foundation on Linux also declares a `Host`; here the word means a scanned host.
typealias Host = BulletinModel.Host
