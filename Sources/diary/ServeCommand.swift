import ArgumentParser
import DiaryKit
import Foundation

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

    @Argument(help: "Note files or folders.")
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
        _ = try NoteSource.collectOrExit(paths)
        try context.check(templates: templates)
    }

    func run() throws {
        var settings = context.settings
        settings.templatesDirectory = templates
        settings.format = .html
        // Bad usage stopped in validate(); a config or template with errors is shown on
        // every page until it is fixed.
        var options = ServeOptions(paths: paths, settings: settings)
        options.includeDrafts = drafts
        options.host = host
        options.port = UInt16(port)
        options.forcePolling = poll
        options.quiet = quiet
        let server = Self.serverProgram()
        guard FileManager.default.isExecutableFile(atPath: server) else {
            Console.message("error: diary serve needs the diary-serve program next to diary (\(server)): build it with 'make serve' or 'swift build --product diary-serve'")
            throw ExitCode(1)
        }
        let json = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        // The server takes this process's place: same process id, terminal and signals.
        let arguments = ["diary-serve", json]
        var pointers = arguments.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        execv(server, &pointers)
        Console.message("error: cannot start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(1)
    }

    /// `diary-serve` in the folder of the running `diary`.
    static func serverProgram() -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (me as NSString).deletingLastPathComponent + "/diary-serve"
    }
}
