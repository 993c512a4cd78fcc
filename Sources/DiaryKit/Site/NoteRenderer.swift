import Calc
import Diagnostics

/// Renders one note: block map → prose scan → evaluation → the output writer.
public struct NoteRenderer: Sendable {
    public let context: RenderContext
    let writer: any OutputWriter
    /// Render a failing cell or value as a visible error instead of failing the note.
    public var keepGoing = false
    public var limits = Limits()
    let blockMaps = BlockMapProvider()

    init(context: RenderContext, writer: any OutputWriter) {
        self.context = context
        self.writer = writer
    }

    public var format: OutputFormat { writer.format }

    /// How the notes rendered so far got their block maps (`diary render --stats`).
    public var blockMapStatistics: BlockMapProvider.Statistics { blockMaps.statistics }

    /// The rendered note, or every error found in it (with its warnings).
    public func render(_ note: Note) -> Result<RenderedNote, FileDiagnostics> {
        let mapping = blockMaps.map(for: note, scanning: writer.parsesNotes)
        var evaluated = evaluate(note, map: mapping.map)
        var written = writer.write(evaluated)
        if !blockMaps.confirms(mapping, parsed: written.parsedBlocks, replaced: writer.replacesContent) {
            // The scanner read the note differently from cmark-gfm: use the parse's map.
            // The cells and values run again only if that map finds other ones.
            evaluated = evaluate(note, map: blockMaps.fallBack(for: note), reusing: evaluated.evaluation)
            written = writer.write(evaluated)
        }
        var diagnostics = evaluated.scan.diagnostics + evaluated.evaluation.diagnostics + written.diagnostics
        diagnostics.sort { $0.range.lowerBound < $1.range.lowerBound }
        // With --keep-going, cells and values that failed are shown in the output; a
        // broken note (an unclosed placeholder, too many formulas) still fails.
        let recoverable = keepGoing && !(evaluated.scan.diagnostics + written.diagnostics).contains { $0.severity == .error }
        if diagnostics.contains(where: { $0.severity == .error }), !recoverable {
            return .failure(FileDiagnostics(note.file, diagnostics))
        }
        let stem = String(note.fileName.dropLast(note.fileName.hasSuffix(".md") ? 3 : 0))
        var title = note.frontMatter.title ?? stem
        if note.frontMatter.title == nil, let heading = written.firstHeading, !heading.isEmpty { title = heading }
        // Front matter, else the file name, else the last commit, else (outside git) the
        // file's modification time.
        let date = note.date ?? context.gitDates.lastCommit(touching: note.file.path) ?? note.modified.map { CalendarDate($0, in: context.timeZone) }
        return .success(RenderedNote(
            note: note, outputPath: writer.outputPath(for: note), body: written.body, title: title, summary: written.summary,
            date: date, datePretty: date.map(context.format) ?? "",
            warnings: diagnostics.filter { $0.severity != .error }, errors: diagnostics.filter { $0.severity == .error },
            attachments: written.attachments, titleHTML: written.titleHTML, headings: written.headings, words: written.words,
            hasMath: written.hasMath, linkedFiles: written.linkedFiles, summaryHTML: written.summaryHTML))
    }

    /// The note's prose scanned and its cells and values run on `map`; a previous
    /// evaluation is kept when the cells and values it ran are the ones `map` finds.
    private func evaluate(_ note: Note, map: BlockMap, reusing previous: NoteEvaluation? = nil) -> EvaluatedNote {
        let scan = ProseScanner.scan(file: note.file, map: map)
        let evaluator = NoteEvaluator(context: context, note: note, limits: limits)
        let evaluation = previous.flatMap { $0.inputs == evaluator.inputs(scan, map: map) ? $0 : nil }
            ?? evaluator.evaluate(scan, map: map)
        return EvaluatedNote(note: note, map: map, scan: scan, evaluation: evaluation)
    }
}
