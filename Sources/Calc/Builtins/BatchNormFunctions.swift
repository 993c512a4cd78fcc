import Diagnostics
import DiaryMath

extension Builtins {
    static let batchNorm: [String: Builtin] = [
        "batchnorm": Builtin([.required("X"), .optional("gamma", .number(1)), .optional("beta", .number(0)),
                              .optional("eps", .number(1e-5)), .optional("axis", .number(1))]) { interpreter, args throws(Diagnostic) in
            let x = try args.tensor("X", interpreter)
            let (gamma, beta) = (try args.tensor("gamma", interpreter), try args.tensor("beta", interpreter))
            let (eps, axis) = (try args.number("eps"), try args.integer("axis", interpreter))
            try interpreter.work(3 * x.count, args.range)
            let output = try interpreter.tensorOperation(at: args.range) { () throws(MathError) in
                try BatchNorm.forward(x, gamma: gamma, beta: beta, eps: eps, featureAxis: axis).output
            }
            return Value(output)
        },
        "normalize": Builtin([.required("z"), .required("mean"), .required("var"), .optional("gamma", .number(1)),
                              .optional("beta", .number(0)), .optional("eps", .number(1e-5)), .optional("axis", .number(1))]) { interpreter, args throws(Diagnostic) in
            let z = try args.tensor("z", interpreter)
            let (mean, variance) = (try args.tensor("mean", interpreter), try args.tensor("var", interpreter))
            let (gamma, beta) = (try args.tensor("gamma", interpreter), try args.tensor("beta", interpreter))
            let (eps, axis) = (try args.number("eps"), try args.integer("axis", interpreter))
            let output = try interpreter.tensorOperation(at: args.range) { () throws(MathError) in
                try BatchNorm.normalize(z, mean: mean, variance: variance, gamma: gamma, beta: beta, eps: eps, featureAxis: axis)
            }
            return try result(output, &interpreter, args)
        },
        "ewa": Builtin([.required("series"), .optional("beta", .number(0.9)), .optional("bias_correction", .bool(false))]) { interpreter, args throws(Diagnostic) in
            let series = try args.tensor("series", interpreter)
            let (beta, correction) = (try args.number("beta"), try args.bool("bias_correction"))
            let output = try interpreter.tensorOperation(at: args.range) { () throws(MathError) in
                try exponentiallyWeightedAverage(series, beta: beta, biasCorrection: correction)
            }
            return try result(output, &interpreter, args)
        },
        "running_stats": Builtin([.required("batches"), .optional("beta", .number(0.9)), .optional("unbiased", .bool(false)),
                                  .optional("init_mean", .number(0)), .optional("init_var", .number(0)),
                                  .optional("axis", .number(1)), .optional("cumulative", .bool(false))]) { interpreter, args throws(Diagnostic) in
            let batches = try batchList(args, &interpreter)
            let update: RunningStatistics.Update = try args.bool("cumulative") ? .cumulative : .exponential(beta: try args.number("beta"))
            let (unbiased, axis) = (try args.bool("unbiased"), try args.integer("axis", interpreter))
            let (initialMean, initialVariance) = (try args.tensor("init_mean", interpreter), try args.tensor("init_var", interpreter))
            let steps = try interpreter.tensorOperation(at: args.range) { () throws(MathError) in
                try RunningStatistics.trace(batches, update: update, unbiased: unbiased, initialMean: initialMean,
                                            initialVariance: initialVariance, featureAxis: axis)
            }
            let features = steps.first.map { max($0.batchMean.count, $0.runningMean.count) } ?? 1
            guard steps.count * features * 6 <= Table.maximumCells else {
                throw tooManyCells(steps.count * features * 6, at: args.range)
            }
            return .table(runningStatsTable(steps))
        },
    ]

    /// The batches of `running_stats`: a list of tensors, or a tensor whose first axis
    /// counts the batches.
    private static func batchList(_ args: CallArguments, _ interpreter: inout Interpreter) throws(Diagnostic) -> [Tensor] {
        var batches: [Tensor] = []
        switch args["batches"] {
        case .list(let items):
            for item in items { batches.append(try interpreter.tensor(item, at: args.range(of: "batches"))) }
        case .tensor(let t) where t.rank >= 2:
            for index in 0..<t.shape[0] {
                batches.append(try interpreter.tensorOperation(at: args.range) { () throws(MathError) in try t.indexed([.position(index)]) })
            }
        default:
            throw .error("'batches' of running_stats must be a list of batches (or a tensor whose rows are batches), not \(args["batches"].typeName)",
                         at: args.range(of: "batches"))
        }
        for batch in batches { try interpreter.work(2 * batch.count, args.range) }
        return batches
    }

    /// One row per step, or per step and feature when there are several features.
    private static func runningStatsTable(_ steps: [RunningStatistics.Step]) -> Table {
        let features = steps.first.map { max($0.batchMean.count, $0.runningMean.count) } ?? 1
        let columns = ["step"] + (features > 1 ? ["feature"] : []) + ["batch_mean", "batch_var", "running_mean", "running_var"]
        var table = Table(columns: columns)
        for step in steps {
            let values = [step.batchMean, step.batchVariance, step.runningMean, step.runningVariance].map(\.scalars)
            for feature in 0..<features {
                let cells = values.map { Value.number($0.count == 1 ? $0[0] : $0[feature]) }
                table.rows.append([.number(Double(step.step))] + (features > 1 ? [.number(Double(feature))] : []) + cells)
            }
        }
        return table
    }
}
