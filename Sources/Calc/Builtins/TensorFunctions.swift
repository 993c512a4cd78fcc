import Diagnostics
import DiaryMath

extension Builtins {
    static let shapes: [String: Builtin] = [
        "len": Builtin([.required("x")]) { interpreter, args throws(Diagnostic) in
            switch args["x"] {
            case .string(let s): return .number(Double(s.count))
            case .list(let items): return .number(Double(items.count))
            case .table(let table): return .number(Double(table.rows.count))
            case let .range(start, stop, step):
                // A range's length is arithmetic: len(range(1e38)) is 1e+38, no tensor needed.
                return .number(Tensor.rangeLength(start: start, stop: stop, step: step))
            default:
                let x = try args.tensor("x", interpreter)
                guard let first = x.shape.first else { throw .error("a number has no length", at: args.range(of: "x")) }
                return .number(Double(first))
            }
        },
        "shape": Builtin([.required("x")]) { interpreter, args throws(Diagnostic) in
            let x = try args.tensor("x", interpreter)
            return .tensor(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor(x.shape.map(Double.init)) })
        },
        "reshape": Builtin([.required("x"), .required("shape")]) { interpreter, args throws(Diagnostic) in
            let x = try args.tensor("x", interpreter)
            let shape = try args.shape("shape", interpreter, inferring: true)
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try x.reshaped(shape) }, &interpreter, args)
        },
        "transpose": Builtin([.required("x")]) { interpreter, args throws(Diagnostic) in
            let x = try args.tensor("x", interpreter)
            // Every element is moved with index arithmetic over all the axes.
            try interpreter.work(x.count * max(1, x.rank), args.range)
            return .tensor(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try x.transposed() })
        },
        "flatten": Builtin([.required("x")]) { interpreter, args throws(Diagnostic) in
            try result(try args.tensor("x", interpreter).flattened(), &interpreter, args)
        },
    ]

    static let elementwise: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for function in ElementwiseFunction.allCases {
            table[function.rawValue] = Builtin([.required("x")]) { interpreter, args throws(Diagnostic) in
                let x = try args.tensor("x", interpreter)
                return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try function.apply(x) }, &interpreter, args)
            }
        }
        table["round"] = Builtin([.required("x"), .optional("digits", .number(0))]) { interpreter, args throws(Diagnostic) in
            let digits = try args.integer("digits", interpreter)
            let x = try args.tensor("x", interpreter)
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try x.rounded(digits: digits) }, &interpreter, args)
        }
        table["minimum"] = Builtin([.required("a"), .required("b")]) { interpreter, args throws(Diagnostic) in
            let (a, b) = (try args.tensor("a", interpreter), try args.tensor("b", interpreter))
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.minimum(a, b) }, &interpreter, args)
        }
        table["maximum"] = Builtin([.required("a"), .required("b")]) { interpreter, args throws(Diagnostic) in
            let (a, b) = (try args.tensor("a", interpreter), try args.tensor("b", interpreter))
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.maximum(a, b) }, &interpreter, args)
        }
        return table
    }()

    static let reductions: [String: Builtin] = {
        typealias Reduce = @Sendable (Tensor, Int?) throws(MathError) -> Tensor
        let plain: [String: Reduce] = [
            "sum": { x, axis throws(MathError) in try x.sum(axis: axis) },
            "mean": { x, axis throws(MathError) in try x.mean(axis: axis) },
            "min": { x, axis throws(MathError) in try x.min(axis: axis) },
            "max": { x, axis throws(MathError) in try x.max(axis: axis) },
            "argmin": { x, axis throws(MathError) in try x.argmin(axis: axis) },
            "argmax": { x, axis throws(MathError) in try x.argmax(axis: axis) },
        ]
        var table: [String: Builtin] = [:]
        for (name, reduce) in plain {
            table[name] = Builtin([.required("x"), .optional("axis", .none)]) { interpreter, args throws(Diagnostic) in
                let x = try args.tensor("x", interpreter)
                let axis = try args.optionalInteger("axis", interpreter)
                try interpreter.work(x.count, args.range)
                return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try reduce(x, axis) }, &interpreter, args)
            }
        }
        for (name, root) in [("var", false), ("std", true)] {
            table[name] = Builtin([.required("x"), .optional("axis", .none), .optional("ddof", .number(0))]) { interpreter, args throws(Diagnostic) in
                let x = try args.tensor("x", interpreter)
                let axis = try args.optionalInteger("axis", interpreter)
                let ddof = try args.integer("ddof", interpreter)
                try interpreter.work(2 * x.count, args.range)
                let variance = try interpreter.tensorOperation(at: args.range) { () throws(MathError) in
                    root ? try x.standardDeviation(axis: axis, ddof: ddof) : try x.variance(axis: axis, ddof: ddof)
                }
                return try result(variance, &interpreter, args)
            }
        }
        return table
    }()
}
