import ArgumentParser
import DiaryKit
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render notes into a static site (HTML) or GitHub-flavoured markdown.",
        discussion: """
        PATH is a note file or a folder, walked recursively for *.md (hidden files and \
        folders are skipped). When any note has an error, every error is printed, the \
        exit status is 1 and the output folder is left exactly as it was (with \
        --keep-going, failing cells are rendered as error boxes instead, and the exit \
        status is still 1).
        """
    )

    @Argument(help: "Note files or folders.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Output folder, or - to print a single note.", valueName: "dir"))
    var out = "site"

    @Option(name: .long, help: "html (a static site) or markdown (GitHub-flavoured).")
    var format: OutputFormat = .html

    @OptionGroup var context: ContextOptions

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: ./templates, then the built-in ones).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Render a failing cell as an error box and still write the output (exit status 1).")
    var keepGoing = false

    @Option(name: .long, help: ArgumentHelp("Notes rendered at once (default: the number of cores).", valueName: "n"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for another run writing the same folder.", valueName: "seconds"))
    var wait = 10.0

    @Flag(name: .long, help: "Print only errors (for cron).")
    var quiet = false

    @Flag(name: .long, help: "Print how the notes were read (block maps from the fast scanner or a parse, fallbacks) and what was written.")
    var stats = false

    func validate() throws {
        if out == "-", paths.count != 1 || FileManager.default.isDirectory(paths[0]) {
            throw ValidationError("--out - needs exactly one note file")
        }
        guard !out.isEmpty else { throw ValidationError("--out needs a folder (or - for standard output)") }
        if out != "-", let problem = OutputFolder(path: out).problem(publishing: paths) { throw ValidationError(problem) }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard wait >= 0 else { throw ValidationError("--wait must not be negative") }
        try context.check(templates: templates)
    }

    func run() throws {
        var settings = context.settings
        settings.templatesDirectory = templates
        settings.format = format
        var renderer = try settings.makeRendererOrExit(quiet: quiet)
        renderer.keepGoing = keepGoing
        // An output folder inside the notes is not read back as notes on the next run.
        let sources = try NoteSource.collectOrExit(paths, excluding: out == "-" ? nil : out)
        let builder = SiteBuilder(renderer: renderer)
        let progress = quiet ? nil : Progress.line()
        let report = builder.render(sources, jobs: jobs, progress: progress?.update)
        progress?.finish()
        Console.report(report.diagnostics, quiet: quiet)
        if report.hasErrors, !keepGoing { throw ExitCode(1) }
        if stats {
            let counts = renderer.blockMapStatistics
            Console.message("\(report.notes.count) notes rendered; block maps: \(counts.scanned) scanned, \(counts.parsed) parsed, \(counts.fellBack) fell back to a parse")
        }
        if out == "-" {
            Console.output(report.notes.first.map { String(decoding: builder.file(for: $0, in: report), as: UTF8.self) } ?? "")
            if let note = report.notes.first, !note.attachments.isEmpty, !quiet {
                Console.message("warning: \(note.attachments.count) chart file(s) are not written with --out -; give an output folder")
            }
        } else {
            if !quiet { report.warnings.forEach { Console.message("warning: \($0)") } }
            do {
                let summary = try OutputFolder(path: out).publish(builder.files(for: report), wait: wait)
                if stats {
                    Console.message("\(out): \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed")
                }
            } catch {
                Console.message("error: \(error.description)")
                throw ExitCode(1)
            }
        }
        if report.hasErrors { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

extension NoteSource {
    static func collectOrExit(_ paths: [String], excluding excluded: String? = nil) throws -> [NoteSource] {
        do {
            return try collect(paths, excluding: excluded)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension RunSettings {
    /// The renderer, or the process exits: bad usage with 2, a bad config or template with 1.
    func makeRendererOrExit(quiet: Bool) throws -> NoteRenderer {
        do {
            return try makeRenderer()
        } catch .usage(let error) {
            throw ValidationError(error.description)
        } catch .file(let diagnostics) {
            Console.report([diagnostics], quiet: quiet)
            throw ExitCode(1)
        }
    }

    func makeContextOrExit() throws -> RenderContext {
        do {
            return try makeContext(config: try loadConfig())
        } catch .usage(let error) {
            throw ValidationError(error.description)
        } catch .file(let diagnostics) {
            Console.report([diagnostics], quiet: false)
            throw ExitCode(1)
        }
    }
}
