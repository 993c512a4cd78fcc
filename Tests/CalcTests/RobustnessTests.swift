import Calc
import DiaryMath
import Diagnostics
import Testing

/// The adversarial inputs that crashed, hung or misled (issues 9 and 14 of wave 2): each
/// is now a located error or a right answer, and finishes at once.
@Suite struct RobustnessTests {
    /// Inputs whose result would be too large: an error before any memory is asked for.
    @Test(arguments: [
        ("sum(ones([0, 1e10]), axis = 0)", "shape (10000000000,) would hold 10000000000 elements"),
        ("mean(ones([0, 1e10]), axis = 0)", "shape (10000000000,) would hold 10000000000 elements"),
        ("var(ones([0, 1e10]), axis = 0)", "shape (10000000000,) would hold 10000000000 elements"),
        ("max(ones([1e10, 0]), axis = 1)", "max of an empty sequence"),
        ("sum(transpose(ones([0, 1e10])), axis = 1)", "shape (10000000000,) would hold 10000000000 elements"),
        ("running_stats([ones([0, 1e10])])", "at least one value per feature"),
        ("zeros(ones([100000]))", "'shape' of zeros has 100000 lengths; a tensor has at most 32 axes"),
        ("reshape(zeros(1), ones([1e6]))", "'shape' of reshape has 1000000 lengths; a tensor has at most 32 axes"),
        ("rand(linspace(9, 7, 1e8))", "'shape' of rand has 100000000 lengths"),
        ("len(range(1e38)) + zeros(range(1e38))", "this range holds 1e+38 values, more than the 100000000 a tensor may hold"),
        ("plot(range(-1e38), e = \"r\")", "plot has no argument 'e'"),
        ("hist(zeros(1e6), bins = 0)", "'bins' of hist must be from 1 to 1000, not 0"),
        ("ewa([])", "ewa needs at least one value in the series"),
        ("batchnorm(3)", "batch statistics need a batch"),
        ("x = [\"a\"]\nfor i in range(40) { x = [x, x] }", "lists nest at most 3 deep"),
        ("s = \"ab\"\nfor i in range(40) { s = s + s }", "a string holds at most 1048576 bytes"),
        ("table(x = range(2e6))", "a table holds at most 1000000 cells, not 2000000"),
        ("plot(range(200000))", "a chart draws at most 100000 points, not 200000"),
    ])
    func tooLargeIsAnError(_ source: String, _ message: String) {
        let error = Calc.error(source)
        #expect(error.contains(message), "\(source): \(error)")
    }

    @Test func emptyAxesStillComputeWhatExists() throws {
        try expectNumbers("sum(ones([0, 3]), axis = 0)", [0, 0, 0])
        try expectNumbers("shape(ones([2, 0, 1e9]))", [2, 0, 1e9])
        // Looping over rows of an empty-middle tensor slices lazily: no 8 GB of positions.
        #expect(Calc.error("for i in ones([2, 0, 1e9]) { r() }").contains("unknown function 'r'"))
        try expectNumbers("x = ones([3, 1e6])\nsum(x[:, ::1000000000000])", [3])
    }

    @Test func histogramsOfExtremeValues() throws {
        for source in ["hist([1e308, 1e308])", "hist(1e32)", "hist([-1.7e308, 1.7e308])", "hist([5e-324, 0])"] {
            #expect(Calc.error(source) == "no error", "\(source)")
            guard case .chart(let chart) = try Calc.run(source) else { Issue.record("\(source): not a chart"); continue }
            let total = chart.series[0].y.reduce(0, +)
            #expect(total == Double(source.contains("1e32") ? 1 : 2))
            #expect(chart.edges.allSatisfy { $0.isFinite })
        }
    }

    /// Every recursive construct counts against the nesting limit, so deep input is an
    /// error, not a stack overflow.
    @Test func longChainsAreNestingToo() {
        let sum = (0..<200_000).map { _ in "1" }.joined(separator: "+")
        #expect(Calc.error(sum).contains("nested too deeply"))
        let indexing = "x = [1]\nx" + String(repeating: "[0]", count: 10_000)
        #expect(Calc.error(indexing).contains("nested too deeply"))
        let comparisons = (0..<1_000).map { _ in "1" }.joined(separator: " < ")
        #expect(Calc.error(comparisons).contains("nested too deeply"))
        // A long but shallow program is fine.
        let statements = (0..<5_000).map { "x\($0) = \($0) + 1" }.joined(separator: "\n")
        #expect(Calc.error(statements) == "no error")
    }

    /// Work is charged by what an operation really costs, before it runs.
    @Test func costNotElementCount() {
        let matrices = Calc.error("a = ones([3000, 3000])\nsum(a @ a @ a @ a)")
        #expect(matrices.contains("element operations"), "\(matrices)")
        let shape = "[" + Array(repeating: "2", count: 26).joined(separator: ", ") + "]"
        let transposes = Calc.error("x = ones(\(shape))\nfor i in range(29) { x = transpose(x) }")
        #expect(transposes.contains("element operations"), "\(transposes)")
    }

    @Test func outputHasALimit() {
        let lines = Calc.error("for i in range(300000) { print(i, i, i) }", limits: Limits(outputLines: 100_000))
        #expect(lines.contains("wrote more than 100000 lines or 64 MB of output"), "\(lines)")
        let bytes = Calc.error("s = \"" + String(repeating: "x", count: 1000) + "\"\nfor i in range(10000) { print(s) }",
                               limits: Limits(outputBytes: 1 << 20))
        #expect(bytes.contains("wrote more than"), "\(bytes)")
        #expect(Calc.error("for i in range(100000) { row(i = i) }", limits: Limits(outputLines: 1000)).contains("wrote more than 1000 lines"))
        // Rows of many columns stop at the table's cell limit.
        let wide = Calc.error("for i in range(200000) { row(a = i, b = i, c = i, d = i, e = i, f = i) }")
        #expect(wide.contains("a table holds at most 1000000 cells, not 1000002"), "\(wide)")
    }

    /// Tensors alive at once are bounded per session; two sessions never share a budget.
    @Test func memoryIsBoundedPerNote() {
        let limits = Limits(memory: 64 << 20)
        let error = Calc.error("a = zeros(5e6)\nb = a + 1\nc = a + 2", limits: limits)
        #expect(error.contains("does not fit: the tensors of a note may hold 64 MiB at once"), "\(error)")
        // Freed tensors give their memory back.
        #expect(Calc.error("for i in range(20) { a = zeros(5e6) + i }", limits: Limits(memory: 160 << 20)) == "no error")
    }

    @Test func messagesStateTheRealValues() {
        #expect(Calc.error("zeros([1e10, 1e10, 0]) + zeros(range(1e20))").contains("this range holds 100000000000000000000 values")
            || Calc.error("zeros([1e10, 1e10, 0]) + zeros(range(1e20))").contains("1e+20 values"))
        #expect(Calc.error("x = zeros([1e10, 1e10, 0])\nx + 1") == "no error")
        #expect(Calc.error("zeros([1e5, 1e5])").contains("would hold 10000000000 elements"))
    }
}
