import BulletinModel

/// Foundation on Linux also declares a `Host`; in this module the word means a scanned host.
typealias Host = BulletinModel.Host
