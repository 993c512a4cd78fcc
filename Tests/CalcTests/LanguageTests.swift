import Calc
import DiaryMath
import Diagnostics
import Testing

@Suite struct LanguageTests {
    @Test func precedenceAndAssociativity() throws {
        try expectNumbers("-2^2", [-4])
        try expectNumbers("2^3^2", [512])
        try expectNumbers("2**3**2", [512])
        try expectNumbers("2^-1", [0.5])
        try expectNumbers("1 + 2 * 3", [7])
        try expectNumbers("(1 + 2) * 3", [9])
        try expectNumbers("10 - 2 - 3", [5])
        try expectNumbers("8 / 2 / 2", [2])
        try expectNumbers("-[1, 2]^2", [-1, -4])
        try expectNumbers("[1, 2] @ [3, 4]", [11])
        try expectNumbers("2 * [1, 2] @ [3, 4]", [22])
        #expect(try Calc.value("not 1 == 2") == .bool(true))
        #expect(try Calc.value("1 < 2 and 3 < 2 or 2 >= 2") == .bool(true))
        #expect(try Calc.value("not true and false") == .bool(false))
        #expect(try Calc.value("1 + 1 == 2") == .bool(true))
    }

    @Test func ieeeArithmetic() throws {
        try expectNumbers("1 / 0", [.infinity])
        try expectNumbers("-1 / 0", [-.infinity])
        #expect(Calc.numbers(try Calc.value("0 / 0")).first?.isNaN == true)
        try expectNumbers("[1, -1] / 0", [.infinity, -.infinity])
        try expectNumbers("1e-5 * 2", [2e-5])
        try expectNumbers("1_000 + .5", [1000.5])
    }

    @Test func tensorsBroadcastAsNumPy() throws {
        try expectNumbers("[[1, 2], [3, 4]] + [10, 20]", [11, 22, 13, 24])
        try expectNumbers("[[1], [2]] * [1, 10, 100]", [1, 10, 100, 2, 20, 200])
        try expectNumbers("[1, 2, 3] > 1", [0, 1, 1])
        #expect(try Calc.value("[[1, 2], [3, 4]]") == .tensor(try Tensor(rows: [[1, 2], [3, 4]])))
        #expect(try Calc.value("[]") == .tensor(Tensor([])))
        #expect(try Calc.value("[[1, 2], [3]]") == .list([.tensor(Tensor([1, 2])), .tensor(Tensor([3]))]))
        #expect(try Calc.value("[\"a\", 1]") == .list([.string("a"), .number(1)]))
    }

    @Test func indexingAndSlicing() throws {
        let x = "x = [10, 11, 12, 13, 14]\n"
        try expectNumbers(x + "x[0]", [10])
        try expectNumbers(x + "x[-1]", [14])
        try expectNumbers(x + "x[1:3]", [11, 12])
        try expectNumbers(x + "x[::2]", [10, 12, 14])
        try expectNumbers(x + "x[:-3]", [10, 11])
        let m = "M = [[1, 2, 3], [4, 5, 6]]\n"
        try expectNumbers(m + "M[1, :]", [4, 5, 6])
        try expectNumbers(m + "M[:, 0]", [1, 4])
        try expectNumbers(m + "M[-1, 1:]", [5, 6])
        try expectNumbers(m + "M[1][2]", [6])
        try expectNumbers("t = table(a = [1, 2], b = [3, 4])\nt[\"b\"]", [3, 4])
        #expect(try Calc.run("l = [[1, 2], [3]]\nl[-1]") == .tensor(Tensor([3])))
    }

    @Test func statementsLoopsAndConditions() throws {
        try expectNumbers("s = 0\nfor i in range(5) { s = s + i }\ns", [10])
        try expectNumbers("s = 0; for row in [[1, 2], [3, 4]] { s = s + sum(row) }; s", [10])
        try expectNumbers("s = 0\nfor v in [1, 2, 3] {\n  if v == 2 { s = s + 10 } else if v == 3 { s = s + 100 }\n  else { s = s + 1 }\n}\ns", [111])
        try expectNumbers("n = 0\nfor i in range(10, 0, -3) { n = n + 1 }\nn", [4])
        try expectNumbers("x = 1 # a comment\n# another\nx + 1", [2])
        try expectNumbers("total = sum([1,\n  2,\n  3])\ntotal", [6])
        #expect(try Calc.run("s = \"bn\" + \" \" + \"note\"\ns") == .string("bn note"))
        #expect(try Calc.run("\"a\\tb\"") == .string("a\tb"))
    }

    @Test func builtInNamesAreReadOnlyVariables() throws {
        struct Names: NameResolver {
            func resolve(_ name: String) -> NameResolution { name == "YEAR" ? .value(.number(2026)) : .unknown }
            func candidates(near name: String) -> [String] { ["YEAR"] }
        }
        #expect(try Calc.value("YEAR - 2000", names: Names()) == .number(26))
        var session = Session(names: Names())
        let error = session.run(cell: "YEAR = 1").error
        #expect(error?.message == "'YEAR' is a built-in name and cannot be assigned")
        #expect(error?.range == 0..<4)
        #expect(session.evaluate(expression: "YEARS").failureMessage == "unknown name 'YEARS'; did you mean 'YEAR'?")
    }

    @Test func cellsShareOneScope() throws {
        var session = Session()
        _ = session.run(cell: "a = 2")
        let run = session.run(cell: "b = a * 3\nb\nprint(\"b is\", b)")
        #expect(run.outputs == [.value(label: "b", .number(6)), .text("b is 6")])
        #expect(try session.evaluate(expression: "a + b").get() == .number(8))
    }

    @Test func assignedNamesAreReadWithoutRunning() {
        #expect(Session.assignedNames(in: "x = 1\nfor i in range(3) {\n  y = i\n}\nz == 2\nf(a = 1)") == ["x", "i", "y"])
    }
}

extension Result where Failure == Diagnostic {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
