import Calc
import Foundation

/// The outcome of a render run: what was written and every diagnostic.
public struct BuildReport: Sendable {
    public var notes: [RenderedNote] = []
    /// Errors and warnings per file, in note order.
    public var diagnostics: [FileDiagnostics] = []
    public var hasErrors: Bool { diagnostics.contains(where: \.hasErrors) }
}

/// Renders a set of notes and writes the output folder, all or nothing: when any note
/// has an error, nothing is written and the previous output stays as it was.
public struct SiteBuilder: Sendable {
    public let renderer: NoteRenderer

    public init(renderer: NoteRenderer) { self.renderer = renderer }

    /// Renders every note in memory, collecting all errors.
    public func render(_ sources: [NoteSource]) -> BuildReport {
        var report = BuildReport()
        for source in sources {
            let note: Note
            do {
                note = try source.read()
            } catch {
                report.diagnostics.append(error)
                continue
            }
            if note.frontMatter.draft { continue }
            switch renderer.render(note) {
            case .success(let rendered):
                report.notes.append(rendered)
                let shown = rendered.errors + rendered.warnings
                if !shown.isEmpty {
                    report.diagnostics.append(FileDiagnostics(note.file, shown.sorted { $0.range.lowerBound < $1.range.lowerBound }))
                }
            case .failure(let diagnostics):
                report.diagnostics.append(diagnostics)
            }
        }
        return report
    }

    /// Every file of the output folder, keyed by relative path.
    public func files(for report: BuildReport) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for note in report.notes { files[note.outputPath] = Array(note.output.utf8) }
        if renderer.format == .html {
            files["assets/style.css"] = Array(renderer.templates.stylesheet.utf8)
        }
        return files
    }

    /// Writes `files` under `folder`, rewriting only files whose bytes changed.
    public static func write(_ files: [String: [UInt8]], to folder: String) throws {
        let fileManager = FileManager.default
        for (relative, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder + "/" + relative
            if let existing = fileManager.contents(atPath: path), existing.elementsEqual(bytes) { continue }
            let directory = (path as NSString).deletingLastPathComponent
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
