import Calc
import DiaryMath
import Diagnostics
import Testing

/// Runs calc source in a fresh session.
enum Calc {
    static func value(_ source: String, names: NameResolver? = nil) throws -> Value {
        var session = Session(names: names)
        return try session.evaluate(expression: source).get()
    }

    /// The value of the last displayed expression of a program.
    static func run(_ source: String) throws -> Value {
        var session = Session()
        let run = session.run(cell: source)
        if let error = run.error { throw error }
        guard case .value(_, let value)? = run.outputs.last else { return .none }
        return value
    }

    /// The error of a program, rendered as the CLI prints it.
    static func error(_ source: String, limits: Limits = Limits()) -> String {
        var session = Session(limits: limits)
        guard let error = session.run(cell: source).error else { return "no error" }
        return SourceFile(path: "cell", text: source).render(error)
    }

    static func numbers(_ value: Value) -> [Double] {
        switch value {
        case .number(let x): return [x]
        case .tensor(let t): return t.scalars
        case .bool(let b): return [b ? 1 : 0]
        default: return []
        }
    }
}

func expectNumbers(_ source: String, _ expected: [Double], tolerance: Double = 1e-12,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
    let actual = Calc.numbers(try Calc.run(source))
    #expect(actual.count == expected.count, "\(source): \(actual)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) where !(a == e || abs(a - e) <= tolerance * max(1, abs(e))) {
        Issue.record("\(source): \(actual) vs \(expected)", sourceLocation: sourceLocation)
        return
    }
}
