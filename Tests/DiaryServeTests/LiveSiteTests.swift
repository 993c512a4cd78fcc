import DiaryKit
import Foundation
import Testing

/// The in-memory site of `diary serve`: what a refresh renders again, and what each page shows.
@Suite struct LiveSiteTests {
    static func site(_ folder: Folder, drafts: Bool = false) -> LiveSite {
        var settings = RunSettings()
        settings.workingDirectory = folder.url.path
        settings.today = "2026-11-26"
        return LiveSite(paths: [folder.path("notes")], settings: settings, includeDrafts: drafts)
    }

    static func text(_ page: LiveSite.Page) -> String {
        switch page {
        case .file(let bytes), .missing(let bytes?): String(decoding: bytes, as: UTF8.self)
        case .failed(let report): "FAILED: " + report
        case .folder: "FOLDER"
        case .missing(nil): "MISSING"
        }
    }

    @Test func aRefreshRendersOnlyWhatChanged() throws {
        let folder = try Folder(["notes/a.md": "# A\n\nfirst\n", "notes/b.md": "# B\n\n{{DATE}}\n"])
        defer { folder.delete() }
        var live = Self.site(folder)
        let first = live.refresh()
        #expect(first.changed && first.rendered == 2)
        #expect(Self.text(live.snapshot.page(at: "b.html")).contains("2026-11-26"))
        // Nothing changed: nothing rendered, the generation stays.
        let generation = live.snapshot.generation
        let idle = live.refresh()
        #expect(!idle.changed && idle.rendered == 0 && live.snapshot.generation == generation)
        // One note saved: one note rendered, the index follows.
        try folder.write("notes/a.md", "# A again\n\nsecond\n")
        let edit = live.refresh()
        #expect(edit.changed && edit.rendered == 1)
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("second"))
        #expect(Self.text(live.snapshot.page(at: "")).contains("A again"))
        // A new note and a deleted one.
        try folder.write("notes/c.md", "# C\n")
        try folder.remove("notes/b.md")
        let moved = live.refresh()
        #expect(moved.rendered == 1)
        #expect(Self.text(live.snapshot.page(at: "index.html")).contains("c.html"))
        #expect(!Self.text(live.snapshot.page(at: "index.html")).contains("b.html"))
        #expect(live.snapshot.page(at: "b.html") == .missing(live.snapshot.site404))
    }

    @Test func aNoteWithErrorsShowsThemOnItsPageUntilFixed() throws {
        let folder = try Folder(["notes/a.md": "# A\n\nok\n", "notes/b.md": "# B\n"])
        defer { folder.delete() }
        var live = Self.site(folder)
        _ = live.refresh()
        try folder.write("notes/a.md", "# A\n\n```calc\nmean([1, 2]\n```\n")
        let broken = live.refresh()
        #expect(broken.changed && broken.diagnostics.contains(where: \.hasErrors))
        let page = Self.text(live.snapshot.page(at: "a.html"))
        #expect(page.hasPrefix("FAILED: "))
        #expect(page.contains("notes/a.md:4:1: error:") || page.contains("notes/a.md:3:"))
        // Other pages are still served.
        #expect(Self.text(live.snapshot.page(at: "b.html")).contains("<h1 class=\"note-title\">B</h1>"))
        try folder.write("notes/a.md", "# A\n\n```calc\nmean([1, 2])\n```\n")
        _ = live.refresh()
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("1.5"))
    }

    @Test func aConfigOrTemplateErrorShowsOnEveryPage() throws {
        let folder = try Folder(["notes/a.md": "# A\n"])
        defer { folder.delete() }
        var live = Self.site(folder)
        _ = live.refresh()
        try folder.write("diary.yml", "title: [unclosed\n")
        let broken = live.refresh()
        #expect(broken.changed)
        #expect(Self.text(live.snapshot.page(at: "a.html")).hasPrefix("FAILED: diary.yml:"))
        #expect(Self.text(live.snapshot.page(at: "index.html")).hasPrefix("FAILED: diary.yml:"))
        try folder.write("diary.yml", "title: Fixed\n")
        _ = live.refresh()
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("Fixed"))
        // A template change renders every page again.
        try folder.write("templates/footer.mustache", "<footer>mine</footer>")
        let templated = live.refresh()
        #expect(templated.rendered == 1)
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("<footer>mine</footer>"))
        try folder.write("templates/page.mustache", "{{#broken}}")
        _ = live.refresh()
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("page.mustache:1:"))
    }

    /// A broken config is reported once, not at every refresh, with or without --today.
    @Test func aBrokenConfigIsReportedOnce() throws {
        let folder = try Folder(["notes/a.md": "# A\n", "diary.yml": "title: [unclosed\n"])
        defer { folder.delete() }
        var settings = RunSettings()
        settings.workingDirectory = folder.url.path
        var live = LiveSite(paths: [folder.path("notes")], settings: settings, includeDrafts: false)
        let first = live.refresh()
        #expect(first.changed && first.diagnostics.count == 1)
        let again = live.refresh()
        #expect(!again.changed && again.diagnostics.isEmpty)
        try folder.write("diary.yml", "title: Fine\n")
        let fixed = live.refresh()
        #expect(fixed.changed && fixed.diagnostics.isEmpty)
        #expect(Self.text(live.snapshot.page(at: "a.html")).contains("Fine"))
    }

    @Test func draftsAreServedOnlyWhenAskedFor() throws {
        let folder = try Folder(["notes/d.md": "---\ndraft: true\n---\n# Draft\n"])
        defer { folder.delete() }
        var hidden = Self.site(folder)
        _ = hidden.refresh()
        #expect(Self.text(hidden.snapshot.page(at: "d.html")) == Self.text(.missing(hidden.snapshot.site404)))
        var shown = Self.site(folder, drafts: true)
        _ = shown.refresh()
        #expect(Self.text(shown.snapshot.page(at: "d.html")).contains("<span class=\"draft\">draft</span>"))
    }

    @Test func foldersAndLinkedFiles() throws {
        let folder = try Folder(["notes/2026/a.md": "# A\n\n![x](x.png)\n", "notes/2026/x.png": "one"])
        defer { folder.delete() }
        var live = Self.site(folder)
        _ = live.refresh()
        #expect(live.snapshot.page(at: "archive") == .folder)
        #expect(Self.text(live.snapshot.page(at: "archive/")).contains("Archive"))
        #expect(live.snapshot.page(at: "2026/x.png") == .file(Array("one".utf8)))
        // A changed image: the page reloads, and the new bytes are served.
        Thread.sleep(forTimeInterval: 0.01)
        try folder.write("notes/2026/x.png", "two")
        #expect(live.refresh().changed)
        #expect(live.snapshot.page(at: "2026/x.png") == .file(Array("two".utf8)))
        // An image saved after the note that shows it, and one that goes and comes back.
        try folder.write("notes/2026/a.md", "# A\n\n![x](x.png) ![y](y.png)\n")
        _ = live.refresh()
        #expect(Self.text(live.snapshot.page(at: "2026/y.png")) == Self.text(.missing(live.snapshot.site404)))
        try folder.write("notes/2026/y.png", "new")
        let appeared = live.refresh()
        #expect(appeared.changed && appeared.rendered == 0)
        #expect(live.snapshot.page(at: "2026/y.png") == .file(Array("new".utf8)))
        try folder.remove("notes/2026/x.png")
        #expect(live.refresh().changed)
        try folder.write("notes/2026/x.png", "back")
        #expect(live.refresh().changed)
        #expect(live.snapshot.page(at: "2026/x.png") == .file(Array("back".utf8)))
    }

    /// Only what the templates folder's reader reads counts: an editor's swap file is no change.
    @Test func filesBesideTheTemplatesAreNoChange() throws {
        let folder = try Folder(["notes/a.md": "# A\n", "templates/footer.mustache": "<footer>mine</footer>"])
        defer { folder.delete() }
        var live = Self.site(folder)
        _ = live.refresh()
        try folder.write("templates/.footer.mustache.swp", "editor state")
        try folder.write("templates/README", "notes on the templates")
        let idle = live.refresh()
        #expect(!idle.changed && idle.rendered == 0)
        try folder.write("templates/footer.mustache", "<footer>again</footer>")
        #expect(live.refresh().rendered == 1)
    }

    /// Notes that cannot be listed (two want one page): told once, shown on every page, and
    /// the site comes back when it is fixed.
    @Test func aCollectionErrorIsToldOnceAndShownOnEveryPage() throws {
        let folder = try Folder(["notes/a/x.md": "# A\n", "notes/b.md": "# B\n"])
        defer { folder.delete() }
        var settings = RunSettings()
        settings.workingDirectory = folder.url.path
        settings.today = "2026-11-26"
        var live = LiveSite(paths: [folder.path("notes/a"), folder.path("notes")], settings: settings, includeDrafts: false)
        let first = live.refresh()
        #expect(first.usageError == nil)
        try folder.write("notes/x.md", "# Clash\n")
        let clash = live.refresh()
        let told = try #require(clash.usageError)
        #expect(clash.changed && told.contains("x.md"))
        #expect(Self.text(live.snapshot.page(at: "b.html")).hasPrefix("FAILED: error: "))
        let again = live.refresh()
        #expect(!again.changed && again.usageError == nil)
        try folder.remove("notes/x.md")
        let fixed = live.refresh()
        #expect(fixed.changed && fixed.usageError == nil)
        #expect(Self.text(live.snapshot.page(at: "b.html")).contains("<h1 class=\"note-title\">B</h1>"))
    }
}

extension LiveSite.Snapshot {
    /// The site's 404 page, as a missing path gets it.
    var site404: [UInt8]? {
        if case .missing(let page) = page(at: "no/such/page.html") { return page }
        return nil
    }
}
