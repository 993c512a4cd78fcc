import Calc
import DiaryMath
import Testing

/// Every function of SPEC §4, through the language.
@Suite struct FunctionTests {
    @Test func creation() throws {
        try expectNumbers("zeros(3)", [0, 0, 0])
        #expect(try Calc.value("ones([2, 2])") == .tensor(try Tensor.ones([2, 2])))
        try expectNumbers("full([2], 7)", [7, 7])
        try expectNumbers("range(3)", [0, 1, 2])
        try expectNumbers("range(1, 2, 0.25)", [1, 1.25, 1.5, 1.75])
        try expectNumbers("linspace(0, 1, 5)", [0, 0.25, 0.5, 0.75, 1])
        #expect(try Calc.value("randn(3, seed = 7)") == .tensor(try Tensor.randn([3], seed: 7)))
        #expect(try Calc.value("rand([2, 2])") == .tensor(try Tensor.rand([2, 2], seed: 0)))
        try expectNumbers("stack([[1, 2], [3, 4]])", [1, 2, 3, 4])
        try expectNumbers("stack([[1, 2], [3, 4]], axis = 1)", [1, 3, 2, 4])
    }

    @Test func shapes() throws {
        try expectNumbers("len([4, 5, 6])", [3])
        try expectNumbers("len(\"abc\")", [3])
        try expectNumbers("shape([[1, 2, 3], [4, 5, 6]])", [2, 3])
        #expect(try Calc.value("reshape(range(6), [2, -1])") == .tensor(try Tensor(rows: [[0, 1, 2], [3, 4, 5]])))
        try expectNumbers("transpose([[1, 2, 3], [4, 5, 6]])", [1, 4, 2, 5, 3, 6])
        try expectNumbers("flatten([[1, 2], [3, 4]])", [1, 2, 3, 4])
    }

    @Test func elementwise() throws {
        try expectNumbers("sqrt([4, 9])", [2, 3])
        try expectNumbers("exp(0)", [1])
        try expectNumbers("log([1, 0])", [0, -.infinity])
        try expectNumbers("abs([-1.5, 2])", [1.5, 2])
        try expectNumbers("tanh(0)", [0])
        try expectNumbers("sigmoid(0)", [0.5])
        try expectNumbers("relu([-1, 0, 2])", [0, 0, 2])
        try expectNumbers("floor(-1.5)", [-2])
        try expectNumbers("ceil(-1.5)", [-1])
        try expectNumbers("round(2.5)", [2])
        try expectNumbers("round([1.23456, 2.675], digits = 2)", [1.23, 2.68])
        try expectNumbers("minimum([1, 5], 3)", [1, 3])
        try expectNumbers("maximum([1, 5], [2, 4])", [2, 5])
    }

    @Test func reductions() throws {
        let m = "M = [[1, 2, 3], [4, 5, 6]]\n"
        try expectNumbers(m + "sum(M)", [21])
        try expectNumbers(m + "sum(M, axis = 0)", [5, 7, 9])
        try expectNumbers(m + "mean(M, axis = 1)", [2, 5])
        try expectNumbers(m + "mean(M, axis = -1)", [2, 5])
        try expectNumbers(m + "min(M, axis = 0)", [1, 2, 3])
        try expectNumbers(m + "max(M)", [6])
        try expectNumbers(m + "argmin(M, axis = 1)", [0, 0])
        try expectNumbers(m + "argmax(M)", [5])
        try expectNumbers("var([1, 2, 3, 4])", [1.25])
        try expectNumbers("var([1, 2, 3, 4], ddof = 1)", [5.0 / 3])
        try expectNumbers("std([1, 2, 3, 4], None, 1)", [(5.0 / 3).squareRoot()])
        try expectNumbers(m + "var(M, axis = 0)", [2.25, 2.25, 2.25])
    }

    @Test func batchNormalization() throws {
        // One feature: mean 2.5, biased var 1.25.
        try expectNumbers("batchnorm([1, 2, 3, 4], eps = 0.0001)", [-1.5, -0.5, 0.5, 1.5].map { $0 / (1.25 + 1e-4).squareRoot() })
        try expectNumbers("batchnorm([[1, 10], [3, 30]], gamma = [1, 2], beta = [0, 1], eps = 1e-12)", [-1, -1, 1, 3], tolerance: 1e-9)
        try expectNumbers("batchnorm([[1, 10], [3, 30]], axis = 0, eps = 1e-12)", [-1, 1, -1, 1], tolerance: 1e-9)
        try expectNumbers("normalize(3.5, 2.5, 1.25, eps = 0)", [1 / 1.25.squareRoot()])
        try expectNumbers("normalize([3.5, 1], [2.5, 1], [1.25, 4], gamma = 2, beta = 1, eps = 0)", [1 + 2 / 1.25.squareRoot(), 1])
        try expectNumbers("ewa([10, 10, 10], beta = 0.5)", [5, 7.5, 8.75])
        try expectNumbers("ewa([10, 10, 10], beta = 0.5, bias_correction = true)", [10, 10, 10])
        let table = try Calc.run("running_stats([[1, 2, 3, 4], [2, 3, 4, 5]], unbiased = true, init_var = 1)")
        guard case .table(let t) = table else { Issue.record("expected a table"); return }
        #expect(t.columns == ["step", "batch_mean", "batch_var", "running_mean", "running_var"])
        #expect(t.rows.count == 2)
        #expect(abs(Calc.numbers(t.rows[0][3])[0] - 0.25) < 1e-15)
        #expect(abs(Calc.numbers(t.rows[0][4])[0] - (0.9 + 0.1 * 5.0 / 3)) < 1e-15)
        let cumulative = try Calc.run("running_stats([[1, 2], [3, 5]], cumulative = true)")
        guard case .table(let c) = cumulative else { Issue.record("expected a table"); return }
        #expect(Calc.numbers(c.rows[1][3]) == [2.75])
        let features = try Calc.run("running_stats([[[1, 2], [3, 4]]], beta = 0.5)")
        guard case .table(let f) = features else { Issue.record("expected a table"); return }
        #expect(f.columns == ["step", "feature", "batch_mean", "batch_var", "running_mean", "running_var"])
        #expect(f.rows.map { Calc.numbers($0[2])[0] } == [2, 3])
    }

    @Test func outputFunctions() throws {
        var session = Session()
        let run = session.run(cell: """
        x = [1, 2, 3]
        show(x, x * 2, total = sum(x))
        table(a = [1, 2], b = "k")
        for v in x { row(v = v, square = v^2) }
        print("mean", mean(x), [1.5, 2])
        """)
        #expect(run.error == nil)
        #expect(run.outputs == [
            .value(label: "", .table(Table(columns: ["x", "x * 2", "total"], rows: [
                [.number(1), .number(2), .number(6)], [.number(2), .number(4), .number(6)], [.number(3), .number(6), .number(6)],
            ]))),
            .value(label: "table(a = [1, 2], b = \"k\")", .table(Table(columns: ["a", "b"], rows: [
                [.number(1), .string("k")], [.number(2), .string("k")],
            ]))),
            .text("mean 2 [1.5, 2]"),
        ])
        #expect(run.log == Table(columns: ["v", "square"], rows: [
            [.number(1), .number(1)], [.number(2), .number(4)], [.number(3), .number(9)],
        ]))
    }

    @Test func displays() throws {
        #expect(Display.of(.number(465), label: "x", digits: 4) == .line(label: "x", text: "465"))
        #expect(Display.of(.number(2.0 / 3), label: "x", digits: 4) == .line(label: "x", text: "0.6667"))
        #expect(Display.of(.tensor(try Tensor([1.5, 2])), label: "v", digits: 2) == .table(TableLayout(
            headers: ["", "v"], rows: [["0", "1.50"], ["1", "2.00"]], numeric: [true, true])))
        #expect(Display.of(.tensor(try Tensor(rows: [[1, 2], [3, .nan]])), label: "M", digits: 1) == .table(TableLayout(
            headers: ["M", "0", "1"], rows: [["0", "1", "2"], ["1", "3", "NaN"]], numeric: [true, true, true])))
        #expect(Display.of(.tensor(try Tensor(rows: [[1, 2.5], [3, 4]])), label: "M", digits: 1) == .table(TableLayout(
            headers: ["M", "0", "1"], rows: [["0", "1.0", "2.5"], ["1", "3.0", "4.0"]], numeric: [true, true, true])))
        #expect(Display.of(.none, label: "", digits: 4) == nil)
        #expect(TableLayout(headers: ["step", "name"], rows: [["1", "a"], ["10", "bb"]], numeric: [true, false]).plainText()
            == "step  name\n----  ----\n   1  a\n  10  bb")
    }
}
