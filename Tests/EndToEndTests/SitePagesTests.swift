import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The pages a reader moves through: the note page's title block, contents and neighbours;
/// tag pages, the archive, 404; the sitemap, robots.txt, meta tags, the icon; dates from git.
@Suite struct SitePagesTests {
    static let diary: [String: String] = [
        "diary.yml": "title: Pages Diary\nbase_url: https://example.org/d/\ndescription: Notes on learning.\n",
        "notes/a.md": "---\ndate: 2026-10-02\ntags: [ML, Batch norm]\n---\n# First *note*\n\nThe first note's summary & more.\n",
        "notes/b.md": "---\ndate: 2026-11-20\nupdated: 2026-11-25\ntags: [ml]\ntoc: true\n---\n# Second\n\nIntro.\n\n## Part one\n\ntext\n\n### Detail\n\n## Part one\n\n```python\ndef f(x):\n    return x ** 2  # square\n```\n",
        "notes/c.md": "---\ndate: 2025-12-31\n---\n# Third\n\nOld news.\n",
    ]

    static func render(_ space: Workspace, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["render", "notes", "--today", "2026-11-26", "--quiet"] + extra, in: space.url)
    }

    @Test func aNotePageHasItsTitleBlockContentsAnchorsAndNeighbours() throws {
        let space = try Workspace(Self.diary)
        let result = try Self.render(space)
        #expect(result.status == 0, "\(result.stderr)")
        let b = try space.read("site/b.html")
        // The leading heading becomes the title block, with date, update, reading time and tags.
        #expect(b.contains("<h1 class=\"note-title\">Second</h1>"))
        #expect(b.contains("<time datetime=\"2026-11-20\">Friday, November 20, 2026</time>"))
        #expect(b.contains("<span class=\"note-updated\">updated <time datetime=\"2026-11-25\">Wednesday, November 25, 2026</time></span>"))
        #expect(b.contains("<span>1 min read</span>"))
        #expect(b.contains("<li><a href=\"tags/ml.html\">ml</a></li>"))
        // Headings get ids (repeats numbered) with anchors; `toc: true` lists them.
        #expect(b.contains("<h2 id=\"part-one\">Part one<a class=\"anchor\" href=\"#part-one\" aria-label=\"Link to this section\">#</a></h2>"))
        #expect(b.contains("<h2 id=\"part-one-1\">"))
        #expect(b.contains("<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol><li class=\"toc-depth-0\"><a href=\"#part-one\">Part one</a></li><li class=\"toc-depth-1\"><a href=\"#detail\">Detail</a></li><li class=\"toc-depth-0\"><a href=\"#part-one-1\">Part one</a></li></ol></nav>"))
        // Newer and older in date order: a (Oct) ← b (Nov) is the newest; c is the oldest.
        #expect(b.contains("<nav class=\"note-nav\" aria-label=\"More notes\"><a class=\"older\" href=\"a.html\"><span>Older</span>First note</a></nav>"))
        let a = try space.read("site/a.html")
        #expect(a.contains("<a class=\"newer\" href=\"b.html\"><span>Newer</span>Second</a><a class=\"older\" href=\"c.html\"><span>Older</span>Third</a>"))
        // Markup in the title heading stays in the title block; a short note has no contents.
        #expect(a.contains("<h1 class=\"note-title\">First <em>note</em></h1>"))
        #expect(!a.contains("class=\"toc\""))
        // Fenced code is highlighted at build time.
        #expect(b.contains("<span class=\"hl-kw\">def</span> <span class=\"hl-fn\">f</span>(x):"))
        #expect(b.contains("<span class=\"hl-com\"># square</span>"))
    }

    @Test func metaTagsDescribeEachPage() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        let a = try space.read("site/a.html")
        #expect(a.contains("<title>First note · Pages Diary</title>"))
        #expect(a.contains("<meta name=\"description\" content=\"The first note&#39;s summary &amp; more.\">"))
        #expect(a.contains("<meta property=\"og:title\" content=\"First note\">"))
        #expect(a.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(a.contains("<meta name=\"twitter:title\" content=\"First note\">"))
        #expect(a.contains("<link rel=\"canonical\" href=\"https://example.org/d/a.html\">"))
        #expect(a.contains("<link rel=\"icon\" href=\"assets/favicon.svg\">"))
        #expect(a.contains("<a href=\"feed.xml\">Atom feed</a>"))
        #expect(a.contains("made with diary"))
        let index = try space.read("site/index.html")
        #expect(index.contains("<meta name=\"description\" content=\"Notes on learning.\">"))
        #expect(index.contains("<link rel=\"canonical\" href=\"https://example.org/d/\">"))
        #expect(space.exists("site/assets/favicon.svg"))
    }

    /// A front-matter title is the page's title everywhere; a leading heading that says the
    /// same is not shown twice, one that says something else stays in the body.
    @Test func aFrontMatterTitleIsTheTitleEverywhere() throws {
        let space = try Workspace([
            "notes/a.md": "---\ntitle: FM Title\n---\n# Heading One\n\ntext\n",
            "notes/b.md": "---\ntitle: Same\n---\n# Same\n\ntext\n",
        ])
        #expect(try Self.render(space).status == 0)
        let a = try space.read("site/a.html")
        #expect(a.contains("<title>FM Title · "))
        #expect(a.contains("<h1 class=\"note-title\">FM Title</h1>"))
        #expect(a.contains("<h1 id=\"heading-one\">Heading One"))
        let b = try space.read("site/b.html")
        #expect(b.contains("<h1 class=\"note-title\">Same</h1>"))
        #expect(!b.contains("<h1 id=\"same\">"))
    }

    /// Every page says what it is to search engines and link previews.
    @Test func everyPageHasADescription() throws {
        var files = Self.diary
        files["notes/d.md"] = "---\ndate: 2026-11-21\n---\n# Only a heading\n"
        let space = try Workspace(files)
        #expect(try Self.render(space).status == 0)
        let expected = [
            "site/archive/index.html": "4 notes, by month.", "site/archive/2026.html": "3 notes of 2026, by month.",
            "site/tags/index.html": "2 tags, each with its notes.", "site/tags/ml.html": "2 notes tagged ml.",
            "site/404.html": "There is no page at this address.", "site/d.html": "Notes on learning.",
            "site/a.html": "The first note&#39;s summary &amp; more.",
        ]
        for (path, description) in expected {
            let page = try space.read(path)
            for name in ["name=\"description\"", "property=\"og:description\"", "name=\"twitter:description\""] {
                #expect(page.contains("<meta \(name) content=\"\(description)\">"), "\(path) \(name)")
            }
        }
    }

    /// Tags share a page when only case and separators differ; `+` and `#` count, and a
    /// tag of punctuation alone gets a name no other tag has.
    @Test func tagPageNames() throws {
        let space = try Workspace([
            "notes/a.md": "---\ndate: 2026-10-02\ntags: [C++, C#, c, \"???\", Deep_Learning]\n---\n# A\n",
            "notes/b.md": "---\ndate: 2026-10-01\ntags: [tag-1, deep learning, m-l, ml]\n---\n# B\n",
        ])
        #expect(try Self.render(space).status == 0)
        for name in ["c-plus-plus", "c-sharp", "c", "tag-1", "tag-2", "deep-learning", "m-l", "ml"] {
            #expect(space.exists("site/tags/\(name).html"), "\(name)")
        }
        #expect(try space.read("site/tags/deep-learning.html").contains("2 notes"))
        #expect(try space.read("site/tags/tag-1.html").contains("href=\"../b.html\""))
        #expect(!(try space.read("site/tags/tag-1.html").contains("href=\"../a.html\"")))
        #expect(try space.read("site/tags/tag-2.html").contains("???"))
    }

    @Test func tagPagesTheArchiveAndTheMissingPage() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        // "ML" and "ml" are one tag, named as the newest note writes it... which is b's "ml".
        let tag = try space.read("site/tags/ml.html")
        #expect(tag.contains("<h1 class=\"page-title\">Notes tagged <span class=\"tag-name\">ml</span></h1>"))
        #expect(tag.contains("2 notes"))
        #expect(tag.range(of: "href=\"../b.html\"")!.lowerBound < tag.range(of: "href=\"../a.html\"")!.lowerBound)
        let tags = try space.read("site/tags/index.html")
        #expect(tags.contains("<li><a href=\"../tags/batch-norm.html\">Batch norm</a> <span class=\"count\">1</span></li>\n<li><a href=\"../tags/ml.html\">ml</a> <span class=\"count\">2</span></li>"))
        let archive = try space.read("site/archive/index.html")
        #expect(archive.contains("<a href=\"../archive/2026.html\">2026 <span class=\"count\">2</span></a><a href=\"../archive/2025.html\">2025 <span class=\"count\">1</span></a>"))
        #expect(archive.contains("<h2 class=\"list-heading\">November 2026</h2>"))
        #expect(archive.contains("<li><time datetime=\"2025-12-31\">31</time><a href=\"../c.html\">Third</a></li>"))
        let year = try space.read("site/archive/2025.html")
        #expect(year.contains("Third") && !year.contains("Second"))
        #expect(year.contains("aria-current=\"page\">2025"))
        // Hosts serve 404.html at any depth: its links start from the site's root path.
        let missing = try space.read("site/404.html")
        #expect(missing.contains("<h1 class=\"page-title\">Page not found</h1>"))
        #expect(missing.contains("<link rel=\"stylesheet\" href=\"/d/assets/style.css\">"))
    }

    @Test func theIndexShowsTheNewestNotesByMonthAndLinksTheArchive() throws {
        var files = Self.diary
        files["diary.yml"] = "title: Pages Diary\nindex_notes: 2\n"
        let space = try Workspace(files)
        #expect(try Self.render(space).status == 0)
        let index = try space.read("site/index.html")
        #expect(index.contains("<h2 class=\"list-heading\">November 2026</h2>"))
        #expect(index.contains("<h2 class=\"list-heading\">October 2026</h2>"))
        #expect(!index.contains("Third"))
        #expect(index.contains("<p class=\"more\"><a href=\"archive/index.html\">All 3 notes in the archive</a></p>"))
        // Without base_url: no sitemap or feed, robots.txt without a sitemap line.
        #expect(!space.exists("site/sitemap.xml"))
        #expect(try space.read("site/robots.txt") == "User-agent: *\nAllow: /\n")
    }

    @Test func theSitemapListsEveryPage() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space).status == 0)
        #expect(try space.read("site/robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://example.org/d/sitemap.xml\n")
        let data = try Data(contentsOf: space.url.appendingPathComponent("site/sitemap.xml"))
        let document = try XMLDocument(data: data)
        let urls = try document.nodes(forXPath: "//*[local-name()='url']").compactMap { $0 as? XMLElement }
        let entries = urls.map { url in
            (url.elements(forName: "loc").first?.stringValue ?? "", url.elements(forName: "lastmod").first?.stringValue)
        }
        #expect(entries.map(\.0) == [
            "https://example.org/d/a.html", "https://example.org/d/archive/2025.html", "https://example.org/d/archive/2026.html",
            "https://example.org/d/archive/index.html", "https://example.org/d/b.html", "https://example.org/d/c.html",
            "https://example.org/d/", "https://example.org/d/tags/batch-norm.html", "https://example.org/d/tags/index.html",
            "https://example.org/d/tags/ml.html",
        ])
        #expect(entries.first { $0.0.hasSuffix("/b.html") }?.1 == "2026-11-25")
        // The feed states the update too.
        let feed = try space.read("site/feed.xml")
        #expect(feed.contains("<published>2026-11-20T00:00:00Z</published>\n    <updated>2026-11-25T00:00:00Z</updated>"))
    }

    @Test func aConfiguredIconIsCopiedAndAMissingOneIsAnError() throws {
        var files = Self.diary
        files["diary.yml"] = "title: Pages Diary\nfavicon: brand/icon.png\n"
        files["brand/icon.png"] = "not really a png"
        let space = try Workspace(files)
        #expect(try Self.render(space).status == 0)
        #expect(try space.read("site/assets/favicon.png") == "not really a png")
        #expect(try space.read("site/a.html").contains("<link rel=\"icon\" href=\"assets/favicon.png\">"))
        #expect(!space.exists("site/assets/favicon.svg"))
        try space.write("diary.yml", "title: Pages Diary\nfavicon: brand/nope.png\n")
        let failed = try Self.render(space)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("diary.yml:2:10: error: cannot read the icon file"))
    }

    @Test func anUndatedNoteTakesItsLastCommitsDate() throws {
        let space = try Workspace(["notes/undated.md": "# Undated\n\nText.\n", "notes/other.md": "# Other\n", "notes/sub/deep.md": "# Deep\n"])
        try space.commitAll(date: "2026-03-04T23:30:00-05:00")
        // Touched today, but the commit is what counts (in the configured zone: UTC).
        try space.write("notes/undated.md", "# Undated\n\nText.\n")
        let result = try Self.render(space)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try space.read("site/undated.html")
        #expect(page.contains("<time datetime=\"2026-03-05\">Thursday, March 5, 2026</time>"))
        #expect(try space.read("site/sub/deep.html").contains("<time datetime=\"2026-03-05\">"))
        // An uncommitted note falls back to its modification time (today's file: today).
        try space.write("notes/new.md", "# New\n")
        #expect(try Self.render(space, ["--out", "again"]).status == 0)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let today = formatter.string(from: Date())
        #expect(try space.read("again/new.html").contains("<time datetime=\"\(today)\">"))
    }

    @Test func filesANoteLinksToAreCopiedBesideItsPage() throws {
        let space = try Workspace([
            "notes/2026/pic.md": "# Pic\n\n![loss](img/loss%20curve.png) [data](../data/runs.csv?raw=1#top) [outside](../../secret.txt) [hidden](.env) [site](https://example.org/x.png) [note](../other.md)\n",
            "notes/2026/img/loss curve.png": "PNG bytes",
            "notes/data/runs.csv": "a,b\n",
            "notes/other.md": "# Other\n",
            "notes/2026/.env": "TOKEN=1",
            "secret.txt": "no",
        ])
        #expect(try Self.render(space).status == 0)
        #expect(try space.read("site/2026/img/loss curve.png") == "PNG bytes")
        #expect(try space.read("site/data/runs.csv") == "a,b\n")
        #expect(!space.exists("site/secret.txt") && !space.exists("site/2026/.env"))
        #expect(try space.read("site/2026/pic.html").contains("<img src=\"img/loss%20curve.png\" alt=\"loss\" />"))
    }

    @Test func listsShowTheFirstParagraphWithItsFormulas() throws {
        let space = try Workspace([
            "notes/m.md": "# M\n\nThe *mean* $\\mu$ of [the batch](other.md) is {{DAY_SINCE_2025_08_18}} days old.[^1] ![plot](p.png)\n\n[^1]: A footnote.\n",
            "notes/other.md": "# Other\n",
        ])
        #expect(try Self.render(space).status == 0)
        let index = try space.read("site/index.html")
        let summary = try #require(index.components(separatedBy: "<p class=\"summary\">").dropFirst().first { $0.contains("mean") })
        let text = String(summary.prefix { $0 != "\n" })
        #expect(text.hasPrefix("The <em>mean</em> <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mi>μ</mi>"))
        #expect(text.contains("</math> of the batch is 465 days old. </p>"))
        #expect(!text.contains("<a ") && !text.contains("<img") && !text.contains("<sup"))
        // Descriptions stay plain text.
        #expect(try space.read("site/m.html").contains("<meta name=\"description\" content=\"The mean \\mu of the batch is 465 days old.\">"))
    }

    @Test func markdownOutputIsNotHighlighted() throws {
        let space = try Workspace(Self.diary)
        #expect(try Self.render(space, ["--format", "markdown", "--out", "md"]).status == 0)
        let b = try space.read("md/b.md")
        #expect(b.contains("```python\ndef f(x):\n    return x ** 2  # square\n```"))
        #expect(!b.contains("hl-kw"))
    }
}
