import Diagnostics
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

    /// What became of one note file.
    public enum Outcome: Sendable {
        case rendered(RenderedNote)
        /// Its errors, and the page it would have had (nil: the home text).
        case failed(FileDiagnostics, outputPath: String?)
        /// A draft, left out.
        case draft
    }

    /// Renders every note in memory on `jobs` threads, collecting all errors. The result
    /// is the same for any number of jobs: notes keep their sorted order.
    public func render(_ sources: [NoteSource], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                       progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> BuildReport {
        report(outcomes(of: sources, jobs: jobs, progress: progress))
    }

    /// Each note rendered on its own, in the order given. Drafts are rendered (and marked as
    /// drafts on their pages) when `includingDrafts`.
    public func outcomes(of sources: [NoteSource], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                         includingDrafts: Bool = false,
                         progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> [Outcome] {
        let results = Mutex([Outcome?](repeating: nil, count: sources.count))
        let next = Atomic(0)
        let done = Atomic(0)
        let renderer = self.renderer
        Workers.run(max(1, min(jobs, sources.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < sources.count else { return }
                let outcome = Self.render(sources[index], with: renderer, includingDrafts: includingDrafts)
                results.withLock { $0[index] = outcome }
                let finished = done.add(1, ordering: .relaxed).newValue
                progress?(finished, sources.count)
            }
        }
        return results.withLock { $0 }.map { $0 ?? .draft }
    }

    /// The notes and diagnostics of a set of outcomes, with the site's checks (two notes
    /// on one path) and warnings.
    public func report(_ outcomes: [Outcome]) -> BuildReport {
        var report = BuildReport()
        for outcome in outcomes {
            switch outcome {
            case .rendered(let rendered):
                report.notes.append(rendered)
                let shown = rendered.errors + rendered.warnings
                if !shown.isEmpty {
                    report.diagnostics.append(FileDiagnostics(rendered.note.file, shown.sorted { $0.range.lowerBound < $1.range.lowerBound }))
                }
            case .failed(let diagnostics, _):
                report.diagnostics.append(diagnostics)
            case .draft:
                break
            }
        }
        report.diagnostics += collisions(in: report.notes)
        report.warnings = renderer.writer.warnings(for: report.notes)
        return report
    }

    private static func render(_ source: NoteSource, with renderer: NoteRenderer, includingDrafts: Bool) -> Outcome {
        let note: Note
        do {
            note = try source.read()
        } catch {
            return .failed(error, outputPath: renderer.writer.format.outputPath(for: source.relativePath))
        }
        if note.frontMatter.draft, !includingDrafts { return .draft }
        switch renderer.render(note) {
        case .success(let rendered): return .rendered(rendered)
        case .failure(let diagnostics): return .failed(diagnostics, outputPath: renderer.writer.outputPath(for: note))
        }
    }

    /// Two notes written to one path (a `slug` clash) is an error on the later one.
    private func collisions(in notes: [RenderedNote]) -> [FileDiagnostics] {
        var taken = renderer.writer.reservedPaths
        var diagnostics: [FileDiagnostics] = []
        for note in notes {
            guard let path = note.outputPath else { continue }
            if let other = taken[path] {
                let slug = note.note.frontMatter.values?["slug"]?.offset ?? 0
                diagnostics.append(FileDiagnostics(note.note.file, [.error("this note would be written to \(path), like \(other)", at: slug..<slug)]))
            } else {
                taken[path] = note.note.file.path
            }
        }
        return diagnostics
    }

    /// Every file of the output folder, keyed by relative path.
    public func files(for report: BuildReport) -> [String: [UInt8]] {
        renderer.writer.files(for: report.notes)
    }

    /// The files of the output folder, each made when asked for.
    public func site(for notes: [RenderedNote]) -> SiteFiles {
        renderer.writer.site(for: notes)
    }

    /// The output file of one note of the report (`--out -`).
    public func file(for note: RenderedNote, in report: BuildReport) -> [UInt8] {
        renderer.writer.file(for: note, among: report.notes)
    }
}
