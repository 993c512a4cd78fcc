import Diagnostics
import DiaryMath

extension Builtins {
    private static let chartOptions: [Builtin.Parameter] = [.optional("title", .none), .optional("xlabel", .none), .optional("ylabel", .none), .optional("label", .none)]

    static let charts: [String: Builtin] = [
        "plot": Builtin([.required("x"), .optional("y", .none)] + chartOptions) { interpreter, args throws(Diagnostic) in
            .chart(try pointChart(.line, args, &interpreter))
        },
        "scatter": Builtin([.required("x"), .optional("y", .none)] + chartOptions) { interpreter, args throws(Diagnostic) in
            .chart(try pointChart(.scatter, args, &interpreter))
        },
        "bar": Builtin([.required("labels"), .required("values")] + chartOptions) { interpreter, args throws(Diagnostic) in
            let categories: [String]
            switch args["labels"] {
            case .list(let items): categories = items.map { $0.inlineText(digits: 6) }
            case .tensor(let t) where t.rank == 1: categories = try pointData(t, at: args.range(of: "labels")).map { Value.number($0).inlineText(digits: 6) }
            default: throw .error("'labels' of bar must be a list of names", at: args.range(of: "labels"))
            }
            let rows = try seriesRows(args["values"], at: args.range(of: "values"), interpreter)
            guard !categories.isEmpty else { throw .error("bar needs at least one value", at: args.range) }
            for row in rows where row.count != categories.count {
                throw .error("bar has \(categories.count) labels but \(row.count) values", at: args.range(of: "values"))
            }
            let names = try seriesNames(args, count: rows.count)
            var chart = Chart(kind: .bar, series: rows.enumerated().map { index, values in
                Chart.Series(name: names[index], x: values.indices.map(Double.init), y: values)
            })
            chart.categories = categories
            try finish(&chart, args, &interpreter)
            return .chart(chart)
        },
        "hist": Builtin([.required("x"), .optional("bins", .number(10))] + chartOptions) { interpreter, args throws(Diagnostic) in
            let x = try interpreter.tensor(args["x"], at: args.range(of: "x"))
            let bins = try args.integer("bins", interpreter)
            guard (1...1000).contains(bins) else { throw .error("'bins' of hist must be from 1 to 1000, not \(bins)", at: args.range(of: "bins")) }
            try interpreter.work(2 * x.count, args.range)
            var (low, high, finite) = (Double.infinity, -Double.infinity, 0)
            x.withUnsafeBufferPointer { values in
                for value in values where value.isFinite {
                    (low, high, finite) = (min(low, value), max(high, value), finite + 1)
                }
            }
            guard finite > 0 else { throw .error("hist needs at least one finite value", at: args.range(of: "x")) }
            if finite < x.count { interpreter.warn(skipped: x.count - finite, at: args.range) }
            if !(high / 2 - low / 2 > 0) {
                // One value (or a span too small to halve): a bin around it, wide enough to
                // change even a huge number.
                let pad = max(0.5, abs(low) * 1e-9)
                (low, high) = (low - pad, high + pad)
            }
            // Bins by the fraction of the span, from halves: a span near the largest
            // doubles overflows, and a fraction in 0...1 converts to an index safely.
            let halfSpan = high / 2 - low / 2
            var counts = [Double](repeating: 0, count: bins)
            x.withUnsafeBufferPointer { values in
                for value in values where value.isFinite {
                    let fraction = (value / 2 - low / 2) / halfSpan
                    counts[fraction >= 1 ? bins - 1 : fraction > 0 ? Int(fraction * Double(bins)) : 0] += 1
                }
            }
            let edges = (0...bins).map { index -> Double in
                let f = Double(index) / Double(bins)
                return index == bins ? high : low * (1 - f) + high * f
            }
            let name = try seriesNames(args, count: 1)[0]
            let centers = (0..<bins).map { edges[$0] / 2 + edges[$0 + 1] / 2 }
            var chart = Chart(kind: .histogram, series: [Chart.Series(name: name, x: centers, y: counts)])
            chart.edges = edges
            try finish(&chart, args, &interpreter)
            return .chart(chart)
        },
    ]

    /// `plot(x, y)` and `scatter(x, y)`: `y` a vector, or a matrix (or list of vectors)
    /// with one row per series; `plot(y)` uses 0, 1, 2... for x.
    private static func pointChart(_ kind: Chart.Kind, _ args: CallArguments, _ interpreter: inout Interpreter) throws(Diagnostic) -> Chart {
        let name = kind == .line ? "plot" : "scatter"
        let hasY = args["y"] != .none
        let rows = try seriesRows(hasY ? args["y"] : args["x"], at: args.range(of: hasY ? "y" : "x"), interpreter)
        let x = hasY ? try pointData(interpreter.tensor(args["x"], at: args.range(of: "x")), at: args.range(of: "x"))
            : (0..<(rows.first?.count ?? 0)).map(Double.init)
        guard !x.isEmpty, rows.allSatisfy({ !$0.isEmpty }) else { throw .error("\(name) needs at least one point", at: args.range) }
        for row in rows where row.count != x.count {
            throw .error("x has \(x.count) values but y has \(row.count)", at: args.range(of: "y"))
        }
        let names = try seriesNames(args, count: rows.count)
        // Points with NaN or infinities stay in the data: the drawing skips them (and
        // breaks a line there), and a warning counts them.
        let series = rows.enumerated().map { Chart.Series(name: names[$0.offset], x: x, y: $0.element) }
        let finite = series.map { zip($0.x, $0.y).filter { $0.0.isFinite && $0.1.isFinite }.count }
        let skipped = x.count * rows.count - finite.reduce(0, +)
        guard finite.contains(where: { $0 > 0 }) else {
            throw .error("\(name) has no finite point to draw", at: args.range)
        }
        if skipped > 0 { interpreter.warn(skipped: skipped, at: args.range) }
        var chart = Chart(kind: kind, series: series)
        try finish(&chart, args, &interpreter)
        return chart
    }

    /// The values of a tensor to draw, within ``Chart/maximumPoints``.
    private static func pointData(_ tensor: Tensor, at range: Range<Int>) throws(Diagnostic) -> [Double] {
        guard tensor.count <= Chart.maximumPoints else {
            throw .error("a chart draws at most \(Chart.maximumPoints) points, not \(tensor.count)", at: range,
                         note: "plot every n-th value (x[::10]), or summarise with hist")
        }
        return tensor.scalars
    }

    /// The rows of a vector (one series) or a matrix or list of vectors (one per row).
    private static func seriesRows(_ value: Value, at range: Range<Int>, _ interpreter: Interpreter) throws(Diagnostic) -> [[Double]] {
        switch value {
        case .list(let items):
            var rows: [[Double]] = []
            var total = 0
            for item in items {
                let row = try pointData(try interpreter.tensor(item, at: range), at: range)
                total += row.count
                guard total <= Chart.maximumPoints else {
                    throw .error("a chart draws at most \(Chart.maximumPoints) points", at: range, note: "plot fewer series or every n-th value")
                }
                rows.append(row)
            }
            return rows
        default:
            let tensor = try interpreter.tensor(value, at: range)
            let values = try pointData(tensor, at: range)
            switch tensor.rank {
            case 0, 1: return [values]
            case 2:
                let columns = tensor.shape[1]
                return (0..<tensor.shape[0]).map { row in Array(values[(row * columns)..<((row + 1) * columns)]) }
            default:
                throw .error("chart data must be a vector or a matrix with one row per series, not shape \(Tensor.describe(shape: tensor.shape))", at: range)
            }
        }
    }

    /// `label`: one name, or a list with one name per series.
    private static func seriesNames(_ args: CallArguments, count: Int) throws(Diagnostic) -> [String?] {
        switch args["label"] {
        case .none: return Array(repeating: nil, count: count)
        case .string(let name) where count == 1: return [name]
        case .list(let names):
            guard names.count == count else {
                throw .error("\(names.count) labels for \(count) series", at: args.range(of: "label"))
            }
            return names.map { $0.inlineText(digits: 6) }
        default:
            throw .error(count == 1 ? "'label' must be a string" : "'label' must be a list of \(count) names, one per series",
                         at: args.range(of: "label"))
        }
    }

    private static func finish(_ chart: inout Chart, _ args: CallArguments, _ interpreter: inout Interpreter) throws(Diagnostic) {
        func text(_ name: String) throws(Diagnostic) -> String? {
            switch args[name] {
            case .none: return nil
            case .string(let text): return text
            default: throw .error("'\(name)' must be a string", at: args.range(of: name))
            }
        }
        chart.title = try text("title")
        chart.xLabel = try text("xlabel")
        chart.yLabel = try text("ylabel")
        try interpreter.work(chart.series.map(\.y.count).reduce(0, +), args.range)
    }
}
