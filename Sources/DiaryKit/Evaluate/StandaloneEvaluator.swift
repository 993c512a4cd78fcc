import Calc
import Diagnostics

/// `diary eval`: runs calc source outside any note, with today's built-in names.
public struct StandaloneEvaluator: Sendable {
    public let context: RenderContext

    public init(context: RenderContext) { self.context = context }

    /// What the source shows, as terminal text, or its error located in `<eval>`.
    public func run(_ source: String) -> Result<String, FileDiagnostics> {
        var session = Session(names: BuiltinNames(context: context, note: nil))
        let file = SourceFile(path: "<eval>", text: source)
        let digits = context.config.digits
        session.digits = digits
        // Every displayed value prints: a single expression like an inline value (465,
        // 1.25, [1, 2.5, 3]), a table as a text table; `print`, `show` and `row` as in a cell.
        let run = session.run(cell: source)
        if let error = run.error { return .failure(FileDiagnostics(file, [error])) }
        var parts: [String] = []
        for output in run.outputs {
            switch output {
            case .value(_, .table(let table)): parts.append(TableLayout(table, digits: digits).plainText())
            case .value(_, let value): parts.append(value.inlineText(digits: digits))
            case .text(let line): parts.append(line)
            }
        }
        if let log = run.log { parts.append(TableLayout(log, digits: digits).plainText()) }
        return .success(parts.joined(separator: "\n"))
    }
}
