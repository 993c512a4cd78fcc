import ArgumentParser
import DiaryKit

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate calc source and print the result.",
        discussion: """
        A single expression prints like an inline value (465, 1.25, [1, 2.5, 3]); a table \
        prints as a text table. Statements separated by ';' print every displayed value. \
        Built-in names such as DATE and DAYS_SINCE_2025_08_18 are available.
        """
    )

    // Every input the options do not take is the source, so that `diary eval -2^2` (an
    // argument starting with '-') is an expression, not an unknown option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Calc source, e.g. 'mean([1, 2, 3.5])'.", valueName: "expr"))
    var source: [String] = []

    func validate() throws {
        if source.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("Missing expected argument '<expr>': the calc source to evaluate") }
    }

    @OptionGroup var context: ContextOptions

    func run() throws {
        let evaluator = StandaloneEvaluator(context: try context.settings.makeContextOrExit())
        switch evaluator.run(source.joined(separator: " ")) {
        case .success(let text):
            if !text.isEmpty { Console.output(text + "\n") }
        case .failure(let diagnostics):
            Console.report([diagnostics], quiet: false)
            throw ExitCode(1)
        }
    }
}
