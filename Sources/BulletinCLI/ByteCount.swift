import ArgumentParser
import ContentLoading

/// A size given on the command line: `256M`, `1G`, `500K` or a number of bytes.
struct ByteCount: ExpressibleByArgument, Sendable {
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        guard let bytes = ScanLimits.bytes(argument) else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { ScanLimits.describe(bytes: bytes) }
}
