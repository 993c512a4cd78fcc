import ArgumentParser
import DiaryKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write today's note from templates/note.md (never overwrites).",
        discussion: "The file is named YYYY-MM-DD-slug.md; {{title}} and {{date}} in the template are filled in."
    )

    @Option(name: .long, help: "The note's title.")
    var title = "Notes"

    @Option(name: .long, help: ArgumentHelp("Folder of the notes.", valueName: "dir"))
    var dir = "notes"

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: ./templates, then the built-in note).", valueName: "dir"))
    var templates: String?

    @OptionGroup var context: ContextOptions

    func run() throws {
        let renderContext = try context.settings.makeContextOrExit()
        let folder = templates ?? "templates"
        let template = FileManager.default.contents(atPath: folder + "/note.md").map { String(decoding: $0, as: UTF8.self) }
        do {
            let path = try NewNote(title: title, date: renderContext.today).write(into: dir, template: template)
            Console.output(path + "\n")
        } catch {
            Console.message("error: \(error.description)")
            throw ExitCode(1)
        }
    }
}
