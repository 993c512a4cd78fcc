import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The static site of a fixture diary: index, feed, drafts, sub-folders, slugs, and
/// safe publishing for a daily cron job.
@Suite struct SiteTests {
    static let diary: [String: String] = [
        "diary.yml": "title: Fixture Diary\nbase_url: https://example.org/diary/\nauthor: Ada\n",
        "notes/index.md": "Welcome to **my** diary ({{ DATE }}).\n",
        "notes/2026-11-20-older.md": "# Older by file name\n\nFirst paragraph of the older note.\n",
        "notes/newest.md": "---\ntitle: Newest by front matter\ndate: 2026-11-25\n---\nIt is *new* & shiny.\n\nSecond paragraph.\n",
        "notes/2026/in-a-folder.md": "---\ndate: 2026-11-22\nslug: folder-note\n---\n# In a folder\n\nSee [the newest](../newest.md).\n",
        "notes/draft.md": "---\ndraft: true\ndate: 2026-11-26\n---\n# Not yet\n",
        "notes/.hidden/secret.md": "# hidden\n",
    ]

    static func render(_ space: Workspace, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["render", "notes", "--today", "2026-11-26"] + extra, in: space.url)
    }

    @Test func indexListsNotesNewestFirstWithTitleAndFirstParagraph() throws {
        let space = try Workspace(Self.diary)
        // The note without any date is dated by its modification time.
        let undated = space.url.appendingPathComponent("notes/undated.md")
        try Data("Plain text only.\n".utf8).write(to: undated)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_763_000_000)], ofItemAtPath: undated.path) // 2025-11-13
        let result = try Self.render(space)
        #expect(result.status == 0, "\(result.stderr)")
        let index = try space.read("site/index.html")
        let main = try #require(index.range(of: "<main>").map { String(index[$0.lowerBound...]) })
        #expect(main.hasPrefix("""
        <main>
        <section class="home">
        <p>Welcome to <strong>my</strong> diary (2026-11-26).</p>

        </section>
        <section class="note-list" aria-label="Latest notes">
        <h2 class="list-heading">November 2026</h2>
        <article class="note-summary">
        <h3><a href="newest.html">Newest by front matter</a></h3>
        <p class="note-meta"><time datetime="2026-11-25">Wednesday, November 25, 2026</time></p>
        <p class="summary">It is <em>new</em> &amp; shiny.</p>
        </article>
        <article class="note-summary">
        <h3><a href="2026/folder-note.html">In a folder</a></h3>
        <p class="note-meta"><time datetime="2026-11-22">Sunday, November 22, 2026</time></p>
        <p class="summary">See the newest.</p>
        </article>
        <article class="note-summary">
        <h3><a href="2026-11-20-older.html">Older by file name</a></h3>
        <p class="note-meta"><time datetime="2026-11-20">Friday, November 20, 2026</time></p>
        <p class="summary">First paragraph of the older note.</p>
        </article>
        <h2 class="list-heading">November 2025</h2>
        <article class="note-summary">
        <h3><a href="undated.html">undated</a></h3>
        <p class="note-meta"><time datetime="2025-11-13">Thursday, November 13, 2025</time></p>
        <p class="summary">Plain text only.</p>
        </article>

        </section>
        </main>
        """))
        #expect(index.contains("<title>Fixture Diary</title>"))
        #expect(index.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture Diary\" href=\"feed.xml\">"))
        // Drafts and hidden folders are skipped; index.md is the home text, not a page.
        #expect(!space.exists("site/draft.html"))
        #expect(!space.exists("site/.hidden"))
        #expect(!index.contains("Not yet"))
        // Sub-folders are mirrored, a slug names the page, links lead back to the root.
        let folderPage = try space.read("site/2026/folder-note.html")
        #expect(folderPage.contains("<link rel=\"stylesheet\" href=\"../assets/style.css\">"))
        #expect(folderPage.contains("<a href=\"../newest.html\">the newest</a>"))
        #expect(space.exists("site/assets/style.css"))
    }

    @Test func noPageRequestsAnotherHost() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        for page in ["site/index.html", "site/newest.html", "site/2026/folder-note.html"] {
            let html = try space.read(page)
            for pattern in ["src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http", "url(http", "@import"] {
                #expect(!html.contains(pattern), "\(page) contains \(pattern)")
            }
        }
        #expect(!(try space.read("site/assets/style.css")).contains("url(http"))
    }

    @Test func theFeedIsWellFormedAtom() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        let data = try Data(contentsOf: space.url.appendingPathComponent("site/feed.xml"))
        let feed = try #require(try XMLTree.parse(data))
        #expect(feed.name == "feed")
        #expect(feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(feed.child("title")?.text == "Fixture Diary")
        #expect(feed.child("id")?.text == "https://example.org/diary/")
        #expect(feed.child("updated")?.text == "2026-11-25T00:00:00Z")
        #expect(feed.child("author")?.child("name")?.text == "Ada")
        #expect(feed.children.contains { $0.name == "link" && $0.attributes["rel"] == "self" && $0.attributes["href"] == "https://example.org/diary/feed.xml" })
        let entries = feed.children.filter { $0.name == "entry" }
        #expect(entries.map { $0.child("title")?.text } == ["Newest by front matter", "In a folder", "Older by file name"])
        let first = try #require(entries.first)
        #expect(first.child("id")?.text == "https://example.org/diary/newest.html")
        #expect(first.child("link")?.attributes["href"] == "https://example.org/diary/newest.html")
        #expect(first.child("updated")?.text == "2026-11-25T00:00:00Z")
        #expect(first.child("summary")?.text == "It is new & shiny.")
        #expect(first.child("content")?.text == "<p>It is <em>new</em> &amp; shiny.</p>\n<p>Second paragraph.</p>\n")
        // Without base_url: a warning and no feed.
        try space.write("diary.yml", "title: Fixture Diary\n")
        let result = try Self.render(space, ["--out", "other"])
        #expect(result.status == 0)
        #expect(result.stderr == "warning: no base_url in diary.yml, so feed.xml and sitemap.xml are not written (they need absolute links)\n")
        #expect(!space.exists("other/feed.xml"))
        #expect(try Self.render(space, ["--out", "quiet", "--quiet"]).stderr == "")
    }

    @Test func rerunningRewritesOnlyChangedFilesAndNothingWhenNothingChanged() throws {
        let space = try Workspace(Self.diary.merging(["notes/counter.md": "Day {{ DAYS_SINCE_2026_11_01 }}\n"]) { $1 })
        #expect(try Self.render(space).status == 0)
        try space.write("site/CNAME", "diary.example.org\n")
        let first = try space.inodes("site")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(try Self.render(space).status == 0)
        // Same inputs: not a byte, not an inode, not a modification time changed.
        #expect(try space.inodes("site") == first)
        try FileManager.default.removeItem(at: space.url.appendingPathComponent("notes/2026-11-20-older.md"))
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-27"], in: space.url).status == 0)
        let second = try space.inodes("site")
        #expect(second["counter.html"] != first["counter.html"])   // its counter changed
        #expect(second["newest.html"] == first["newest.html"])     // kept: same inode and mtime
        #expect(second["CNAME"] == first["CNAME"])                 // not ours: carried over
        #expect(second["2026-11-20-older.html"] == nil)            // its note is gone
        #expect(try space.read("site/counter.html").contains("Day 26"))
    }

    @Test func aFailingNoteLeavesTheOldSiteByteIdentical() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        let before = try space.snapshot("site")
        try space.write("notes/broken.md", "```calc\nx = 1 +\n```\n")
        let result = try CLI.run(["render", "notes", "--today", "2026-11-27"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr == "notes/broken.md:2:8: error: expected an expression, found the end of the line\nx = 1 +\n       ^\n")
        #expect(sameSnapshot(before, try space.snapshot("site")))
    }

    @Test func aRunKilledAtAnyMomentLeavesACompleteSite() throws {
        var files: [String: String] = [:]
        for index in 0..<300 {
            files["notes/n\(index).md"] = "# Note \(index)\n\n" + String(repeating: "Text with $x_\(index)$ and {{ DATE }}. ", count: 40) + "\n"
        }
        let space = try Workspace(files)
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-25"], in: space.url).status == 0)
        let old = try space.contents("site")
        // The complete new site, for comparison.
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-26", "--out", "expected"], in: space.url).status == 0)
        let new = try space.contents("expected")
        for delay in [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["render", "notes", "--today", "2026-11-26"]
            process.currentDirectoryURL = space.url
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try space.contents("site")
            #expect(now == old || now == new, "after a kill at \(delay) s the site is neither the old nor the new one")
            if now == new { break }
        }
        // The next run cleans up what a killed one left behind.
        #expect(try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url).status == 0)
        #expect(try space.contents("site") == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: space.url.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func aSecondRunWaitsForTheLockThenGivesUpClearly() throws {
        let space = try Workspace(Self.diary)
        let lockPath = space.url.appendingPathComponent(".site.lock").path
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let blocked = try CLI.run(["render", "notes", "--today", "2026-11-26", "--wait", "0.3"], in: space.url)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.hasPrefix("error: another diary run is writing "))
        #expect(blocked.stderr.contains("waited 0.3 s, try again later"))
        #expect(!space.exists("site"))
        close(descriptor)
        // Two real runs at once: both succeed, one after the other.
        let runs = (0..<2).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["render", "notes", "--today", "2026-11-26", "--quiet"]
            process.currentDirectoryURL = space.url
            return process
        }
        for run in runs { try run.run() }
        for run in runs { run.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0])
        #expect(try space.read("site/index.html").contains("Newest by front matter"))
    }

    @Test func theOutputIsTheSameForAnyNumberOfJobs() throws {
        var files = Self.diary
        for index in 0..<40 { files["notes/many/n\(index).md"] = "# N\(index)\n\n```calc\nmean(randn(100, seed = \(index)))\n```\n~~x~~ www.example.org\n" }
        let space = try Workspace(files)
        #expect(try Self.render(space, ["--jobs", "1", "--out", "one"]).status == 0)
        #expect(try Self.render(space, ["--jobs", "4", "--out", "four"]).status == 0)
        let one = try space.contents("one"), four = try space.contents("four")
        // 43 pages, index, 404, archive and its year, tags, feed, sitemap, robots.txt,
        // stylesheet, icon, manifest (and the math font when the machine has it)
        #expect(one.keys.filter { !$0.hasPrefix("assets/fonts/") }.count == 54)
        #expect(one == four)
    }

    /// A progress line appears only on a terminal (here a pseudo-terminal from
    /// util-linux's `script`), and `--quiet` silences it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aLongRunShowsProgressOnATerminalOnly() throws {
        var files: [String: String] = [:]
        for index in 0..<800 { files["notes/n\(index).md"] = "# N\(index)\n\n```calc\nmean(randn(3000, seed = \(index)))\n```\n" }
        let space = try Workspace(files)
        let command = "\(CLI.binary) render notes --today 2026-11-26 --jobs 1"
        let terminal = try Shell.run("/usr/bin/script", ["-qec", command, "/dev/null"], in: space.url)
        #expect(terminal.stdout.contains("\r\u{1B}[Krendering "))
        #expect(terminal.stdout.contains("/800 notes"))
        #expect(terminal.stdout.contains("800/800 notes\r\u{1B}[Kwarning: no base_url"), "the line is erased before other output")
        let quiet = try Shell.run("/usr/bin/script", ["-qec", command + " --quiet", "/dev/null"], in: space.url)
        #expect(quiet.stdout == "")
        let piped = try CLI.run(["render", "notes", "--today", "2026-11-26"], in: space.url)
        #expect(!piped.stderr.contains("rendering"))
    }

    @Test func slugsCannotCollideOrEscape() throws {
        let space = try Workspace(["notes/a.md": "---\nslug: b\n---\nA\n", "notes/b.md": "B\n", "notes/c.md": "---\nslug: index\n---\nC\n"])
        let result = try CLI.run(["render", "notes"], in: space.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("notes/b.md:1:1: error: this note would be written to b.html, like notes/a.md"))
        #expect(result.stderr.contains("notes/c.md:2:7: error: this note would be written to index.html, like the index page"))
    }

    @Test func newWritesTodaysNoteAndNeverOverwrites() throws {
        let space = try Workspace(["templates/note.md": "---\ntitle: \"{{title}}\"\ndate: {{date}}\n---\n{{DAYS_SINCE_NOTE}} days ago\n"])
        let first = try CLI.run(["new", "--title", "Momentum, again!", "--today", "2026-11-26"], in: space.url)
        #expect(first.status == 0)
        #expect(first.stdout == "notes/2026-11-26-momentum-again.md\n")
        #expect(try space.read("notes/2026-11-26-momentum-again.md") == "---\ntitle: \"Momentum, again!\"\ndate: 2026-11-26\n---\n{{DAYS_SINCE_NOTE}} days ago\n")
        try space.write("notes/2026-11-26-momentum-again.md", "mine")
        let second = try CLI.run(["new", "--title", "Momentum, again!", "--today", "2026-11-26"], in: space.url)
        #expect(second.status == 1)
        #expect(second.stderr == "error: notes/2026-11-26-momentum-again.md already exists; diary new never overwrites a note\n")
        #expect(try space.read("notes/2026-11-26-momentum-again.md") == "mine")
        // The written note renders.
        try FileManager.default.removeItem(at: space.url.appendingPathComponent("notes/2026-11-26-momentum-again.md"))
        #expect(try CLI.run(["new", "--title", "Momentum, again!", "--today", "2026-11-20"], in: space.url).status == 0)
        let rendered = try CLI.run(["render", "notes/2026-11-20-momentum-again.md", "--out", "-", "--format", "markdown", "--today", "2026-11-26"], in: space.url)
        #expect(rendered.stdout.hasSuffix("6 days ago\n"))
    }
}

/// A small DOM of an XML document, enough to check the Atom feed's structure.
final class XMLTree: NSObject, XMLParserDelegate {
    var name = ""
    var attributes: [String: String] = [:]
    var text = ""
    var children: [XMLTree] = []
    private var stack: [XMLTree] = []

    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    static func parse(_ data: Data) throws -> XMLTree? {
        let root = XMLTree()
        let parser = XMLParser(data: data)
        parser.delegate = root
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return root.children.first
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let node = XMLTree()
        node.name = elementName
        node.attributes = attributes
        (stack.last ?? self).children.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
