import Calc
import Diagnostics

/// A note turned into its output, with any warnings.
public struct RenderedNote: Sendable {
    public var note: Note
    /// Path of the output file, relative to the output folder.
    public var outputPath: String
    /// The whole output file, an HTML page or a markdown note, as written.
    public var bytes: [UInt8]
    /// The output file as text.
    public var output: String { String(decoding: bytes, as: UTF8.self) }
    /// Front-matter title, else the first heading, else the file name.
    public var title: String
    /// Plain text of the first paragraph.
    public var summary: String
    /// The note's entry in the index (`summary.mustache`).
    public var summaryHTML: [UInt8] = []
    /// The rendered body alone (the page's `content`), for the index's home text and the
    /// feed: empty for other notes when the site has no feed.
    public var body: [UInt8] = []
    /// Front-matter date, else a file-name date, else the file's modification date.
    public var date: CalendarDate?
    /// `date` as the configured locale writes it.
    public var datePretty = ""
    public var warnings: [Diagnostic]
    /// Errors of cells and values that `--keep-going` rendered into the output.
    public var errors: [Diagnostic] = []
    /// Files that go with the note (the SVG charts of markdown output), by output path.
    public var attachments: [String: [UInt8]] = [:]
}

/// Renders one note: block map → prose scan → evaluation → output format.
public struct NoteRenderer: Sendable {
    public let context: RenderContext
    public let format: OutputFormat
    public let templates: Templates
    /// Render a failing cell or value as a visible error instead of failing the note.
    public var keepGoing = false
    public var limits = Limits()
    /// Copied into the site's assets when the machine has it.
    public var mathFont: MathFont?
    /// One converter (and formula cache) for the whole run.
    let math = MathRenderer()
    /// The part of every template's context that is the same on every page.
    private let siteValues: [String: TemplateValue]

    public init(context: RenderContext, format: OutputFormat, templates: Templates) {
        self.context = context
        self.format = format
        self.templates = templates
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

    /// The rendered note, or every error found in it (with its warnings).
    public func render(_ note: Note) -> Result<RenderedNote, FileDiagnostics> {
        // HTML parses the note anyway: a block scan stands in for a first parse, and is
        // checked against that one (see `BlockScanner`).
        var structureMatches = true
        if format == .html, let blocks = BlockScanner.blocks(in: note) {
            let result = render(note, map: BlockMap(note: note, blocks: blocks), expecting: blocks, structureMatches: &structureMatches)
            if structureMatches { return result }
        }
        return render(note, map: BlockMap(note: note), expecting: nil, structureMatches: &structureMatches)
    }

    /// Renders with a given block map; `structureMatches` is false when the HTML parse
    /// disagrees with the `expecting` blocks (the result is then meaningless).
    func render(_ note: Note, map: BlockMap, expecting: [MarkdownBlock]?, structureMatches: inout Bool) -> Result<RenderedNote, FileDiagnostics> {
        let scan = ProseScanner.scan(file: note.file, map: map)
        let evaluation = NoteEvaluator(context: context, note: note, limits: limits).evaluate(scan, map: map)
        var diagnostics = scan.diagnostics + evaluation.diagnostics
        let stem = String(note.fileName.dropLast(note.fileName.hasSuffix(".md") ? 3 : 0))
        var rendered = RenderedNote(note: note, outputPath: format.outputPath(for: note.relativePath, slug: note.frontMatter.slug),
                                    bytes: [], title: note.frontMatter.title ?? stem, summary: "", warnings: [])
        rendered.date = note.date ?? note.modified.map { CalendarDate($0, in: context.timeZone) }
        rendered.datePretty = rendered.date.map(context.format) ?? ""
        switch format {
        case .markdown:
            let (text, attachments) = MarkdownWriter.write(note: note, evaluation: evaluation, scan: scan)
            (rendered.bytes, rendered.attachments) = (Array(text.utf8), attachments)
        case .html:
            let body = HTMLWriter(math: math).write(note: note, map: map, scan: scan, evaluation: evaluation, expecting: expecting)
            structureMatches = body.structureMatches
            guard structureMatches else { return .failure(FileDiagnostics(note.file, [])) }
            diagnostics += body.diagnostics
            if note.frontMatter.title == nil, let heading = body.firstHeading, !heading.isEmpty { rendered.title = heading }
            rendered.summary = body.firstParagraph ?? ""
            // Kept only where used: 10,000 bodies are 60 MB.
            if context.config.baseURL != nil || note.isHomeText { rendered.body = body.html }
            rendered.bytes = templates.render("page", pageContext(note: note, rendered: rendered, content: body.html))
            rendered.summaryHTML = templates.render("summary", summaryContext(rendered))
        }
        diagnostics.sort { $0.range.lowerBound < $1.range.lowerBound }
        let recoverable = keepGoing && !scan.diagnostics.contains { $0.severity == .error }
        if diagnostics.contains(where: { $0.severity == .error }), !recoverable {
            return .failure(FileDiagnostics(note.file, diagnostics))
        }
        rendered.warnings = diagnostics.filter { $0.severity != .error }
        rendered.errors = diagnostics.filter { $0.severity == .error }
        return .success(rendered)
    }

    private func pageContext(note: Note, rendered: RenderedNote, content: [UInt8]) -> [String: TemplateValue] {
        var page = siteContext(outputPath: rendered.outputPath)
        page["title"] = .string(rendered.title)
        page["content"] = .utf8(content)
        page["tags"] = .list(note.frontMatter.tags.map(TemplateValue.string))
        page["has_tags"] = .bool(!note.frontMatter.tags.isEmpty)
        if let date = note.date {
            page["date"] = .string(date.description)
            page["date_pretty"] = .string(context.format(date))
        }
        if case .map(let values)? = note.frontMatter.values?.templateValue { page["page"] = .map(values) }
        return page
    }

    /// A note's entry in the index: what the index page gets, and the note's own values.
    func summaryContext(_ note: RenderedNote) -> [String: TemplateValue] {
        var entry = siteContext(outputPath: "index.html")
        entry.merge(note.indexValues) { _, own in own }
        return entry
    }

    /// What every template gets: site settings and the way back to the site's root.
    func siteContext(outputPath: String) -> [String: TemplateValue] {
        var site = siteValues
        site["root"] = .string(String(repeating: "../", count: outputPath.split(separator: "/").count - 1))
        site["path"] = .string(outputPath)
        return site
    }
}
