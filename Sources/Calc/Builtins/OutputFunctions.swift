import Diagnostics
import DiaryMath

extension Builtins {
    static let output: [String: Builtin] = [
        "show": Builtin([], variadic: true) { interpreter, args throws(Diagnostic) in
            var columns: [(String, [Value], Range<Int>)] = []
            for argument in args.ordered {
                columns.append((argument.label ?? interpreter.text(argument.range), try cells(argument.value, argument.range, &interpreter), argument.range))
            }
            try interpreter.emit(.value(label: "", .table(try makeTable(columns, function: "show", at: args.range))), at: args.range)
            return .none
        },
        "table": Builtin([], variadic: true) { interpreter, args throws(Diagnostic) in
            var columns: [(String, [Value], Range<Int>)] = []
            for argument in args.ordered {
                columns.append((argument.label ?? interpreter.text(argument.range), try cells(argument.value, argument.range, &interpreter), argument.range))
            }
            return .table(try makeTable(columns, function: "table", at: args.range))
        },
        "row": Builtin([], variadic: true) { interpreter, args throws(Diagnostic) in
            var names: [String] = []
            var values: [Value] = []
            for argument in args.ordered {
                guard let label = argument.label else {
                    throw .error("row takes named values, e.g. row(mean = m, var = v)", at: argument.range)
                }
                names.append(label)
                values.append(argument.value)
            }
            guard !names.isEmpty else { throw .error("row needs at least one named value", at: args.range) }
            try interpreter.countOutput(lines: 1, bytes: 0, at: args.range)
            // The log is not bound to a name: a second reference would copy its rows at
            // every append (quadratic in the rows).
            if let columns = interpreter.log?.columns {
                guard columns == names else {
                    throw .error("row must name the same columns every time: (\(columns.joined(separator: ", "))), not (\(names.joined(separator: ", ")))",
                                 at: args.range)
                }
                let cells = ((interpreter.log?.rows.count ?? 0) + 1) * columns.count
                guard cells <= Table.maximumCells else { throw tooManyCells(cells, at: args.range) }
                interpreter.log?.rows.append(values)
            } else {
                interpreter.log = Table(columns: names, rows: [values])
            }
            return .none
        },
        "print": Builtin([], variadic: true) { interpreter, args throws(Diagnostic) in
            if let named = args.ordered.first(where: { $0.label != nil }) {
                throw .error("print takes values, not named arguments", at: named.range)
            }
            let line = args.ordered.map { $0.value.inlineText(digits: interpreter.session.digits) }.joined(separator: " ")
            try interpreter.emit(.text(line), at: args.range)
            return .none
        },
    ]

    /// The cells of one column: a number is one cell, a vector one cell per element.
    private static func cells(_ value: Value, _ range: Range<Int>, _ interpreter: inout Interpreter) throws(Diagnostic) -> [Value] {
        func numbers(_ tensor: Tensor) throws(Diagnostic) -> [Value] {
            guard tensor.count <= Table.maximumCells else { throw tooManyCells(tensor.count, at: range) }
            return tensor.scalars.map(Value.number)
        }
        switch value {
        case .tensor(let t) where t.rank == 1: return try numbers(t)
        case .tensor(let t):
            throw .error("a column must be a number or a vector, not a tensor of shape \(Tensor.describe(shape: t.shape))", at: range,
                         note: "display a matrix on its own line instead")
        case .list(let items): return items
        case .range: return try numbers(try interpreter.tensor(value, at: range))
        case .table: throw .error("a column cannot be a table", at: range)
        default: return [value]
        }
    }

    static func tooManyCells(_ count: Int, at range: Range<Int>) -> Diagnostic {
        .error("a table holds at most \(Table.maximumCells) cells, not \(count)", at: range,
               note: "show a summary (mean, min, max) or every n-th row (x[::10])")
    }

    /// Columns of one length; a single value repeats down the column.
    private static func makeTable(_ columns: [(String, [Value], Range<Int>)], function: String, at range: Range<Int>) throws(Diagnostic) -> Table {
        guard !columns.isEmpty else { throw .error("\(function) needs at least one column", at: range) }
        let length = columns.map(\.1.count).max() ?? 0
        for column in columns where column.1.count != length && column.1.count != 1 {
            throw .error("column '\(column.0)' has \(column.1.count) values but another has \(length)", at: column.2)
        }
        guard length * columns.count <= Table.maximumCells else { throw tooManyCells(length * columns.count, at: range) }
        let rows = (0..<length).map { row in columns.map { $0.1.count == 1 ? $0.1[0] : $0.1[row] } }
        return Table(columns: columns.map(\.0), rows: rows)
    }
}
