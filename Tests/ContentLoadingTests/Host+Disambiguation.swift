import BulletinModel

/// Foundation on Linux also declares a `Host`; in these tests the word means a scanned host.
typealias Host = BulletinModel.Host
