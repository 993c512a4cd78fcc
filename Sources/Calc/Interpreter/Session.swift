import Diagnostics
import DiaryMath

/// What a cell showed, in order.
public enum CellOutput: Sendable, Equatable {
    /// A displayed value and the source text of its expression.
    case value(label: String, Value)
    /// A line from `print`.
    case text(String)
}

/// The result of running one cell.
public struct CellRun: Sendable {
    public var outputs: [CellOutput] = []
    /// The table `row(...)` built, shown after the other outputs.
    public var log: Table?
    /// The error that stopped the cell, if any (range in the cell's source).
    public var error: Diagnostic?
    /// Warnings, such as chart points that were skipped.
    public var warnings: [Diagnostic] = []
}

/// A notebook session: the cells of one note run in order in one scope. Built-in names
/// come from the host and are read-only.
public struct Session: Sendable {
    public internal(set) var variables: [String: Value] = [:]
    public let names: NameResolver?
    public let limits: Limits
    /// Decimals of numbers that `print` writes (the cell's `digits`).
    public var digits = 4
    var steps = 0
    var elementWork = 0
    var outputLines = 0
    var outputBytes = 0
    /// What the note's tensors hold at once (see ``Limits/memory``).
    let memory: MemoryBudget

    public init(names: NameResolver? = nil, limits: Limits = Limits()) {
        self.names = names
        self.limits = limits
        memory = MemoryBudget(limit: limits.memory)
    }

    /// Runs a cell's statements; variables it assigns before an error stay assigned.
    public mutating func run(cell source: String) -> CellRun {
        var run = CellRun()
        let statements: [Statement]
        do {
            statements = try Parser.parseProgram(source)
        } catch {
            run.error = error
            return run
        }
        var interpreter = Interpreter(session: self, source: source)
        MemoryBudget.$current.withValue(memory) {
            do throws(Diagnostic) {
                try interpreter.execute(statements)
            } catch {
                run.error = error
            }
        }
        self = interpreter.session
        run.outputs = interpreter.outputs
        run.log = interpreter.log
        run.warnings = interpreter.warnings
        return run
    }

    /// Evaluates one expression (a `{{ }}` value); ranges are in `source`.
    public mutating func evaluate(expression source: String) -> Result<Value, Diagnostic> {
        do throws(Diagnostic) {
            let expression = try Parser.parseExpression(source)
            var interpreter = Interpreter(session: self, source: source)
            var result: Result<Value, Diagnostic> = .success(.none)
            MemoryBudget.$current.withValue(memory) {
                do throws(Diagnostic) {
                    result = .success(try interpreter.evaluate(expression))
                } catch {
                    result = .failure(error)
                }
            }
            self = interpreter.session
            return result
        } catch {
            return .failure(error)
        }
    }

    /// Names a cell assigns at top level or in blocks, read from the source without
    /// running it: later errors about them are consequences of the cell's failure.
    public static func assignedNames(in source: String) -> Set<String> {
        guard let tokens = try? Lexer.tokens(source) else { return [] }
        var names: Set<String> = []
        for (index, token) in tokens.enumerated() where index + 1 < tokens.count {
            if case .name(let name) = token.kind, tokens[index + 1].kind == .symbol(.assign),
               index == 0 || tokens[index - 1].kind == .separator || tokens[index - 1].kind == .symbol(.leftBrace)
                || tokens[index - 1].kind == .keyword(.for) {
                names.insert(name)
            }
            if case .keyword(.for) = token.kind, case .name(let name) = tokens[index + 1].kind { names.insert(name) }
        }
        return names
    }
}
