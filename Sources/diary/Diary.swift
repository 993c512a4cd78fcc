import ArgumentParser
import DiaryKit
import Foundation

/// `diary`: a living, computed learning diary.
@main
struct Diary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a folder of markdown notes, with live date counters and computed cells, into a static site or GitHub markdown.",
        version: "0.1.0",
        subcommands: [RenderCommand.self, ServeCommand.self, CheckCommand.self, EvalCommand.self, NewCommand.self]
    )

    /// Runs the command and maps failures to the documented exit statuses:
    /// 0 success, 1 a note had an error, 2 bad usage.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            Console.message(message)
            Foundation.exit(code == .validationFailure ? 2 : Int32(code.rawValue))
        }
    }
}
