import Diagnostics
import Dispatch
import Foundation
import Synchronization

/// The outcome of a render run: what was rendered and every diagnostic.
public struct BuildReport: Sendable {
    public var notes: [RenderedNote] = []
    /// Errors and warnings per file, in note order.
    public var diagnostics: [FileDiagnostics] = []
    /// Warnings about the site as a whole (no `base_url`, so no feed).
    public var warnings: [String] = []
    public var hasErrors: Bool { diagnostics.contains(where: \.hasErrors) }
}

/// Renders a set of notes (in parallel) and assembles the files of the output folder.
public struct SiteBuilder: Sendable {
    public let renderer: NoteRenderer

    public init(renderer: NoteRenderer) { self.renderer = renderer }

    /// Renders every note in memory on `jobs` threads, collecting all errors. The result
    /// is the same for any number of jobs: notes keep their sorted order.
    public func render(_ sources: [NoteSource], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                       progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> BuildReport {
        let results = Mutex([Result<RenderedNote?, FileDiagnostics>?](repeating: nil, count: sources.count))
        let next = Atomic(0)
        let done = Atomic(0)
        let renderer = self.renderer
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, sources.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < sources.count else { return }
                let result = Self.render(sources[index], with: renderer)
                results.withLock { $0[index] = result }
                let finished = done.add(1, ordering: .relaxed).newValue
                progress?(finished, sources.count)
            }
        }
        var report = BuildReport()
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let rendered?)?:
                report.notes.append(rendered)
                let shown = rendered.errors + rendered.warnings
                if !shown.isEmpty {
                    report.diagnostics.append(FileDiagnostics(rendered.note.file, shown.sorted { $0.range.lowerBound < $1.range.lowerBound }))
                }
            case .failure(let diagnostics)?:
                report.diagnostics.append(diagnostics)
            case .success(nil)?, nil:
                break // a draft
            }
        }
        report.diagnostics += collisions(in: report.notes)
        if renderer.format == .html, renderer.context.config.baseURL == nil, !report.notes.isEmpty {
            report.warnings.append("no base_url in diary.yml, so feed.xml is not written (Atom needs absolute links)")
        }
        return report
    }

    private static func render(_ source: NoteSource, with renderer: NoteRenderer) -> Result<RenderedNote?, FileDiagnostics> {
        let note: Note
        do {
            note = try source.read()
        } catch {
            return .failure(error)
        }
        if note.frontMatter.draft { return .success(nil) }
        return renderer.render(note).map { $0 }
    }

    /// Two notes written to one path (a `slug` clash) is an error on the later one.
    private func collisions(in notes: [RenderedNote]) -> [FileDiagnostics] {
        var taken: [String: String] = [:]
        if renderer.format == .html { taken["index.html"] = "the index page" }
        var diagnostics: [FileDiagnostics] = []
        for note in notes where !isHome(note) {
            if let other = taken[note.outputPath] {
                let slug = note.note.frontMatter.values?["slug"]?.offset ?? 0
                diagnostics.append(FileDiagnostics(note.note.file, [.error("this note would be written to \(note.outputPath), like \(other)", at: slug..<slug)]))
            } else {
                taken[note.outputPath] = note.note.file.path
            }
        }
        return diagnostics
    }

    /// `index.md` at the root of the notes is the home text of the index page.
    private func isHome(_ note: RenderedNote) -> Bool { renderer.format == .html && note.note.isHomeText }

    /// Every file of the output folder, keyed by relative path.
    public func files(for report: BuildReport) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let pages = report.notes.filter { !isHome($0) }
        for note in pages {
            files[note.outputPath] = note.bytes
            files.merge(note.attachments) { first, _ in first }
        }
        guard renderer.format == .html else { return files }
        if let font = renderer.mathFont {
            files[MathFont.sitePath] = font.font
            if let license = font.license { files[MathFont.licensePath] = license }
        }
        let fontPath = renderer.mathFont.map { _ in String(MathFont.sitePath.dropFirst("assets/".count)) }
        files["assets/style.css"] = Array(renderer.templates.stylesheet(mathFont: fontPath).utf8)
        // Newest first; notes of one day by path.
        let listed = pages.sorted { a, b in
            let (first, second) = (a.date ?? .distantPast, b.date ?? .distantPast)
            return first != second ? first > second : a.note.relativePath < b.note.relativePath
        }
        files["index.html"] = Array(indexPage(listed, home: report.notes.first(where: isHome)).utf8)
        if let baseURL = renderer.context.config.baseURL {
            let entries = listed.lazy.compactMap { note in
                note.date.map { AtomFeed.Entry(title: note.title, path: note.outputPath, date: $0, summary: note.summary,
                                               content: String(decoding: note.body, as: UTF8.self)) }
            }.prefix(AtomFeed.maximumEntries)
            let config = renderer.context.config
            files["feed.xml"] = Array(AtomFeed.xml(title: config.title, author: config.author ?? config.title,
                                                   baseURL: baseURL, entries: Array(entries)).utf8)
        }
        return files
    }

    private func indexPage(_ notes: [RenderedNote], home: RenderedNote?) -> String {
        var context = renderer.siteContext(outputPath: "index.html")
        context["is_index"] = true
        context["title"] = .string(renderer.context.config.title)
        if let home { context["home"] = .utf8(home.body) }
        // Entries come rendered (in parallel, through frames); `notes` serves custom templates.
        context["summaries"] = .utf8(notes.flatMap(\.summaryHTML))
        context["notes"] = .list(notes.map { .map($0.indexValues) })
        return renderer.templates.renderDirectly("index", context)
    }
}

extension RenderedNote {
    /// What the index knows of a note.
    var indexValues: [String: TemplateValue] {
        var values: [String: TemplateValue] = ["title": .string(title), "url": .string(outputPath), "summary": .string(summary)]
        if let date {
            values["date"] = .string(date.description)
            values["date_pretty"] = .string(datePretty)
        }
        return values
    }
}

extension CalendarDate {
    static let distantPast = CalendarDate(year: 1, month: 1, day: 1) ?? CalendarDate(Date(timeIntervalSince1970: 0), in: .gmt)
}
