import Diagnostics
import Foundation

/// The site `diary serve` shows: rendered in memory (nothing is written anywhere) and
/// brought up to date by ``refresh()``, which reads and renders again only the notes whose
/// files changed. A change of `diary.yml`, of a template, or of the day renders every note
/// again. Pages are made from the rendered notes when a browser asks for them, so an edit
/// costs one note's render and the pages that are looked at.
public struct LiveSite: Sendable {
    /// What a browser gets for a path.
    public enum Page: Sendable, Equatable {
        case file([UInt8])
        /// The note (or the config, or a template) behind this page has errors: shown as
        /// `render` prints them.
        case failed(report: String)
        /// A folder's address without its slash (`/archive`): its `index.html` is one away.
        case folder
        /// Nothing here: the site's 404 page, when it has one.
        case missing([UInt8]?)
    }

    /// The site at one moment: what requests read while the next refresh is being made.
    public struct Snapshot: Sendable {
        /// Counts refreshes that changed something: a page shown at generation n is stale
        /// when the site is at another. It starts at a random number, so a page left open
        /// while the server restarted sees another and reloads.
        public var generation = Int.random(in: 0..<1 << 48)
        var site: SiteFiles?
        /// Pages of notes with errors, by output path: their diagnostics.
        var failures: [String: String] = [:]
        /// The config or a template has errors: every page shows them.
        var setupFailure: String?
        /// The notes cannot be listed (their folder went, two notes want one page): every
        /// page shows why.
        var collectionFailure: String?

        /// The page at a site path (`index.html`, `2026/bn.html`, `archive/`).
        public func page(at path: String) -> Page {
            if let failure = setupFailure ?? collectionFailure { return .failed(report: failure) }
            let file = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
            if let report = failures[file] { return .failed(report: report) }
            if let bytes = site?.file(file) { return .file(bytes) }
            if site?.paths.contains(path + "/index.html") == true { return .folder }
            return .missing(site?.file("404.html"))
        }
    }

    /// What a refresh did.
    public struct Refresh: Sendable {
        /// Whether anything a page shows changed (then open pages reload).
        public var changed = false
        /// Notes read and rendered again.
        public var rendered = 0
        /// Errors and warnings of the notes rendered again, and the config's or templates'
        /// errors: what the terminal shows.
        public var diagnostics: [FileDiagnostics] = []
        /// A problem with the run itself (the notes folder is gone, a bad option), told once
        /// when it appears.
        public var usageError: String?
    }

    private struct NoteState {
        var stamp: FileStamp?
        var outcome: SiteBuilder.Outcome
    }

    public let paths: [String]
    public let settings: RunSettings
    public let includeDrafts: Bool
    public private(set) var snapshot = Snapshot()

    private var builder: SiteBuilder?
    private var setupStamp: [String: FileStamp]?
    private var setupDay: CalendarDate?
    private var notes: [String: NoteState] = [:]
    /// Every file the shown notes link to, with its stamp, nil while it does not exist.
    private var linkedStamps: [String: FileStamp?] = [:]

    public init(paths: [String], settings: RunSettings, includeDrafts: Bool) {
        self.paths = paths
        self.settings = settings
        self.includeDrafts = includeDrafts
    }

    /// Reads what changed since the last refresh and renders it.
    public mutating func refresh() -> Refresh {
        var refresh = Refresh()
        let previous = snapshot
        let setup = setupFiles()
        // Without --today, the day moves at midnight in the configured zone: counters change.
        // (A failed setup is tried again when its files change, not at every refresh.)
        let newDay = builder.map { settings.today == nil && RenderContext.currentDate(in: $0.renderer.context.timeZone) != setupDay } ?? false
        let firstRun = builder == nil && snapshot.setupFailure == nil
        if setup != setupStamp || firstRun || newDay {
            setupStamp = setup
            notes = [:]
            do {
                let renderer = try settings.makeRenderer()
                builder = SiteBuilder(renderer: renderer)
                setupDay = settings.today == nil ? RenderContext.currentDate(in: renderer.context.timeZone) : nil
                snapshot.setupFailure = nil
            } catch {
                builder = nil
                switch error {
                case .usage(let usage):
                    snapshot.setupFailure = "error: \(usage.description)\n"
                    refresh.usageError = usage.description
                case .file(let diagnostics):
                    snapshot.setupFailure = diagnostics.rendered()
                    refresh.diagnostics.append(diagnostics)
                }
            }
        }
        guard let builder else {
            snapshot.site = nil
            snapshot.failures = [:]
            if previous.setupFailure != snapshot.setupFailure || previous.site != nil {
                snapshot.generation += 1
                refresh.changed = true
            }
            return refresh
        }

        let sources: [NoteSource]
        do {
            sources = try NoteSource.collect(paths)
        } catch {
            // Told once and shown on every page until it is fixed; refreshes try again.
            let report = "error: \(error.description)\n"
            if snapshot.collectionFailure != report {
                snapshot.collectionFailure = report
                snapshot.generation += 1
                refresh.changed = true
                refresh.usageError = error.description
            }
            return refresh
        }
        let recovered = snapshot.collectionFailure != nil
        snapshot.collectionFailure = nil
        var changed = sources.filter { notes[$0.relativePath]?.stamp == nil || notes[$0.relativePath]?.stamp != FileStamp($0.path) }
        let present = Set(sources.map(\.relativePath))
        let removed = notes.keys.filter { !present.contains($0) }
        for relative in removed { notes[relative] = nil }
        // A file a note links to changed, appeared or went: its bytes are read when asked
        // for, but open pages reload.
        let linkedChanged = linkedStamps.contains { FileStamp($0.key) != $0.value }
        if changed.isEmpty, removed.isEmpty, !linkedChanged, !recovered, snapshot.site != nil { return refresh }

        let stamps = changed.map { FileStamp($0.path) }
        let outcomes = builder.outcomes(of: changed, includingDrafts: includeDrafts)
        for (index, source) in changed.enumerated() {
            notes[source.relativePath] = NoteState(stamp: stamps[index], outcome: outcomes[index])
        }
        refresh.rendered = changed.count
        changed.removeAll()

        let ordered = sources.compactMap { notes[$0.relativePath]?.outcome }
        let report = builder.report(ordered)
        // The terminal shows what the notes rendered now found.
        let renderedPaths = Set(outcomes.compactMap { outcome -> String? in
            switch outcome {
            case .rendered(let note): note.note.file.path
            case .failed(let diagnostics, _): diagnostics.file.path
            case .draft: nil
            }
        })
        refresh.diagnostics += report.diagnostics.filter { renderedPaths.contains($0.file.path) }

        var failures: [String: String] = [:]
        for outcome in ordered {
            if case .failed(let diagnostics, let path) = outcome { failures[path ?? "index.html"] = diagnostics.rendered() }
        }
        // Two notes on one path: the later one's page shows why.
        let failedNotes = Set(report.diagnostics.filter(\.hasErrors).map(\.file.path))
        let shown = report.notes.filter { !failedNotes.contains($0.note.file.path) }
        for note in report.notes where failedNotes.contains(note.note.file.path) {
            if let diagnostics = report.diagnostics.first(where: { $0.file.path == note.note.file.path && $0.hasErrors }) {
                failures[note.outputPath ?? "index.html"] = diagnostics.rendered()
            }
        }
        var linked: [String: FileStamp?] = [:]
        for note in shown { for source in note.linkedFiles.values { linked[source] = .some(FileStamp(source)) } }
        linkedStamps = linked

        snapshot.site = builder.site(for: shown)
        snapshot.failures = failures
        snapshot.generation += 1
        refresh.changed = true
        return refresh
    }

    /// The config file and the templates folder's templates, with their stamps.
    private func setupFiles() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let config = settings.configFile
        if let stamp = FileStamp(config) { stamps[config] = stamp }
        let folder = settings.templatesFolder
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for name in names where Templates.isTemplate(name) {
                let path = folder + "/" + name
                if let stamp = FileStamp(path) { stamps[path] = stamp }
            }
        }
        return stamps
    }
}
