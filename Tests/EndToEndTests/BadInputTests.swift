import Foundation
import Testing

/// Bad input from the command line and from the files around the notes: a clear message
/// and exit status 1 or 2, never a crash, a hang or a silently ignored mistake.
@Suite struct BadInputTests {
    private static let note = ["notes/a.md": "# A\n\nText.\n"]

    @Test(arguments: [
        (["--out", ""], "--out needs a folder"),
        (["--out", "notes"], "would replace the notes in notes"),
        (["--out", "."], "would replace the current folder"),
        (["--out", "notes/../notes/"], "would replace the notes in notes"),
        (["--templates", "notes/a.md"], "--templates must name a folder, and notes/a.md is a file"),
    ])
    func badOptionsAreRefused(_ options: [String], _ message: String) throws {
        let space = try Workspace(Self.note)
        let result = try CLI.run(["render", "notes", "--today", "2026-11-26"] + options, in: space.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try space.read("notes/a.md") == "# A\n\nText.\n")
    }

    @Test func aNotesPathThatIsNotANoteIsRefused() throws {
        let space = try Workspace(Self.note.merging(["diary.txt": "x"]) { a, _ in a })
        let result = try CLI.run(["render", "diary.txt", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("diary.txt is not a note: notes are markdown files ending in .md"))
    }

    @Test func anOutputFileIsRefused() throws {
        let space = try Workspace(Self.note.merging(["site": "a file"]) { a, _ in a })
        let result = try CLI.run(["render", "notes", "--out", "site", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a file; --out names the folder"))
        #expect(try space.read("site") == "a file")
    }

    /// A site published through a symbolic link lands in the link's target; the link stays.
    @Test func anOutputLinkPublishesIntoItsTarget() throws {
        let space = try Workspace(Self.note)
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("www/diary"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: space.url.appendingPathComponent("site").path, withDestinationPath: "www/diary")
        let result = try CLI.run(["render", "notes", "--out", "site", "--today", "2026-11-26", "--quiet"], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: space.url.appendingPathComponent("site").path) == "www/diary")
        #expect(space.exists("www/diary/a.html"))
        #expect(try space.read("site/a.html").contains("<h1 class=\"note-title\">A</h1>"))
    }

    /// An output folder inside the notes is never read back as notes.
    @Test func anOutputFolderInsideTheNotesIsSkipped() throws {
        let space = try Workspace(Self.note)
        for _ in 0..<2 {
            let result = try CLI.run(["render", "notes", "--out", "notes/md", "--format", "markdown", "--today", "2026-11-26", "--quiet"], in: space.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(space.exists("notes/md/a.md"))
        #expect(!space.exists("notes/md/md"))
    }

    @Test(arguments: [
        ("header.mustache", "x{{> header}}", "template error: template 'header' includes 'header', which includes it again (header → header)"),
        ("header.mustache", "{{> footer}}", "includes it again"),
        ("footer.mustache", String(repeating: "{{#a}}", count: 5_000) + String(repeating: "{{/a}}", count: 5_000),
         "template error: sections are nested more than 64 deep"),
        ("footer.mustache", "{{>*dynamic}}", "dynamic partials ({{>*name}}) are not supported"),
    ])
    func templatesThatWouldRecurseForeverAreErrors(_ name: String, _ text: String, _ message: String) throws {
        var files = Self.note
        files["templates/\(name)"] = text
        if name == "header.mustache", text.contains("footer") { files["templates/footer.mustache"] = "{{> header}}" }
        let space = try Workspace(files)
        let result = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aBillionLaughsInTheConfigIsAnError() throws {
        var yaml = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let space = try Workspace(Self.note.merging(["diary.yml": yaml]) { a, _ in a })
        let result = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("diary.yml:1:15: error: the YAML holds more than 100000 values once its aliases are expanded"),
                "\(result.stderr)")
    }

    /// Thousands of warnings on one long line print a window of the line each, and stop
    /// after a few with a count.
    @Test func repeatedWarningsOnALongLineStaySmall() throws {
        let line = String(repeating: "$\\foo$ ", count: 5_000)
        let space = try Workspace(["notes/a.md": line + "\n"])
        let result = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 0)
        #expect(result.stderr.utf8.count < 20_000, "\(result.stderr.utf8.count) bytes of warnings")
        #expect(result.stderr.contains("notes/a.md: warning: … and 4980 more like this"))
    }

    @Test func manyPrintsInANoteAreLinear() throws {
        let space = try Workspace(["notes/a.md": "```calc\nfor i in range(100000) { print(i) }\n```\n"])
        let result = try CLI.run(["render", "notes", "--out", "site", "--today", "2026-11-26", "--quiet"], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try space.read("site/a.html").contains("99999"))
    }
}
