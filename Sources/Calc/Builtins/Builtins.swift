import Diagnostics
import DiaryMath

/// Every function of the calc language, by name.
enum Builtins {
    static let functions: [String: Builtin] = {
        var all: [String: Builtin] = [:]
        for table in [creation, shapes, elementwise, reductions, batchNorm, output, charts] {
            all.merge(table) { first, _ in first }
        }
        return all
    }()

    /// The result of a tensor operation, with its work counted.
    static func result(_ tensor: Tensor, _ interpreter: inout Interpreter, _ arguments: CallArguments) throws(Diagnostic) -> Value {
        try interpreter.work(tensor.count, arguments.range)
        return Value(tensor)
    }
}
