import Foundation

/// The real-format indicator feeds in `Tests/Fixtures/indicator-feeds`, shared with the CLI tests.
enum IndicatorFeedFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/indicator-feeds")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
