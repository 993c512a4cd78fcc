import Foundation
import Testing

/// The worked-example note, rendered in both formats, against reviewed golden files.
/// After an intended change, regenerate them with `DIARY_UPDATE_GOLDENS=1 swift test`
/// and review the diff.
@Suite struct GoldenTests {
    static let note = "2026-11-26-batch-norm-worked-example.md"

    @Test(arguments: [("markdown", "worked-example.md"), ("html", "worked-example.html")])
    func workedExample(format: String, golden: String) throws {
        let space = try Workspace(["notes/\(Self.note)": try String(contentsOf: CLI.packageRoot.appendingPathComponent("notes/\(Self.note)"), encoding: .utf8)])
        let result = try CLI.run(["render", "notes/\(Self.note)", "--out", "-", "--format", format, "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let goldenURL = CLI.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/\(golden)")
        if ProcessInfo.processInfo.environment["DIARY_UPDATE_GOLDENS"] == "1" {
            try Data(result.stdout.utf8).write(to: goldenURL)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(result.stdout == expected, "differs from Golden/\(golden); see the test's comment")
    }
}
