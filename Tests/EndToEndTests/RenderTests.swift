import Foundation
import Testing

/// `diary render` run as a process on fixture notes, with today pinned to 2026-11-26.
@Suite struct RenderTests {
    @Test func theOriginalNoteInAGitRepository() throws {
        let space = try Workspace(["notes/batch-norm-test-time.md": try Workspace.originalNote])
        try space.commitAll(date: "2025-09-01T10:00:00+00:00")
        let html = try CLI.run(["render", "notes/", "--out", "site", "--today", "2026-11-26"], in: space.url)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stderr == "warning: no base_url in diary.yml, so feed.xml and sitemap.xml are not written (they need absolute links)\n")
        let page = try space.read("site/batch-norm-test-time.html")
        #expect(page.contains("<p>Today  <strong>Thursday, November 26, 2026</strong>.</p>"))
        #expect(page.contains("<p>It has been    <strong>465</strong> days since I started this diary.</p>"))
        #expect(page.contains("<p>Day <strong>451</strong> From I started this repository</p>"))
        #expect(page.contains("<title>My Diary · Diary</title>"))
        #expect(page.contains("<annotation encoding=\"application/x-tex\">\\mu_{\\text{avg}} = \\beta \\mu_{\\text{avg}} + (1-\\beta) \\mu_{\\text{current\\_batch}}</annotation>"))
        #expect(!page.contains("math-error"))
        #expect(space.exists("site/assets/style.css"))

        let markdown = try CLI.run(["render", "notes/batch-norm-test-time.md", "--out", "-", "--format", "markdown",
                                    "--today", "2026-11-26"], in: space.url)
        #expect(markdown.status == 0)
        #expect(markdown.stdout == (try Workspace.originalNote)
            .replacingOccurrences(of: "{{DATE_PRETTY}}", with: "Thursday, November 26, 2026")
            .replacingOccurrences(of: "{{DAY_SINCE_2025_08_18}}", with: "465")
            .replacingOccurrences(of: "{{DAYS_SINCE_REPO_START}}", with: "451"))
    }

    @Test func everyBuiltInName() throws {
        let note = """
        ---
        date: 2026-11-20
        counters:
          trip: 2026-12-24
        ---
        {{DATE}} | {{DATE_PRETTY}} | {{YEAR}} {{MONTH}} {{DAY}} {{WEEKDAY}}
        {{DAYS_SINCE_2025_08_18}} {{DAY_SINCE_2025_08_18}} {{DAYS_UNTIL_2027_01_01}} {{DAYS_SINCE_2027_01_01}}
        {{DAYS_SINCE_REPO_START}} {{DAYS_SINCE_DIARY}} {{DAYS_UNTIL_DIARY}} {{DAYS_UNTIL_TRIP}}
        {{NOTE_DATE}} {{DAYS_SINCE_NOTE}} {{ DATE }} \\{{DATE}} `{{DATE}}`

        """
        let space = try Workspace(["n.md": note, "diary.yml": "repo_start: 2026-11-01\ncounters:\n  diary: 2025-08-18\n"])
        let result = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
        ---
        date: 2026-11-20
        counters:
          trip: 2026-12-24
        ---
        2026-11-26 | Thursday, November 26, 2026 | 2026 11 26 Thursday
        465 465 36 -36
        25 465 -465 28
        2026-11-20 6 2026-11-26 \\{{DATE}} `{{DATE}}`

        """)
    }

    @Test func aDSTChangeNeverShiftsACountAndCommitDatesUseTheConfiguredZone() throws {
        // Root commit at 23:30 UTC on 2026-03-28 = 00:30 on the 29th in Berlin, the night
        // the clocks go forward.
        let space = try Workspace(["n.md": "{{DAYS_SINCE_REPO_START}} {{DAYS_SINCE_2026_03_28}}\n"])
        try space.commitAll(date: "2026-03-28T23:30:00+00:00")
        let berlin = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-03-30",
                                  "--timezone", "Europe/Berlin"], in: space.url)
        #expect(berlin.stdout == "1 2\n", "\(berlin.stderr)")
        let utc = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-03-30",
                               "--timezone", "UTC"], in: space.url)
        #expect(utc.stdout == "2 2\n")
        // The zone can also come from diary.yml or TZ.
        try space.write("diary.yml", "timezone: Europe/Berlin\n")
        let configured = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-03-30"], in: space.url)
        #expect(configured.stdout == "1 2\n")
        try FileManager.default.removeItem(at: space.url.appendingPathComponent("diary.yml"))
        let fromTZ = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-03-30"],
                                 in: space.url, environment: ["TZ": "Europe/Berlin"])
        #expect(fromTZ.stdout == "1 2\n")
    }

    @Test func aShallowCloneIsALocatedErrorNotAWrongNumber() throws {
        let origin = try Workspace(["notes/n.md": "# N\n\nDay {{DAYS_SINCE_REPO_START}}\n"])
        try origin.commitAll(date: "2025-01-01T12:00:00+00:00")
        try origin.write("notes/m.md", "more")
        try Shell.git(["add", "-A"], in: origin.url)
        try Shell.git(["commit", "-q", "-m", "second"], in: origin.url, date: "2026-11-01T12:00:00+00:00")
        let clone = try Workspace()
        try Shell.git(["clone", "-q", "--depth", "1", "file://\(origin.url.path)", "repo"], in: clone.url)
        let result = try CLI.run(["render", "repo/notes/n.md", "--out", "-", "--today", "2026-11-26"], in: clone.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("repo/notes/n.md:3:7: error: DAYS_SINCE_REPO_START is unknown: the git repository at '"))
        #expect(result.stderr.contains("is a shallow clone, so its first commit is missing\nDay {{DAYS_SINCE_REPO_START}}\n      ^~~~~~~~~~~~~~~~~~~~~\nnote: set 'repo_start: YYYY-MM-DD' in diary.yml, or fetch the full history (git fetch --unshallow)\n"))
        // The full history gives the root commit's date.
        let full = try CLI.run(["render", "notes/n.md", "--out", "-", "--format", "markdown", "--today", "2026-11-26"], in: origin.url)
        #expect(full.stdout == "# N\n\nDay 694\n")
    }

    @Test func outsideAGitRepository() throws {
        let space = try Workspace(["n.md": "{{DAYS_SINCE_REPO_START}}"])
        let result = try CLI.run(["render", "n.md", "--out", "-", "--today", "2026-11-26"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("n.md:1:3: error: DAYS_SINCE_REPO_START is unknown: '.' is not inside a git repository\n"))
        try space.write("diary.yml", "repo_start: 2026-11-20\n")
        let pinned = try CLI.run(["render", "n.md", "--out", "-", "--format", "markdown", "--today", "2026-11-26"], in: space.url)
        #expect(pinned.stdout == "6")
    }
}
