import Calc
import DiaryMath
import Testing

/// Errors name the problem and point at it.
@Suite struct CalcErrorTests {
    @Test func unknownNamesAndFunctionsSuggest() {
        #expect(Calc.error("values = [1, 2]\nmu = maen(values)") == """
        cell:2:6: error: unknown function 'maen'; did you mean 'mean'?
        mu = maen(values)
             ^~~~

        """)
        #expect(Calc.error("values = [1, 2]\nsum(valuse)") == """
        cell:2:5: error: unknown name 'valuse'; did you mean 'values'?
        sum(valuse)
            ^~~~~~

        """)
        #expect(Calc.error("mean([1, 2], axes = 0)").hasPrefix("cell:1:14: error: mean has no argument 'axes'; did you mean 'axis'?\n"))
        #expect(Calc.error("mean").hasPrefix("cell:1:1: error: 'mean' is a function; call it as mean(...)\n"))
        #expect(Calc.error("x = 1\nx(2)").hasPrefix("cell:2:1: error: 'x' is a variable, not a function\n"))
    }

    @Test func argumentErrors() {
        #expect(Calc.error("linspace(0, 1)").hasPrefix("cell:1:1: error: linspace needs the argument 'n'\n"))
        #expect(Calc.error("sqrt(1, 2)").hasPrefix("cell:1:9: error: sqrt takes at most 1 argument\n"))
        #expect(Calc.error("mean(axis = 0, [1])").hasPrefix("cell:1:16: error: a positional argument cannot follow a named one\n"))
        #expect(Calc.error("zeros(2.5)").hasPrefix("cell:1:7: error: a length in 'shape' must be a whole number, not 2.5\n"))
        #expect(Calc.error("ewa([1], bias_correction = 1)").hasPrefix("cell:1:28: error: 'bias_correction' of ewa must be true or false, not a number\n"))
    }

    @Test func shapeErrorsNameBothShapes() {
        #expect(Calc.error("a = [1, 2, 3]\nb = [[1, 2], [3, 4]]\nc = a + b") == """
        cell:3:7: error: shapes (3,) and (2, 2) do not match for +
        c = a + b
              ^

        """)
        #expect(Calc.error("[[1, 2, 3]] @ [1, 2]").hasPrefix("cell:1:13: error: shapes (1, 3) and (2,) do not match for @\n"))
        #expect(Calc.error("x = [1, 2]\nx[2]").hasPrefix("cell:2:1: error: index 2 is out of range for axis 0 of length 2\n"))
        #expect(Calc.error("mean([[1]], axis = 2)").hasPrefix("cell:1:1: error: axis 2 is out of range for 2-d input (valid: -2 to 1)\n"))
    }

    @Test func syntaxErrors() {
        #expect(Calc.error("x = (1 + 2\ny = 3").hasPrefix("cell:2:1: error: expected ')', found 'y'\n"))
        #expect(Calc.error("x = \"open").hasPrefix("cell:1:5: error: unterminated string\n"))
        #expect(Calc.error("x = 3 $ 4").hasPrefix("cell:1:7: error: unexpected character '$'\n"))
        #expect(Calc.error("x = 12abc").hasPrefix("cell:1:5: error: invalid number '12abc'\n"))
        #expect(Calc.error("for i range(3) { }").hasPrefix("cell:1:7: error: expected 'in' after 'for i', found 'range'\n"))
        #expect(Calc.error("if 1 { x = 1 ").hasPrefix("cell:1:14: error: expected '}' to close the block\n"))
        #expect(Calc.error("1 + 2 = x").hasPrefix("cell:1:1: error: only a name can be assigned to\n"))
        #expect(Calc.error("x = 1 y = 2").hasPrefix("cell:1:7: error: expected a new line or ';' after the statement, found 'y'\n"))
        #expect(Calc.error("if [1, 2] > 1 { }").hasPrefix("cell:1:4: error: a condition must be a single value, not a tensor of shape (2,)\n"))
        #expect(Calc.error("\"a\" * 2").hasPrefix("cell:1:5: error: cannot apply '*' to a string and a number\n"))
    }

    @Test func runawayCellsHitALimit() {
        #expect(Calc.error("for i in range(1e12) { x = i }").hasPrefix("cell:1:24: error: this note ran more than 1000000 steps, so its evaluation was stopped\n"))
        #expect(Calc.error("s = 0\nfor i in range(10) { s = s + 1 }", limits: Limits(steps: 5)).hasPrefix("cell:2:22: error: this note ran more than 5 steps"))
        #expect(Calc.error("x = zeros([100000, 100000])").hasPrefix("cell:1:5: error: shape (100000, 100000) would hold 10000000000 elements, more than the 100000000 a tensor may hold\n"))
        #expect(Calc.error("x = ones(1000)\nfor i in range(100) { x = x + 1 }", limits: Limits(elementWork: 10_000)).contains("did more than 10000 element operations on tensors"))
        let nested = String(repeating: "[", count: 10_000) + "1" + String(repeating: "]", count: 10_000)
        #expect(Calc.error(nested).hasPrefix("cell:1:201: error: the expression is nested too deeply (more than 200 levels of brackets, operators or indexing)\n"))
        let negations = String(repeating: "-", count: 10_000) + "1"
        #expect(Calc.error(negations).contains("error: the expression is nested too deeply"))
        let blocks = String(repeating: "if 1 { ", count: 5_000) + String(repeating: "}", count: 5_000)
        #expect(Calc.error(blocks).contains("error: the expression is nested too deeply"))
    }
}
