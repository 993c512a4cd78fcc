import Calc

/// A note turned into its output, with any warnings.
public struct RenderedNote: Sendable {
    public var note: Note
    /// Path of the output file, relative to the output folder.
    public var outputPath: String
    /// The whole output file: an HTML page or a markdown note.
    public var output: String
    /// Front-matter title, else the first heading, else the file name.
    public var title: String
    /// Plain text of the first paragraph.
    public var summary: String
    public var warnings: [Diagnostic]
    /// Errors of cells and values that `--keep-going` rendered into the output.
    public var errors: [Diagnostic] = []
}

/// Renders one note: block map → prose scan → evaluation → output format.
public struct NoteRenderer: Sendable {
    public let context: RenderContext
    public let format: OutputFormat
    public let templates: Templates
    /// Render a failing cell or value as a visible error instead of failing the note.
    public var keepGoing = false
    public var limits = Limits()

    public init(context: RenderContext, format: OutputFormat, templates: Templates) {
        self.context = context
        self.format = format
        self.templates = templates
    }

    /// The rendered note, or every error found in it (with its warnings).
    public func render(_ note: Note) -> Result<RenderedNote, FileDiagnostics> {
        let map = BlockMap(note: note)
        let scan = ProseScanner.scan(file: note.file, map: map)
        let evaluation = NoteEvaluator(context: context, note: note, limits: limits).evaluate(scan, map: map)
        var diagnostics = scan.diagnostics + evaluation.diagnostics
        let stem = String(note.fileName.dropLast(note.fileName.hasSuffix(".md") ? 3 : 0))
        var rendered = RenderedNote(note: note, outputPath: format.outputPath(for: note.relativePath), output: "",
                                    title: note.frontMatter.title ?? stem, summary: "", warnings: [])
        switch format {
        case .markdown:
            rendered.output = MarkdownWriter.write(note: note, evaluation: evaluation, scan: scan)
        case .html:
            let body = HTMLWriter(math: MathRenderer()).write(note: note, map: map, scan: scan, evaluation: evaluation)
            diagnostics += body.diagnostics
            if note.frontMatter.title == nil, let heading = body.firstHeading, !heading.isEmpty { rendered.title = heading }
            rendered.summary = body.firstParagraph ?? ""
            rendered.output = templates.render("page", pageContext(note: note, rendered: rendered, content: body.html))
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

    private func pageContext(note: Note, rendered: RenderedNote, content: String) -> [String: Any] {
        let depth = rendered.outputPath.split(separator: "/").count - 1
        var page: [String: Any] = [
            "title": rendered.title,
            "content": content,
            "site_title": context.config.title,
            "author": context.config.author ?? "",
            "root": String(repeating: "../", count: depth),
            "today": context.today.description,
            "lang": String(context.config.locale.prefix { $0 != "_" && $0 != "-" }),
            "tags": note.frontMatter.tags,
            "has_tags": !note.frontMatter.tags.isEmpty,
            "path": rendered.outputPath,
        ]
        if let date = note.date {
            page["date"] = date.description
            page["date_pretty"] = context.format(date)
        }
        if let values = note.frontMatter.values?.templateValue as? [String: Any] { page["page"] = values }
        if let values = context.config.values?.templateValue as? [String: Any] { page["site"] = values }
        return page
    }
}
