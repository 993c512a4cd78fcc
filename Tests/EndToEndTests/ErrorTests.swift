import Foundation
import Testing

/// Every error a user can cause: located, all reported, exit status 1 (2 for bad
/// usage), and the output folder left exactly as it was.
@Suite struct ErrorTests {
    private let notes = [
        "notes/a.md": "# A\n\nToday {{DATE_PRETY}} and {{DAY_SINCE_2025_02_30}}.\n",
        "notes/sub/b.md": "---\ntitle: B\ntags: [x, y\n---\nBody\n",
        "notes/c.md": "fine {{DATE}}\n",
        "notes/d.md": "x {{DATE\n\ny {{ 12abc }}\n",
    ]

    @Test func everyErrorOfARunIsReportedAtItsPosition() throws {
        let space = try Workspace(notes)
        try Data([0x6F, 0x6B, 0x0A, 0xC3, 0x28]).write(to: space.url.appendingPathComponent("notes/e.md"))
        let result = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
        notes/a.md:3:9: error: unknown name 'DATE_PRETY'; did you mean 'DATE_PRETTY'?
        Today {{DATE_PRETY}} and {{DAY_SINCE_2025_02_30}}.
                ^~~~~~~~~~
        notes/a.md:3:28: error: 'DAY_SINCE_2025_02_30' names a date that does not exist: 2025-02-30
        Today {{DATE_PRETY}} and {{DAY_SINCE_2025_02_30}}.
                                   ^~~~~~~~~~~~~~~~~~~~
        notes/d.md:1:3: error: '{{' is not closed by '}}'
        x {{DATE
          ^~
        note: write '\\{{' for literal braces
        notes/d.md:3:6: error: invalid number '12abc'
        y {{ 12abc }}
             ^~~~~
        notes/e.md:2:1: error: the file is not valid UTF-8
        \u{FFFD}(
        ^
        note: save the note as UTF-8
        notes/sub/b.md:4:1: error: malformed YAML: did not find expected ',' or ']'
        ---
        ^

        """)
        #expect(!space.exists("site"))
    }

    @Test func aFailingRunLeavesTheOutputFolderExactlyAsItWas() throws {
        let space = try Workspace(["notes/c.md": "fine {{DATE}}\n"])
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-25"], in: space.url).status == 0)
        try space.write("site/keep.txt", "mine")
        let before = try space.snapshot("site")
        // (assets/fonts/ holds the math font when this machine has fonts-lmodern.)
        #expect(before.keys.filter { !$0.hasPrefix("assets/fonts/") }.sorted() == [
            ".diary-manifest", "404.html", "archive/2026.html", "archive/index.html", "assets/favicon.svg", "assets/style.css",
            "c.html", "index.html", "keep.txt", "robots.txt", "tags/index.html",
        ])
        Thread.sleep(forTimeInterval: 0.02)
        try space.write("notes/a.md", "{{NOPE}}")
        let failed = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(failed.status == 1)
        #expect(sameSnapshot(before, try space.snapshot("site")))
        #expect(try space.read("site/c.html").contains("fine 2026-11-25"))
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        let space = try Workspace(["notes/c.md": "fine {{DATE}}\n", "notes/d.md": "static\n"])
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-25"], in: space.url).status == 0)
        let before = try space.snapshot("site")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url).status == 0)
        let after = try space.snapshot("site")
        #expect(after["d.html"]?.1 == before["d.html"]?.1)
        #expect(after["c.html"]?.1 != before["c.html"]?.1)
    }

    @Test func badUsageExitsWithTwo() throws {
        let space = try Workspace(["n.md": "x", "notes/m.md": "y"])
        let badDate = try CLI.run(["render", "n.md", "--today", "2026-02-30"], in: space.url)
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--today must be a valid date written YYYY-MM-DD, not '2026-02-30'"))
        let badZone = try CLI.run(["render", "n.md", "--timezone", "Mars/Olympus"], in: space.url)
        #expect(badZone.status == 2)
        #expect(badZone.stderr.contains("unknown time zone 'Mars/Olympus'"))
        #expect(try CLI.run(["render", "notes", "--out", "-"], in: space.url).status == 2)
        #expect(try CLI.run(["render", "missing.md"], in: space.url).status == 2)
        #expect(try CLI.run(["render", "n.md", "--format", "pdf"], in: space.url).status == 2)
        #expect(try CLI.run(["frobnicate"], in: space.url).status == 2)
    }

    @Test func aBadConfigIsALocatedErrorWithStatusOne() throws {
        let space = try Workspace(["n.md": "x", "diary.yml": "title: T\ncounters:\n  exam: 2026-13-01\n"])
        let result = try CLI.run(["render", "n.md", "--out", "-"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr == "diary.yml:3:9: error: 'exam' is not a valid date: '2026-13-01'\n  exam: 2026-13-01\n        ^\nnote: write dates as YYYY-MM-DD\n")
    }

    @Test func aBrokenTemplateIsALocatedError() throws {
        let space = try Workspace(["n.md": "x", "theme/page.mustache": "<html>\n{{#a}}\n"])
        let result = try CLI.run(["render", "n.md", "--templates", "theme", "--out", "-"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("theme/page.mustache:"))
        #expect(result.stderr.contains("error: template error: a section is not closed"))
        // The default ./templates is named as relatively.
        let local = try Workspace(["n.md": "x", "templates/page.mustache": "<html>\n{{#a}}\n"])
        #expect(try CLI.run(["render", "n.md", "--out", "-"], in: local.url).stderr.hasPrefix("templates/page.mustache:"))
    }
}
