import Diagnostics
import DiaryMath

extension Builtins {
    static let creation: [String: Builtin] = [
        "zeros": Builtin([.required("shape")]) { interpreter, args throws(Diagnostic) in
            let shape = try args.shape("shape", interpreter)
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.zeros(shape) }, &interpreter, args)
        },
        "ones": Builtin([.required("shape")]) { interpreter, args throws(Diagnostic) in
            let shape = try args.shape("shape", interpreter)
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.ones(shape) }, &interpreter, args)
        },
        "full": Builtin([.required("shape"), .required("v")]) { interpreter, args throws(Diagnostic) in
            let shape = try args.shape("shape", interpreter)
            let value = try args.number("v")
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.full(shape, value) }, &interpreter, args)
        },
        "range": Builtin([.required("start"), .optional("stop", .none), .optional("step", .number(1))]) { interpreter, args throws(Diagnostic) in
            // range(stop) or range(start, stop, step): lazy until used as a tensor.
            var start = try args.number("start")
            var stop = 0.0
            if args["stop"] == .none {
                stop = start
                start = 0
            } else {
                stop = try args.number("stop")
            }
            let step = try args.number("step")
            guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
                throw .error("range needs finite bounds and a non-zero step", at: args.range)
            }
            return .range(start: start, stop: stop, step: step)
        },
        "linspace": Builtin([.required("a"), .required("b"), .required("n")]) { interpreter, args throws(Diagnostic) in
            let (a, b, n) = (try args.number("a"), try args.number("b"), try args.integer("n", interpreter))
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.linspace(a, b, count: n) }, &interpreter, args)
        },
        "randn": Builtin([.required("shape"), .optional("seed", .number(0))]) { interpreter, args throws(Diagnostic) in
            let (shape, seed) = (try args.shape("shape", interpreter), try args.seed(interpreter))
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.randn(shape, seed: seed) }, &interpreter, args)
        },
        "rand": Builtin([.required("shape"), .optional("seed", .number(0))]) { interpreter, args throws(Diagnostic) in
            let (shape, seed) = (try args.shape("shape", interpreter), try args.seed(interpreter))
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.rand(shape, seed: seed) }, &interpreter, args)
        },
        "stack": Builtin([.required("list"), .optional("axis", .number(0))]) { interpreter, args throws(Diagnostic) in
            let axis = try args.integer("axis", interpreter)
            var tensors: [Tensor] = []
            switch args["list"] {
            case .list(let items):
                for item in items { tensors.append(try interpreter.tensor(item, at: args.range(of: "list"))) }
            case .tensor(let t):
                for index in 0..<t.shape[0] {
                    tensors.append(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try t.indexed([.position(index)]) })
                }
            default:
                throw .error("stack needs a list of tensors", at: args.range(of: "list"))
            }
            return try result(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try Tensor.stack(tensors, axis: axis) }, &interpreter, args)
        },
    ]
}
