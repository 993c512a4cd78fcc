import Calc
import Diagnostics
import Foundation
import Testing
@testable import DiaryKit

/// Builds notes and contexts for unit tests, with "today" pinned to 2026-11-26.
enum Fixture {
    static let today = CalendarDate(year: 2026, month: 11, day: 26)!

    static func note(_ text: String, path: String = "notes/test.md") throws(FileDiagnostics) -> Note {
        try Note(path: path, relativePath: (path as NSString).lastPathComponent, bytes: Array(text.utf8))
    }

    static func context(config: Config = Config(), today: CalendarDate = today,
                        repoStart: RepoStart = .fixed(CalendarDate(year: 2026, month: 1, day: 1)!)) -> RenderContext {
        RenderContext(today: today, timeZone: .gmt, config: config, repoStart: repoStart)
    }

    static func renderer(_ format: OutputFormat, config: Config = Config(), context: RenderContext? = nil,
                         templates: String? = nil) throws -> NoteRenderer {
        let context = context ?? self.context(config: config)
        let writer: any OutputWriter = switch format {
        case .html: try HTMLSiteWriter(context: context, templates: try Templates(directory: templates), mathFont: nil)
        case .markdown: MarkdownWriter()
        }
        return NoteRenderer(context: context, writer: writer)
    }

    static func scan(_ text: String) throws -> (note: Note, map: BlockMap, result: ProseScanner.Result) {
        let note = try note(text)
        let map = BlockMapProvider.parsedMap(of: note)
        return (note, map, ProseScanner.scan(file: note.file, map: map))
    }

    /// The rendered body HTML of a note (no page template).
    static func bodyHTML(_ text: String, context: RenderContext? = nil) throws -> String {
        let note = try note(text)
        let map = BlockMapProvider.parsedMap(of: note)
        let scan = ProseScanner.scan(file: note.file, map: map)
        let evaluation = NoteEvaluator(context: context ?? self.context(), note: note).evaluate(scan, map: map)
        let evaluated = EvaluatedNote(note: note, map: map, scan: scan, evaluation: evaluation)
        let html = HTMLBodyWriter(math: MathRenderer()).write(evaluated).html
        return String(decoding: html, as: UTF8.self)
    }

    static func markdown(_ text: String, context: RenderContext? = nil) throws -> Result<String, FileDiagnostics> {
        let renderer = try renderer(.markdown, context: context ?? self.context())
        return renderer.output(try note(text))
    }

    /// The rendered errors of a note, as the CLI prints them.
    static func errors(_ text: String, context: RenderContext? = nil) throws -> String {
        let renderer = try renderer(.markdown, context: context ?? self.context())
        switch renderer.render(try note(text)) {
        case .success: return ""
        case .failure(let diagnostics): return diagnostics.rendered()
        }
    }

    static var originalNote: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("notes/batch-norm-test-time.md")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }
}

extension NoteRenderer {
    /// The output file of a note rendered on its own (a page, or a markdown file).
    func output(_ note: Note) -> Result<String, FileDiagnostics> {
        render(note).map { String(decoding: writer.file(for: $0, among: [$0]), as: UTF8.self) }
    }
}

extension RenderedNote {
    /// The body as text.
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

