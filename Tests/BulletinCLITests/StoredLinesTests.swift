import Foundation
import Testing

@testable import BulletinCLI

/// The earlier build's organisations file, read in pieces: every line is found whole, wherever
/// the pieces cut it, and read back from its place.
@Suite struct StoredLinesTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-lines-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func findsEveryLineWhereverThePiecesCutIt() throws {
        let lines = (0..<40).map { index in "org-\(index)\tkey\(index * 7)\t{\"summary\":\"\(String(repeating: "é", count: index % 9))\"}" }
        let path = try file(lines.joined(separator: "\n") + "\n")
        defer { unlink(path) }
        let stored = try #require(StoredLines(path: path))
        for piece in [1, 2, 3, 7, 16, 64, 4096] {
            var found: [(StoredLines.Place, String, String)] = []
            #expect(stored.forEachOrganisation(piece: piece) { found.append(($0, $1, $2)) }, "piece \(piece)")
            #expect(found.map(\.1) == (0..<40).map { "org-\($0)" }, "piece \(piece)")
            #expect(found.map(\.2) == (0..<40).map { "key\($0 * 7)" }, "piece \(piece)")
            #expect(found.map { stored.line(at: $0.0).map { String(decoding: $0, as: UTF8.self) } } == lines, "piece \(piece)")
        }
    }

    @Test func aCutOrMalformedFileIsNotTakenForAState() throws {
        for text in ["a\tk\t{}\nb\tk\t{}", "a\tk\t{}\nb k {}\n", "a\tk{}\n"] {
            let path = try file(text)
            defer { unlink(path) }
            let stored = try #require(StoredLines(path: path))
            for piece in [1, 5, 4096] {
                #expect(!stored.forEachOrganisation(piece: piece) { _, _, _ in }, "\(text.debugDescription), piece \(piece)")
            }
        }
    }
}
