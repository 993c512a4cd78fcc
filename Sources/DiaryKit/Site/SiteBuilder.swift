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

    /// Renders every note in memory on `jobs` threads, collecting all errors. The result
    /// is the same for any number of jobs: notes keep their sorted order.
    public func render(_ sources: [NoteSource], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                       progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> BuildReport {
        let results = Mutex([Result<RenderedNote?, FileDiagnostics>?](repeating: nil, count: sources.count))
        let next = Atomic(0)
        let done = Atomic(0)
        let renderer = self.renderer
        Workers.run(max(1, min(jobs, sources.count))) { _ in
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
        report.warnings = renderer.writer.warnings(for: report.notes)
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

    /// The output file of one note of the report (`--out -`).
    public func file(for note: RenderedNote, in report: BuildReport) -> [UInt8] {
        renderer.writer.file(for: note, among: report.notes)
    }
}
