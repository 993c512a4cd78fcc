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
        exit status is 1 and the output folder is left exactly as it was.
        """
    )

    @Argument(help: "Note files or folders.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Output folder, or - to print a single note.", valueName: "dir"))
    var out = "site"

    @Option(name: .long, help: "html (a static site) or markdown (GitHub-flavoured).")
    var format: OutputFormat = .html

    @Option(name: .long, help: ArgumentHelp("Fix today's date, for reproducible builds.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("IANA time zone for dates and counters (default: config, then TZ, then UTC).", valueName: "tz"))
    var timezone: String?

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: ./templates, then the built-in ones).", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Config file (default: ./diary.yml when present).", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Print only errors (for cron).")
    var quiet = false

    func validate() throws {
        if out == "-", paths.count != 1 || FileManager.default.isDirectory(paths[0]) {
            throw ValidationError("--out - needs exactly one note file")
        }
    }

    func run() throws {
        var settings = RunSettings()
        settings.configPath = config
        settings.timeZoneName = timezone
        settings.today = today
        settings.templatesDirectory = templates
        settings.format = format
        let renderer = try settings.makeRendererOrExit(quiet: quiet)
        let sources: [NoteSource]
        do {
            sources = try NoteSource.collect(paths)
        } catch {
            throw ValidationError(error.description)
        }
        let builder = SiteBuilder(renderer: renderer)
        let report = builder.render(sources)
        Console.report(report.diagnostics, quiet: quiet)
        if report.hasErrors { throw ExitCode(1) }
        if out == "-" {
            Console.output(report.notes.first?.output ?? "")
            return
        }
        do {
            try SiteBuilder.write(builder.files(for: report), to: out)
        } catch {
            Console.error("error: cannot write to \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
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
}
