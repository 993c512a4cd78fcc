import Diagnostics

/// HTML output: a page per note from the `page` template, the index, the Atom feed and
/// the assets (stylesheet, math font).
struct HTMLSiteWriter: OutputWriter {
    let context: RenderContext
    let templates: Templates
    /// Copied into the site's assets when the machine has it.
    let mathFont: MathFont?
    /// One converter (and formula cache) for the whole run.
    let math = MathRenderer()
    /// The TeX macros of `diary.yml`.
    let macros: TeXMacros
    /// The part of every template's context that is the same on every page.
    private let siteValues: [String: TemplateValue]

    /// A writer for the site; the config's macros are checked here (an error at its line).
    init(context: RenderContext, templates: Templates, mathFont: MathFont?) throws(FileDiagnostics) {
        var diagnostics: [Diagnostic] = []
        macros = MathRenderer.macros(context.config.macros, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw FileDiagnostics(context.config.file ?? SourceFile(path: "diary.yml", text: ""), diagnostics) }
        self.context = context
        self.templates = templates
        self.mathFont = mathFont
        var site: [String: TemplateValue] = [
            "site_title": .string(context.config.title),
            "today": .string(context.today.description),
            "lang": .string(String(context.config.locale.prefix { $0 != "_" && $0 != "-" })),
            "has_feed": .bool(context.config.baseURL != nil),
        ]
        if let author = context.config.author { site["author"] = .string(author) }
        if case .map(let values)? = context.config.values?.templateValue { site["site"] = .map(values) }
        siteValues = site
    }

    var format: OutputFormat { .html }
    var parsesNotes: Bool { true }

    func write(_ note: EvaluatedNote) -> WrittenNote {
        let body = HTMLBodyWriter(math: math, macros: macros).write(note)
        return WrittenNote(body: body.html, firstHeading: body.firstHeading, summary: body.firstParagraph ?? "",
                           diagnostics: body.diagnostics, parsedBlocks: body.parsedBlocks)
    }

    /// `index.md` at the root of the notes is the home text of the index page, not a page.
    func outputPath(for note: Note) -> String? {
        note.isHomeText ? nil : format.outputPath(for: note.relativePath, slug: note.frontMatter.slug)
    }

    var reservedPaths: [String: String] { ["index.html": "the index page"] }

    func file(for note: RenderedNote, among notes: [RenderedNote]) -> [UInt8] {
        templates.render("page", pageContext(note))
    }

    func files(for notes: [RenderedNote]) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let pages = notes.filter { $0.outputPath != nil }
        for note in pages {
            if let path = note.outputPath { files[path] = file(for: note, among: notes) }
        }
        if let mathFont {
            files[MathFont.sitePath] = mathFont.font
            if let license = mathFont.license { files[MathFont.licensePath] = license }
        }
        let fontPath = mathFont.map { _ in String(MathFont.sitePath.dropFirst("assets/".count)) }
        files["assets/style.css"] = Array(templates.stylesheet(mathFont: fontPath).utf8)
        // Newest first; notes of one day by path.
        let listed = pages.sorted { a, b in
            switch (a.date, b.date) {
            case let (first?, second?) where first != second: return first > second
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.note.relativePath < b.note.relativePath
            }
        }
        files["index.html"] = Array(indexPage(listed, home: notes.first { $0.outputPath == nil }).utf8)
        if let baseURL = context.config.baseURL {
            let entries = listed.lazy.compactMap { note in
                note.date.map { date in
                    AtomFeed.Entry(title: note.title, path: note.outputPath ?? "", date: date, summary: note.summary,
                                   content: String(decoding: note.body, as: UTF8.self))
                }
            }.prefix(AtomFeed.maximumEntries)
            let config = context.config
            files["feed.xml"] = Array(AtomFeed.xml(title: config.title, author: config.author ?? config.title,
                                                   baseURL: baseURL, entries: Array(entries)).utf8)
        }
        return files
    }

    func warnings(for notes: [RenderedNote]) -> [String] {
        guard context.config.baseURL == nil, !notes.isEmpty else { return [] }
        return ["no base_url in diary.yml, so feed.xml is not written (Atom needs absolute links)"]
    }

    // MARK: Template contexts

    private func pageContext(_ note: RenderedNote) -> [String: TemplateValue] {
        var page = siteContext(outputPath: note.outputPath ?? "index.html")
        page["title"] = .string(note.title)
        page["content"] = .utf8(note.body)
        let tags = note.note.frontMatter.tags
        page["tags"] = .list(tags.map(TemplateValue.string))
        page["has_tags"] = .bool(!tags.isEmpty)
        if let date = note.note.date {
            page["date"] = .string(date.description)
            page["date_pretty"] = .string(context.format(date))
        }
        if case .map(let values)? = note.note.frontMatter.values?.templateValue { page["page"] = .map(values) }
        return page
    }

    /// A note's entry in the index: what the index page gets, and the note's own values.
    private func summaryContext(_ note: RenderedNote) -> [String: TemplateValue] {
        var entry = siteContext(outputPath: "index.html")
        entry.merge(note.indexValues) { _, own in own }
        return entry
    }

    /// What every template gets: site settings and the way back to the site's root.
    private func siteContext(outputPath: String) -> [String: TemplateValue] {
        var site = siteValues
        site["root"] = .string(String(repeating: "../", count: outputPath.split(separator: "/").count - 1))
        site["path"] = .string(outputPath)
        return site
    }

    private func indexPage(_ notes: [RenderedNote], home: RenderedNote?) -> String {
        var context = siteContext(outputPath: "index.html")
        context["is_index"] = true
        context["title"] = .string(self.context.config.title)
        if let home { context["home"] = .utf8(home.body) }
        // Entries are rendered one by one (through frames); `notes` serves custom templates.
        context["summaries"] = .utf8(notes.flatMap { templates.render("summary", summaryContext($0)) })
        context["notes"] = .list(notes.map { .map($0.indexValues) })
        return templates.renderDirectly("index", context)
    }
}

extension RenderedNote {
    /// What the index knows of a note.
    var indexValues: [String: TemplateValue] {
        var values: [String: TemplateValue] = ["title": .string(title), "url": .string(outputPath ?? ""), "summary": .string(summary)]
        if let date {
            values["date"] = .string(date.description)
            values["date_pretty"] = .string(datePretty)
        }
        return values
    }
}
