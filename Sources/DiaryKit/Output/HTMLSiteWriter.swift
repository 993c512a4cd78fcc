import Diagnostics
import Foundation

/// HTML output: a page per note, the index of the newest notes, an archive by year, a page
/// per tag and an overview of tags, a 404 page, the Atom feed, `sitemap.xml` and
/// `robots.txt`, and the assets (stylesheet, icon, math font). Every page comes from a
/// template a user can override.
struct HTMLSiteWriter: OutputWriter {
    let context: RenderContext
    let templates: Templates
    /// Copied into the site's assets when the machine has it.
    let mathFont: MathFont?
    /// One converter (and formula cache) for the whole run.
    let math = MathRenderer()
    /// The TeX macros of `diary.yml`.
    let macros: TeXMacros
    /// The site's icon: its path in the site and its bytes.
    private let favicon: (path: String, bytes: [UInt8])
    /// The part of every template's context that is the same on every page.
    private let siteValues: [String: TemplateValue]

    /// A writer for the site; the config's macros and icon are checked here (an error at
    /// their line).
    init(context: RenderContext, templates: Templates, mathFont: MathFont?) throws(FileDiagnostics) {
        let config = context.config
        var diagnostics: [Diagnostic] = []
        macros = MathRenderer.macros(config.macros, diagnostics: &diagnostics)
        favicon = Self.favicon(config, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw FileDiagnostics(config.file ?? SourceFile(path: "diary.yml", text: ""), diagnostics) }
        self.context = context
        self.templates = templates
        self.mathFont = mathFont
        var site: [String: TemplateValue] = [
            "site_title": .string(config.title),
            "today": .string(context.today.description),
            "lang": .string(String(config.locale.prefix { $0 != "_" && $0 != "-" })),
            "has_feed": .bool(config.baseURL != nil),
            "favicon": .string(favicon.path),
        ]
        if let author = config.author { site["author"] = .string(author) }
        if case .map(let values)? = config.values?.templateValue { site["site"] = .map(values) }
        siteValues = site
    }

    /// The configured icon (a file beside `diary.yml`) or the built-in one. It is written as
    /// `assets/favicon.<extension>`, so its name can never reach another file of the site.
    private static func favicon(_ config: Config, diagnostics: inout [Diagnostic]) -> (path: String, bytes: [UInt8]) {
        let builtIn = ("assets/favicon.svg", Templates.favicon)
        guard let name = config.favicon else { return builtIn }
        let folder = config.file.map { ($0.path as NSString).deletingLastPathComponent } ?? ""
        let path = name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
        let fileExtension = (name as NSString).pathExtension.lowercased()
        let offset = config.values?["favicon"]?.offset ?? 0
        guard ["svg", "png", "ico", "gif", "jpg", "jpeg", "webp"].contains(fileExtension) else {
            diagnostics.append(.error("the icon must be an .svg, .png, .ico, .gif, .jpg or .webp file", at: offset..<offset))
            return builtIn
        }
        guard let bytes = FileBytes.read(path)?.bytes else {
            diagnostics.append(.error("cannot read the icon file \(path)", at: offset..<offset))
            return builtIn
        }
        guard bytes.count <= 1 << 20 else {
            diagnostics.append(.error("the icon file \(path) is larger than 1 MiB", at: offset..<offset))
            return builtIn
        }
        return ("assets/favicon." + fileExtension, bytes)
    }

    var format: OutputFormat { .html }

    func replacesContent(of block: MarkdownBlock) -> Bool {
        BlockMap.isReplaced(block) || block.isFenced && CodeHighlighter.highlights(BlockMap.language(ofInfo: block.info))
    }
    var parsesNotes: Bool { true }

    func write(_ note: EvaluatedNote) -> WrittenNote {
        let body = HTMLBodyWriter(math: math, macros: macros).write(note)
        var written = WrittenNote(body: body.html, firstHeading: body.firstHeading, summary: body.firstParagraph ?? "",
                                  diagnostics: body.diagnostics, parsedBlocks: body.parsedBlocks, headings: body.headings,
                                  hasMath: body.hasMath, linkedFiles: body.linkedFiles, summaryHTML: body.firstParagraphHTML)
        // A body that starts with its title heading: the title block shows it instead. A
        // front-matter title that says something else is the title, and the heading stays
        // in the body (as in Hugo), so the page shows one title everywhere.
        let named = note.note.frontMatter.title
        if let title = body.headings.first, title.level == 1, named == nil || named == title.text,
           let (html, rest) = Self.leadingTitle(of: body.html, id: title.id) {
            written.titleHTML = html
            written.body = rest
            written.headings.removeFirst()
        }
        written.words = body.words
        return written
    }

    /// The inner HTML of a leading `<h1 id="…">…</h1>` and the body after it.
    private static func leadingTitle(of html: [UInt8], id: String) -> (String, [UInt8])? {
        let open = Array("<h1 id=\"\(id)\">".utf8), anchor = Array("<a class=\"anchor\"".utf8), close = Array("</h1>\n".utf8)
        guard html.starts(with: open) else { return nil }
        var end = open.count
        while end + close.count <= html.count, !html[end..<end + close.count].elementsEqual(close) { end += 1 }
        guard end + close.count <= html.count else { return nil }
        var inner = html[open.count..<end]
        if let start = inner.indices.first(where: { inner[$0...].starts(with: anchor) }) { inner = inner[..<start] }
        return (String(decoding: inner, as: UTF8.self), Array(html[(end + close.count)...]))
    }

    /// `index.md` at the root of the notes is the home text of the index page, not a page.
    func outputPath(for note: Note) -> String? {
        note.isHomeText ? nil : format.outputPath(for: note.relativePath, slug: note.frontMatter.slug)
    }

    var reservedPaths: [String: String] {
        ["index.html": "the index page", "404.html": "the page for a missing page", "feed.xml": "the feed",
         "sitemap.xml": "the sitemap", "robots.txt": "robots.txt"]
    }

    func file(for note: RenderedNote, among notes: [RenderedNote]) -> [UInt8] {
        page(note, in: SiteIndex(notes))
    }

    /// What is at a path of the site.
    private enum Entry: Sendable {
        case note(RenderedNote), index, missing, archive(year: Int?), tags, tag(SiteIndex.Tag)
        case stylesheet, bytes([UInt8]), linked(source: String), feed, sitemap
    }

    func site(for notes: [RenderedNote]) -> SiteFiles {
        let index = SiteIndex(notes)
        var entries: [String: Entry] = [:]
        // Files notes link to first: a page of the site wins over a file of the same name.
        for note in index.pages { for (path, source) in note.linkedFiles { entries[path] = .linked(source: source) } }
        for note in index.pages { if let path = note.outputPath { entries[path] = .note(note) } }
        entries["index.html"] = .index
        entries["404.html"] = .missing
        entries["archive/index.html"] = .archive(year: nil)
        for year in index.years { entries["archive/\(year.year).html"] = .archive(year: year.year) }
        entries["tags/index.html"] = .tags
        for tag in index.tags { entries["tags/\(tag.slug).html"] = .tag(tag) }
        if let mathFont {
            entries[MathFont.sitePath] = .bytes(mathFont.font)
            if let license = mathFont.license { entries[MathFont.licensePath] = .bytes(license) }
        }
        entries["assets/style.css"] = .stylesheet
        entries[favicon.path] = .bytes(favicon.bytes)
        entries["robots.txt"] = .bytes(Array(("User-agent: *\nAllow: /\n" + (context.config.baseURL.map { "Sitemap: \($0)sitemap.xml\n" } ?? "")).utf8))
        if context.config.baseURL != nil {
            entries["feed.xml"] = .feed
            entries["sitemap.xml"] = .sitemap
        }
        let paths = Set(entries.keys), site = entries
        return SiteFiles(paths: paths) { path in
            guard let entry = site[path] else { return nil }
            return file(entry, index: index, paths: paths)
        }
    }

    private func file(_ entry: Entry, index: SiteIndex, paths: Set<String>) -> [UInt8]? {
        switch entry {
        case .note(let note): return page(note, in: index)
        case .index: return indexPage(index)
        case .missing:
            // Hosts serve 404.html at any depth, so its links start from the site's root
            // path (`/diary/` of https://example.org/diary/): same host, any depth.
            var missing = pageContext(path: "404.html", title: "Page not found")
            missing["root"] = .string(context.config.baseURL.map(Self.rootPath) ?? "")
            missing["canonical"] = nil
            missing["description"] = "There is no page at this address."
            return templates.render("404", missing)
        case .archive(let year): return archivePage(index, year: year)
        case .tags: return tagsPage(index)
        case .tag(let tag): return tagPage(tag, index)
        case .stylesheet:
            let fontPath = mathFont.map { _ in String(MathFont.sitePath.dropFirst("assets/".count)) }
            return Array(templates.stylesheet(mathFont: fontPath).utf8)
        case .bytes(let bytes): return bytes
        case .linked(let source): return FileBytes.read(source)?.bytes
        case .feed:
            guard let baseURL = context.config.baseURL else { return nil }
            let entries = index.pages.lazy.compactMap { note in
                note.date.map { date in
                    AtomFeed.Entry(title: note.title, path: note.outputPath ?? "", date: date, updated: note.note.frontMatter.updated,
                                   summary: note.summary, content: String(decoding: note.body, as: UTF8.self))
                }
            }.prefix(AtomFeed.maximumEntries)
            let config = context.config
            return Array(AtomFeed.xml(title: config.title, author: config.author ?? config.title, baseURL: baseURL, entries: Array(entries)).utf8)
        case .sitemap:
            guard let baseURL = context.config.baseURL else { return nil }
            return Array(Sitemap.xml(baseURL: baseURL, files: paths, notes: index.pages).utf8)
        }
    }

    func warnings(for notes: [RenderedNote]) -> [String] {
        guard context.config.baseURL == nil, !notes.isEmpty else { return [] }
        return ["no base_url in diary.yml, so feed.xml and sitemap.xml are not written (they need absolute links)"]
    }

    // MARK: Pages

    private func page(_ note: RenderedNote, in index: SiteIndex) -> [UInt8] {
        let path = note.outputPath ?? "index.html"
        var page = pageContext(path: path, title: note.title)
        page["is_note"] = true
        page["title_html"] = .string(note.titleHTML ?? Escaping.html(note.title))
        page["content"] = .utf8(note.body)
        // Front matter's, else the first paragraph, else the site's.
        let description = note.note.frontMatter.description ?? note.summary
        if !description.isEmpty { page["description"] = .string(Self.shortened(description)) }
        else if let site = context.config.description { page["description"] = .string(Self.shortened(site)) }
        page["tags"] = .list(index.tagLinks(of: note).map { .map(["name": .string($0.name), "url": .string($0.url)]) })
        page["has_tags"] = .bool(!note.note.frontMatter.tags.isEmpty)
        if let date = note.date {
            page["date"] = .string(date.description)
            page["date_pretty"] = .string(note.datePretty)
        }
        if let updated = note.note.frontMatter.updated, updated != note.date {
            page["updated"] = .string(updated.description)
            page["updated_pretty"] = .string(context.format(updated))
        }
        if note.words > 0 { page["reading_time"] = .string("\(max(1, (note.words + 219) / 220)) min read") }
        page["is_draft"] = .bool(note.note.frontMatter.draft)
        let showsContents = note.note.frontMatter.toc ?? context.config.toc ?? (note.headings.count >= 4)
        let contents = note.headings.filter { $0.level <= 3 }
        page["has_toc"] = .bool(showsContents && !contents.isEmpty)
        let top = contents.map(\.level).min() ?? 1
        page["toc"] = .list(contents.map {
            .map(["level": .int($0.level), "depth": .int($0.level - top), "id": .string($0.id), "text": .string($0.text)])
        })
        let (newer, older) = index.neighbours(of: note)
        page["has_neighbours"] = .bool(newer != nil || older != nil)
        if let newer { page["newer"] = .map(["title": .string(newer.title), "url": .string(newer.outputPath ?? "")]) }
        if let older { page["older"] = .map(["title": .string(older.title), "url": .string(older.outputPath ?? "")]) }
        page["has_math"] = .bool(note.hasMath)
        if case .map(let values)? = note.note.frontMatter.values?.templateValue { page["page"] = .map(values) }
        return templates.render("page", page)
    }

    private func indexPage(_ index: SiteIndex) -> [UInt8] {
        var context = pageContext(path: "index.html", title: self.context.config.title)
        context["is_index"] = true
        if let description = self.context.config.description { context["description"] = .string(description) }
        if let home = index.home { context["home"] = .utf8(home.body) }
        let recent = Array(index.pages.prefix(self.context.config.indexNotes))
        // The newest notes by month; entries are rendered one by one, through frames.
        context["groups"] = .list(SiteIndex.months(of: recent, format: monthLabel).map { month in
            .map(["label": .string(month.label), "entries": .utf8(entries(month.notes, index: index, from: "index.html"))])
        })
        context["notes"] = .list(recent.map { .map(entryValues($0, index: index, from: "index.html")) })
        context["has_more"] = .bool(index.pages.count > recent.count)
        context["note_count"] = .int(index.pages.count)
        return Array(templates.renderDirectly("index", context).utf8)
    }

    /// The archive: every note by month, or one year's notes by month.
    private func archivePage(_ index: SiteIndex, year: Int?) -> [UInt8] {
        let path = year.map { "archive/\($0).html" } ?? "archive/index.html"
        var context = pageContext(path: path, title: year.map { "Notes of \($0)" } ?? "Archive")
        let count = year.map { year in index.years.first { $0.year == year }?.notes.count ?? 0 } ?? index.pages.count
        context["description"] = .string("\(Self.notes(count))\(year.map { " of \($0)" } ?? ""), by month.")
        context["years"] = .list(index.years.map { entry in
            .map(["year": .string(String(entry.year)), "url": .string("archive/\(entry.year).html"), "count": .int(entry.notes.count),
                  "current": .bool(entry.year == year)])
        })
        let notes = year.map { year in index.years.first { $0.year == year }?.notes ?? [] } ?? index.pages
        context["months"] = .list(SiteIndex.months(of: notes, format: monthLabel).map { month in
            .map(["label": .string(month.label), "notes": .list(month.notes.map { note in
                .map(["title": .string(note.title), "url": .string(note.outputPath ?? ""), "date": .string(note.date?.description ?? ""),
                      "day": .string(note.date.map { String($0.day) } ?? "")])
            })])
        })
        return Array(templates.renderDirectly("archive", context).utf8)
    }

    private func tagPage(_ tag: SiteIndex.Tag, _ index: SiteIndex) -> [UInt8] {
        let path = "tags/\(tag.slug).html"
        var context = pageContext(path: path, title: "Notes tagged \(tag.name)")
        context["tag"] = .string(tag.name)
        context["count"] = .int(tag.notes.count)
        context["one"] = .bool(tag.notes.count == 1)
        context["description"] = .string("\(Self.notes(tag.notes.count)) tagged \(tag.name).")
        context["entries"] = .utf8(entries(tag.notes, index: index, from: path))
        return Array(templates.renderDirectly("tag", context).utf8)
    }

    private func tagsPage(_ index: SiteIndex) -> [UInt8] {
        var context = pageContext(path: "tags/index.html", title: "Tags")
        context["description"] = .string("\(index.tags.count) tag\(index.tags.count == 1 ? "" : "s"), each with its notes.")
        context["tags"] = .list(index.tags.map { .map(["name": .string($0.name), "url": .string("tags/\($0.slug).html"), "count": .int($0.notes.count)]) })
        return Array(templates.renderDirectly("tags", context).utf8)
    }

    /// Notes as `summary.mustache` entries on the page at `path`.
    private func entries(_ notes: [RenderedNote], index: SiteIndex, from path: String) -> [UInt8] {
        var context = pageContext(path: path, title: "")
        var out: [UInt8] = []
        for note in notes {
            for (key, value) in entryValues(note, index: index, from: path) { context[key] = value }
            out += templates.render("summary", context)
        }
        return out
    }

    /// What a list knows of a note.
    private func entryValues(_ note: RenderedNote, index: SiteIndex, from path: String) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = ["title": .string(note.title), "url": .string(note.outputPath ?? ""),
                                               "summary": .string(note.summary), "date": .string(note.date?.description ?? ""),
                                               "summary_html": .string(note.summaryHTML ?? Escaping.html(note.summary)),
                                               "date_pretty": .string(note.datePretty)]
        let tags = index.tagLinks(of: note)
        values["tags"] = .list(tags.map { .map(["name": .string($0.name), "url": .string($0.url)]) })
        values["has_tags"] = .bool(!tags.isEmpty)
        return values
    }

    /// What every template gets: site settings, the way back to the site's root, the page's
    /// title and address.
    private func pageContext(path: String, title: String) -> [String: TemplateValue] {
        var page = siteValues
        page["root"] = .string(String(repeating: "../", count: path.split(separator: "/").count - 1))
        page["path"] = .string(path)
        page["title"] = .string(title)
        if let baseURL = context.config.baseURL {
            page["canonical"] = .string(baseURL + (path == "index.html" ? "" : path))
        }
        return page
    }

    /// "November 2026", in the configured locale.
    private func monthLabel(_ date: CalendarDate) -> String { context.formatMonth(date) }

    /// The path of a site's address: `/diary/` for `https://example.org/diary/`.
    static func rootPath(of baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return baseURL }
        let afterHost = baseURL[scheme.upperBound...].firstIndex(of: "/") ?? baseURL.endIndex
        let path = String(baseURL[afterHost...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// "1 note", "12 notes".
    private static func notes(_ count: Int) -> String { "\(count) note\(count == 1 ? "" : "s")" }

    /// A description of at most 160 characters, cut at a word.
    static func shortened(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        guard flat.count > 160 else { return flat }
        let cut = flat.prefix(157)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}
