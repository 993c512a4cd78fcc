import Foundation
import TestSupport
import Testing

/// The worked-example note, rendered in both formats, against reviewed golden files.
/// After an intended change, regenerate them with `DIARY_UPDATE_GOLDENS=1 swift test`
/// (which fails, to make you look) and review the diff before committing it.
@Suite struct GoldenTests {
    static let stem = "2026-11-26-batch-norm-worked-example"

    @Test(arguments: [
        ("markdown", "\(stem).md", "worked-example.md"),
        ("markdown", "\(stem)-chart-1.svg", "worked-example-chart-1.svg"),
        ("html", "\(stem).html", "worked-example.html"),
    ])
    func workedExample(format: String, output: String, golden: String) throws {
        let note = try String(contentsOf: CLI.packageRoot.appendingPathComponent("notes/\(Self.stem).md"), encoding: .utf8)
        let space = try Workspace(["notes/\(Self.stem).md": note])
        let result = try CLI.run(["render", "notes", "--out", "out", "--format", format, "--today", "2026-11-26", "--quiet"], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let actual = try space.read("out/\(output)")
        try Golden.check(actual, against: CLI.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/\(golden)"))
    }
}
