import ArgumentParser
import DiaryKit
import DiaryServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you write: rendered in memory, served on localhost, updated as notes change.",
        discussion: """
        Nothing is written: the site lives in memory. Saving a note re-renders that note, \
        and open pages reload by themselves, keeping their scroll position. A note with \
        errors shows them on its page (and here) until it is fixed; a config or template \
        error shows on every page. Stop with Ctrl-C.
        """
    )

    @Argument(help: "Note files or folders (default: notes/).")
    var paths: [String] = ["notes/"]

    @Option(name: .long, help: ArgumentHelp("Port to listen on (0 picks a free one).", valueName: "n"))
    var port = 4000

    @Option(name: .long, help: ArgumentHelp("Address to listen on; anything but loopback makes the notes readable from the network.", valueName: "address"))
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Include notes marked draft: true (shown as drafts).")
    var drafts = false

    @OptionGroup var context: ContextOptions

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: ./templates, then the built-in ones).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Watch by polling every 250 ms instead of inotify (network file systems).")
    var poll = false

    @Flag(name: .long, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        for path in paths { _ = try NoteSource.collectOrExit([path]) }
    }

    func run() throws {
        var settings = context.settings
        settings.templatesDirectory = templates
        settings.format = .html
        var options = PreviewServer.Options(paths: paths, settings: settings)
        options.includeDrafts = drafts
        options.host = host
        options.port = UInt16(port)
        options.forcePolling = poll
        options.quiet = quiet
        let status = PreviewServer(options).run()
        if status != 0 { throw ExitCode(status) }
    }
}
