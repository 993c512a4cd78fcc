import ArgumentParser
import DiaryKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and evaluate notes, write nothing; exit status 1 on any error."
    )

    @Argument(help: "Note files or folders.")
    var paths: [String]

    @OptionGroup var context: ContextOptions

    @Flag(name: .long, help: "Print only errors.")
    var quiet = false

    func run() throws {
        let renderer = try context.settings.makeRendererOrExit(quiet: quiet)
        let report = SiteBuilder(renderer: renderer).render(try NoteSource.collectOrExit(paths))
        Console.report(report.diagnostics, quiet: quiet)
        if report.hasErrors { throw ExitCode(1) }
        if !quiet { Console.message("\(report.notes.count) note\(report.notes.count == 1 ? "" : "s") checked, no errors") }
    }
}
