import Diagnostics
import DiaryMath

/// A function of the calc language: its parameters and what it does.
struct Builtin: Sendable {
    struct Parameter: Sendable {
        var name: String
        /// nil: the argument is required.
        var defaultValue: Value?

        /// A parameter every call must give.
        static func required(_ name: String) -> Parameter { Parameter(name: name, defaultValue: nil) }
        /// A parameter that takes `value` when a call leaves it out.
        static func optional(_ name: String, _ value: Value) -> Parameter { Parameter(name: name, defaultValue: value) }
    }

    var parameters: [Parameter]
    /// `show`, `print`, `table`, `row` take any arguments and read them in order.
    var variadic = false
    var body: @Sendable (inout Interpreter, CallArguments) throws(Diagnostic) -> Value

    init(_ parameters: [Parameter], variadic: Bool = false,
         _ body: @escaping @Sendable (inout Interpreter, CallArguments) throws(Diagnostic) -> Value) {
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}


/// The evaluated arguments of one call, bound to parameter names.
struct CallArguments {
    let function: String
    let range: Range<Int>
    var values: [String: Value] = [:]
    var ranges: [String: Range<Int>] = [:]
    /// Every argument in order, for variadic functions.
    var ordered: [(label: String?, value: Value, range: Range<Int>)] = []

    subscript(_ name: String) -> Value { values[name] ?? .none }
    func range(of name: String) -> Range<Int> { ranges[name] ?? range }

    func tensor(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Tensor {
        try interpreter.tensor(self[name], at: range(of: name))
    }

    func number(_ name: String) throws(Diagnostic) -> Double {
        switch self[name] {
        case .number(let x): return x
        case .tensor(let t) where t.count == 1: return t.scalarValue ?? .nan
        case .bool(let b): return b ? 1 : 0
        default: throw .error("'\(name)' of \(function) must be a number, not \(self[name].typeName)", at: range(of: name))
        }
    }

    func integer(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Int {
        try interpreter.integer(self[name], at: range(of: name), what: "'\(name)' of \(function)")
    }

    /// None, or a whole number.
    func optionalInteger(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Int? {
        self[name] == .none ? nil : try integer(name, interpreter)
    }

    func bool(_ name: String) throws(Diagnostic) -> Bool {
        guard case .bool(let value) = self[name] else {
            throw .error("'\(name)' of \(function) must be true or false, not \(self[name].typeName)", at: range(of: name))
        }
        return value
    }

    /// A shape: a whole number, or a list or vector of them (at most ``Tensor/maxRank``,
    /// checked before the lengths are read). `inferring` allows one length of -1.
    func shape(_ name: String, _ interpreter: Interpreter, inferring: Bool = false) throws(Diagnostic) -> [Int] {
        let value = self[name]
        var numbers: [Value]
        switch value {
        case .number, .bool: numbers = [value]
        case .tensor(let t) where t.rank == 1:
            guard t.count <= Tensor.maxRank else { throw tooManyAxes(t.count, name) }
            numbers = t.scalars.map(Value.number)
        case .list(let items):
            guard items.count <= Tensor.maxRank else { throw tooManyAxes(items.count, name) }
            numbers = items
        default: throw .error("'\(name)' of \(function) must be a length or a list of lengths", at: range(of: name))
        }
        var shape: [Int] = []
        for number in numbers {
            let length = try interpreter.integer(number, at: range(of: name), what: "a length in '\(name)'")
            guard length >= 0 || (inferring && length == -1) else {
                throw .error("a length in '\(name)' cannot be negative\(inferring ? " (but one may be -1, to be inferred)" : "")",
                             at: range(of: name))
            }
            shape.append(length)
        }
        return shape
    }

    private func tooManyAxes(_ count: Int, _ name: String) -> Diagnostic {
        .error("'\(name)' of \(function) has \(count) lengths; a tensor has at most \(Tensor.maxRank) axes", at: range(of: name))
    }

    func seed(_ interpreter: Interpreter) throws(Diagnostic) -> UInt64 {
        let seed = try integer("seed", interpreter)
        guard seed >= 0 else { throw .error("'seed' must not be negative", at: range(of: "seed")) }
        return UInt64(seed)
    }
}

extension Interpreter {
    /// Binds the arguments of a call to the function's parameters and runs it.
    mutating func call(_ name: String, nameRange: Range<Int>, arguments: [Argument], range: Range<Int>) throws(Diagnostic) -> Value {
        guard let builtin = Builtins.functions[name] else {
            if session.variables[name] != nil { throw .error("'\(name)' is a variable, not a function", at: nameRange) }
            var message = "unknown function '\(name)'"
            if let suggestion = Suggestion.closest(to: name, among: Builtins.functions.keys) { message += "; did you mean '\(suggestion)'?" }
            throw .error(message, at: nameRange)
        }
        var bound = CallArguments(function: name, range: range)
        var positional = 0
        for argument in arguments {
            let value = try evaluate(argument.value)
            bound.ordered.append((argument.label, value, argument.value.range))
            if builtin.variadic { continue }
            let parameterName: String
            if let label = argument.label {
                guard builtin.parameters.contains(where: { $0.name == label }) else {
                    var message = "\(name) has no argument '\(label)'"
                    if let suggestion = Suggestion.closest(to: label, among: builtin.parameters.map(\.name)) {
                        message += "; did you mean '\(suggestion)'?"
                    }
                    throw .error(message, at: argument.labelRange ?? argument.value.range,
                                 note: "\(name) takes \(Self.signature(builtin))")
                }
                parameterName = label
            } else {
                guard positional < builtin.parameters.count else {
                    throw .error("\(name) takes at most \(builtin.parameters.count) argument\(builtin.parameters.count == 1 ? "" : "s")",
                                 at: argument.value.range, note: "\(name) takes \(Self.signature(builtin))")
                }
                parameterName = builtin.parameters[positional].name
                positional += 1
            }
            if bound.values[parameterName] != nil {
                throw .error("argument '\(parameterName)' of \(name) is given twice", at: argument.labelRange ?? argument.value.range)
            }
            bound.values[parameterName] = value
            bound.ranges[parameterName] = argument.value.range
        }
        if !builtin.variadic {
            for parameter in builtin.parameters where bound.values[parameter.name] == nil {
                guard let value = parameter.defaultValue else {
                    throw .error("\(name) needs the argument '\(parameter.name)'", at: range, note: "\(name) takes \(Self.signature(builtin))")
                }
                bound.values[parameter.name] = value
            }
        }
        return try builtin.body(&self, bound)
    }

    static func signature(_ builtin: Builtin) -> String {
        "(" + builtin.parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name) = \($0.inlineText(digits: 6))" } ?? parameter.name
        }.joined(separator: ", ") + ")"
    }
}
