import Diagnostics
import DiaryMath

/// Executes statements and evaluates expressions of one cell (or one `{{ }}` value).
struct Interpreter {
    var session: Session
    let source: String
    private let bytes: [UInt8]
    var outputs: [CellOutput] = []
    var log: Table?
    /// Problems that do not stop the cell (points a chart skipped).
    var warnings: [Diagnostic] = []

    init(session: Session, source: String) {
        self.session = session
        self.source = source
        self.bytes = Array(source.utf8)
    }

    /// The source text of a range: labels of displayed values and `show` columns.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }

    // MARK: Budget

    mutating func step(_ range: Range<Int>) throws(Diagnostic) {
        session.steps += 1
        if session.steps > session.limits.steps {
            throw .error("this note ran more than \(session.limits.steps) steps, so its evaluation was stopped", at: range,
                         note: "a step is one statement or loop iteration; look for a loop that runs too long")
        }
    }

    mutating func warn(skipped points: Int, at range: Range<Int>) {
        warnings.append(.warning("\(points) point\(points == 1 ? "" : "s") with NaN or infinite values \(points == 1 ? "was" : "were") skipped",
                                 kind: .skippedPoints, at: range))
    }

    /// Charges `units` of work (see ``Limits/elementWork``); called before an operation
    /// whose cost its shapes decide, so that the limit stops it before it runs.
    mutating func work(_ units: Int, _ range: Range<Int>) throws(Diagnostic) {
        let (total, overflow) = session.elementWork.addingReportingOverflow(max(0, units))
        session.elementWork = overflow ? .max : total
        if session.elementWork > session.limits.elementWork {
            throw .error("this note did more than \(session.limits.elementWork) element operations on tensors, so its evaluation was stopped",
                         at: range, note: "use smaller tensors or fewer iterations")
        }
    }

    /// Appends output, within the note's output limits.
    mutating func emit(_ output: CellOutput, at range: Range<Int>) throws(Diagnostic) {
        var bytes = 0
        if case .text(let line) = output { bytes = line.utf8.count + 1 }
        try countOutput(lines: 1, bytes: bytes, at: range)
        outputs.append(output)
    }

    mutating func countOutput(lines: Int, bytes: Int, at range: Range<Int>) throws(Diagnostic) {
        session.outputLines += lines
        session.outputBytes += bytes
        if session.outputLines > session.limits.outputLines || session.outputBytes > session.limits.outputBytes {
            throw .error("this note wrote more than \(session.limits.outputLines) lines or \(session.limits.outputBytes >> 20) MB of output, so its evaluation was stopped",
                         at: range, note: "print less, or summarise with a table or a chart")
        }
    }

    // MARK: Statements

    mutating func execute(_ statements: [Statement]) throws(Diagnostic) {
        for statement in statements { try execute(statement) }
    }

    private mutating func execute(_ statement: Statement) throws(Diagnostic) {
        switch statement {
        case let .assign(name, nameRange, value):
            try step(nameRange)
            try checkAssignable(name, at: nameRange)
            session.variables[name] = try evaluate(value)
        case .expression(let expression):
            try step(expression.range)
            let value = try evaluate(expression)
            if value != .none { try emit(.value(label: text(expression.range), value), at: expression.range) }
        case let .forLoop(variable, variableRange, sequence, body, range):
            try step(range.lowerBound..<sequence.range.upperBound)
            try checkAssignable(variable, at: variableRange)
            // `for i in range(n)` never materialises the range.
            let values: Value
            if case let .call("range", nameRange, arguments, callRange) = sequence {
                values = try call("range", nameRange: nameRange, arguments: arguments, range: callRange)
            } else {
                values = try evaluate(sequence)
            }
            try iterate(values, at: sequence.range) { (interpreter: inout Interpreter, element: Value) throws(Diagnostic) in
                try interpreter.step(range.lowerBound..<sequence.range.upperBound)
                interpreter.session.variables[variable] = element
                try interpreter.execute(body)
            }
        case let .ifElse(condition, then, otherwise, _):
            try step(condition.range)
            if try truth(try evaluate(condition), at: condition.range) {
                try execute(then)
            } else if let otherwise {
                try execute(otherwise)
            }
        }
    }

    private func checkAssignable(_ name: String, at range: Range<Int>) throws(Diagnostic) {
        guard name.uppercased() == name, let names = session.names, names.resolve(name) != .unknown else { return }
        throw .error("'\(name)' is a built-in name and cannot be assigned", at: range, note: "choose another name")
    }

    /// Calls `body` for the rows of a tensor (its first axis), the elements of a list,
    /// or the numbers of a range, which is never materialised.
    private mutating func iterate(_ value: Value, at range: Range<Int>,
                                  _ body: (inout Interpreter, Value) throws(Diagnostic) -> Void) throws(Diagnostic) {
        switch value {
        case .tensor(let tensor):
            let rowCost = tensor.shape[0] == 0 ? 0 : tensor.count / tensor.shape[0] * tensor.rank
            for index in 0..<tensor.shape[0] {
                try work(rowCost, range)
                try body(&self, Value(try tensorOperation(at: range) { () throws(MathError) in try tensor.indexed([.position(index)]) }))
            }
        case .list(let items):
            for item in items { try body(&self, item) }
        case let .range(start, stop, step):
            var index = 0.0
            while true {
                let value = start + index * step
                guard step > 0 ? value < stop : value > stop else { return }
                try body(&self, .number(value))
                index += 1
            }
        default:
            throw .error("cannot loop over \(value.typeName)", at: range, note: "loop over a tensor, a list or range(...)")
        }
    }

    // MARK: Expressions

    mutating func evaluate(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression {
        case .number(let value, _): return .number(value)
        case .string(let value, _): return .string(value)
        case .bool(let value, _): return .bool(value)
        case .none: return .none
        case let .name(name, range): return try lookup(name, at: range)
        case let .list(elements, range):
            var values: [Value] = []
            for element in elements { values.append(try evaluate(element)) }
            return try makeList(values, at: range)
        case let .unary(op, operand, range):
            let value = try evaluate(operand)
            switch op {
            case .not: return .bool(!(try truth(value, at: operand.range)))
            case .negate:
                switch value {
                case .number(let x): return .number(-x)
                case .bool, .tensor, .range:
                    let tensor = try tensor(value, at: operand.range)
                    try work(tensor.count, range)
                    return Value(try tensorOperation(at: range) { () throws(MathError) in try -tensor })
                default: throw .error("cannot negate \(value.typeName)", at: range)
                }
            }
        case let .binary(op, lhs, rhs, operatorRange, range):
            if op == .and || op == .or {
                let left = try truth(try evaluate(lhs), at: lhs.range)
                if op == .and, !left { return .bool(false) }
                if op == .or, left { return .bool(true) }
                return .bool(try truth(try evaluate(rhs), at: rhs.range))
            }
            let left = try evaluate(lhs)
            let right = try evaluate(rhs)
            return try binary(op, (left, lhs.range), (right, rhs.range), operatorRange: operatorRange, range: range)
        case let .call(name, nameRange, arguments, range):
            let value = try call(name, nameRange: nameRange, arguments: arguments, range: range)
            guard case .range = value else { return value }
            // Everywhere but a for loop, a range is a tensor.
            let tensor = try tensor(value, at: range)
            try work(tensor.count, range)
            return Value(tensor)
        case let .index(base, items, range):
            return try index(try evaluate(base), items, baseRange: base.range, range: range)
        }
    }

    private func lookup(_ name: String, at range: Range<Int>) throws(Diagnostic) -> Value {
        if let value = session.variables[name] { return value }
        if let names = session.names {
            switch names.resolve(name) {
            case .value(let value): return value
            case .failure(let message, let note): throw .error(message, at: range, note: note)
            case .unknown: break
            }
        }
        if Builtins.functions[name] != nil {
            throw .error("'\(name)' is a function; call it as \(name)(...)", at: range)
        }
        var message = "unknown name '\(name)'"
        let candidates = Array(session.variables.keys) + (session.names?.candidates(near: name) ?? [])
        if let suggestion = Suggestion.closest(to: name, among: candidates) { message += "; did you mean '\(suggestion)'?" }
        throw .error(message, kind: .unknownName(name), at: range)
    }

    /// Numbers, or tensors of one shape, make a tensor (rows first); anything else a list.
    private mutating func makeList(_ values: [Value], at range: Range<Int>) throws(Diagnostic) -> Value {
        if values.isEmpty { return .tensor(try tensorOperation(at: range) { () throws(MathError) in try Tensor([]) }) }
        var tensors: [Tensor] = []
        for value in values {
            switch value {
            case .number(let x): tensors.append(Tensor(x))
            case .tensor(let t): tensors.append(t)
            default: return try list(values, at: range)
            }
        }
        guard tensors.allSatisfy({ $0.shape == tensors[0].shape }) else { return try list(values, at: range) }
        try work(tensors[0].count * tensors.count, range)
        return Value(try tensorOperation(at: range) { () throws(MathError) in try Tensor.stack(tensors) })
    }

    /// A list value. Lists share their items, so `x = [x, x]` in a loop would make a value
    /// that prints (and compares) 2^n items: nesting is bounded instead.
    private func list(_ values: [Value], at range: Range<Int>) throws(Diagnostic) -> Value {
        let value = Value.list(values)
        guard value.listDepth <= Value.maximumListDepth else {
            throw .error("lists nest at most \(Value.maximumListDepth) deep", at: range, note: "use a table, or a tensor for numbers")
        }
        return value
    }

    func truth(_ value: Value, at range: Range<Int>) throws(Diagnostic) -> Bool {
        switch value {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .string(let s): return !s.isEmpty
        case .none: return false
        case .list(let items): return !items.isEmpty
        case .tensor(let t) where t.count == 1: return t.scalarValue != 0
        default:
            throw .error("a condition must be a single value, not \(value.typeName)", at: range,
                         note: "compare single values, e.g. x[0] > 1 or max(x) > 1")
        }
    }

    /// Runs a DiaryMath operation, turning its error into a diagnostic at `range`.
    func tensorOperation<T>(at range: Range<Int>, _ body: () throws(MathError) -> T) throws(Diagnostic) -> T {
        do {
            return try body()
        } catch {
            throw .error(error.description, at: range)
        }
    }

    /// A value as a tensor: numbers and booleans as 0-d tensors, ranges materialised.
    func tensor(_ value: Value, at range: Range<Int>) throws(Diagnostic) -> Tensor {
        switch value {
        case .number(let x): return Tensor(x)
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .tensor(let t): return t
        case let .range(start, stop, step):
            return try tensorOperation(at: range) { () throws(MathError) in try Tensor.range(start: start, stop: stop, step: step) }
        default:
            throw .error("expected a number or a tensor, found \(value.typeName)", at: range)
        }
    }

    // MARK: Operators

    private static let tensorOperators: [BinaryOperator: @Sendable (Tensor, Tensor) throws(MathError) -> Tensor] = [
        .add: { a, b throws(MathError) in try a + b },
        .subtract: { a, b throws(MathError) in try a - b },
        .multiply: { a, b throws(MathError) in try a * b },
        .divide: { a, b throws(MathError) in try a / b },
        .power: { a, b throws(MathError) in try Tensor.power(a, b) },
        .matmul: { a, b throws(MathError) in try Tensor.matmul(a, b) },
        .equal: { a, b throws(MathError) in try Tensor.compare(a, .equal, b) },
        .notEqual: { a, b throws(MathError) in try Tensor.compare(a, .notEqual, b) },
        .less: { a, b throws(MathError) in try Tensor.compare(a, .less, b) },
        .lessEqual: { a, b throws(MathError) in try Tensor.compare(a, .lessOrEqual, b) },
        .greater: { a, b throws(MathError) in try Tensor.compare(a, .greater, b) },
        .greaterEqual: { a, b throws(MathError) in try Tensor.compare(a, .greaterOrEqual, b) },
    ]

    private mutating func binary(_ op: BinaryOperator, _ lhs: (Value, Range<Int>), _ rhs: (Value, Range<Int>),
                                 operatorRange: Range<Int>, range: Range<Int>) throws(Diagnostic) -> Value {
        let (left, right) = (lhs.0, rhs.0)
        switch (left, right) {
        case let (.number(x), .number(y)):
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return .number(x / y)
            case .power: return Value(try tensorOperation(at: range) { () throws(MathError) in try Tensor.power(Tensor(x), Tensor(y)) })
            case .matmul: throw .error("'@' needs tensors, not numbers", at: operatorRange, note: "use '*' for numbers")
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .and, .or: break
            }
        case let (.string(a), .string(b)):
            switch op {
            case .add:
                // Doubling a string in a loop would fill the memory in thirty steps.
                guard a.utf8.count + b.utf8.count <= Value.maximumStringBytes else {
                    throw .error("a string holds at most \(Value.maximumStringBytes) bytes", at: operatorRange)
                }
                return .string(a + b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            default: break
            }
        case (.string, _), (_, .string), (.list, _), (_, .list), (.table, _), (_, .table), (.none, _), (_, .none),
             (.chart, _), (_, .chart):
            if op == .equal { return .bool(left == right) }
            if op == .notEqual { return .bool(left != right) }
        default:
            break
        }
        guard let function = Self.tensorOperators[op], !isText(left), !isText(right) else {
            throw .error("cannot apply '\(op.rawValue)' to \(left.typeName) and \(right.typeName)", at: operatorRange)
        }
        let a = try tensor(left, at: lhs.1), b = try tensor(right, at: rhs.1)
        // A matrix product costs m·n·k: charged before it runs. Element-wise results are
        // charged after (one is at most 10^8 elements, well under a second).
        if op == .matmul { try work(Tensor.matmulCost(a.shape, b.shape), range) }
        let result = try tensorOperation(at: operatorRange) { () throws(MathError) in try function(a, b) }
        if op != .matmul { try work(result.count, range) }
        if op.isComparison, result.isScalar, let value = result.scalarValue { return .bool(value != 0) }
        return Value(result)
    }

    private func isText(_ value: Value) -> Bool {
        switch value {
        case .string, .list, .table, .chart, .none: return true
        default: return false
        }
    }

    // MARK: Indexing

    private mutating func index(_ base: Value, _ items: [IndexItem], baseRange: Range<Int>,
                                range: Range<Int>) throws(Diagnostic) -> Value {
        switch base {
        case .table(let table):
            guard items.count == 1, case .single(let expression) = items[0] else {
                throw .error("index a table with a column name, e.g. t[\"mean\"]", at: range)
            }
            let key = try evaluate(expression)
            guard case .string(let column) = key else {
                throw .error("index a table with a column name, e.g. t[\"mean\"]", at: expression.range)
            }
            guard let position = table.columns.firstIndex(of: column) else {
                var message = "the table has no column '\(column)'"
                if let suggestion = Suggestion.closest(to: column, among: table.columns) { message += "; did you mean '\(suggestion)'?" }
                throw .error(message, at: expression.range)
            }
            return try makeList(table.rows.map { $0[position] }, at: range)
        case .list(let elements):
            guard items.count == 1, case .single(let expression) = items[0] else {
                throw .error("a list takes one index", at: range)
            }
            let position = try integer(try evaluate(expression), at: expression.range, what: "an index")
            let resolved = position < 0 ? position + elements.count : position
            guard elements.indices.contains(resolved) else {
                throw .error("index \(position) is out of range for a list of \(elements.count) elements", at: expression.range)
            }
            return elements[resolved]
        default:
            let tensor = try self.tensor(base, at: baseRange)
            var indices: [TensorIndex] = []
            for item in items {
                switch item {
                case .single(let expression):
                    indices.append(.position(try integer(try evaluate(expression), at: expression.range, what: "an index")))
                case let .slice(start, stop, step, _):
                    var bounds: [Int?] = []
                    for bound in [start, stop, step] {
                        guard let bound else { bounds.append(nil); continue }
                        let value = try evaluate(bound)
                        bounds.append(value == .none ? nil : try integer(value, at: bound.range, what: "a slice bound"))
                    }
                    indices.append(.slice(start: bounds[0], stop: bounds[1], step: bounds[2]))
                }
            }
            let result = try tensorOperation(at: range) { () throws(MathError) in try tensor.indexed(indices) }
            try work(result.count * max(1, tensor.rank), range)
            return Value(result)
        }
    }

    /// A whole number (an index, an axis, a count).
    func integer(_ value: Value, at range: Range<Int>, what: String) throws(Diagnostic) -> Int {
        var number: Double?
        switch value {
        case .number(let x): number = x
        case .bool(let b): number = b ? 1 : 0
        case .tensor(let t) where t.count == 1: number = t.scalarValue
        default: break
        }
        guard let number, number == number.rounded(), abs(number) < 1e15 else {
            throw .error("\(what) must be a whole number, not \(value.typeName == "a number" ? value.inlineText(digits: 6) : value.typeName)", at: range)
        }
        return Int(number)
    }
}

extension BinaryOperator {
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }
}
