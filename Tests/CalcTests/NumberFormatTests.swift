import Calc
import DiaryMath
import Foundation
import Testing

@Suite struct InlineTextTests {
    @Test func inlineNumberText() {
        #expect(Value.number(465).inlineText(digits: 4) == "465")
        #expect(Value.number(1.25).inlineText(digits: 4) == "1.25")
        #expect(Value.number(5.0 / 3).inlineText(digits: 4) == "1.6667")
        #expect(Value.number(-0.00001).inlineText(digits: 4) == "-1e-05")
        #expect(Value.number(-0.0).inlineText(digits: 4) == "0")
        #expect(Value.number(.nan).inlineText(digits: 4) == "NaN")
        #expect(Value.number(-.infinity).inlineText(digits: 4) == "-inf")
        #expect(Value.string("a b").inlineText(digits: 4) == "a b")
        #expect(NumberFormat.fixed(2.5, digits: 0) == "2")
        #expect(NumberFormat.fixed(0.125, digits: 2) == "0.12")
        #expect(NumberFormat.fixed(1e20, digits: 1) == "100000000000000000000.0")
    }
}

@Suite struct NumberFormatTests {
    /// The fast path agrees with printf (the exact decimal rounding) everywhere it answers.
    @Test func fixedAgreesWithPrintf() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = Double.random(in: -1e6...1e6, using: &generator) / Double([1, 10, 1000, 1e6][Int.random(in: 0..<4, using: &generator)])
            let digits = Int.random(in: 0...9, using: &generator)
            var reference = String(format: "%.*f", digits, x)
            if reference.hasPrefix("-"), reference.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { reference.removeFirst() }
            #expect(NumberFormat.fixed(x, digits: digits) == reference, "\(x) at \(digits)")
        }
        for (x, digits, text) in [(0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.675, 2, "2.67"), (1.005, 2, "1.00"), (-0.0001, 2, "0.00"),
                                  (2.5, 0, "2"), (3.5, 0, "4"), (-2.5, 0, "-2"), (1e12, 4, "1000000000000.0000"), (465, 0, "465")] {
            #expect(NumberFormat.fixed(x, digits: digits) == text, "\(x)")
        }
    }
}

/// Values a fixed number of decimals would hide or misstate print in scientific notation.
@Suite struct ReadableNumberTests {
    @Test(arguments: [
        (1e-5, 4, "1e-05"), (1.5e-8, 4, "1.5e-08"), (-2.25e-7, 4, "-2.25e-07"), (0.00012, 4, "0.0001"), (0.0001, 4, "0.0001"),
        (0.00009, 4, "9e-05"), (3e-4, 3, "3e-04"), (0.3, 0, "3e-01"), (0, 4, "0"), (1e16, 4, "1e+16"), (2.5e20, 2, "2.5e+20"),
        (123456.789, 2, "123456.79"), (9.99999e-5, 4, "1e-04"), (1.23456789e-10, 4, "1.2346e-10"),
    ] as [(Double, Int, String)])
    func inline(_ x: Double, digits: Int, text: String) {
        #expect(NumberFormat.readable(x, digits: digits, trailingZeros: false) == text)
    }

    @Test func tablesKeepDecimalsAndNeverHideAValue() {
        let table = TableLayout(Table(columns: ["eps", "lr"], rows: [[.number(1e-8), .number(0.5)], [.number(1.5), .number(3e-5)]]), digits: 4)
        #expect(table.rows == [["1e-08", "0.5000"], ["1.5000", "3e-05"]])
    }

    @Test func aTensorIsOneArrayForWholeNumbers() throws {
        let matrix = try Tensor(rows: [[7, 3.5], [1, 2]])
        let table = TableLayout(matrix, label: "m", digits: 2)
        #expect(table.rows == [["0", "7.00", "3.50"], ["1", "1.00", "2.00"]])
        let counts = try Tensor(rows: [[7, 3], [1, 2]])
        #expect(TableLayout(counts, label: "c", digits: 2).rows == [["0", "7", "3"], ["1", "1", "2"]])
        // A table keeps a column of counts whole beside a column of decimals.
        let log = TableLayout(Table(columns: ["step", "mean"], rows: [[.number(1), .number(2.5)], [.number(2), .number(3)]]), digits: 2)
        #expect(log.rows == [["1", "2.50"], ["2", "3.00"]])
    }

    @Test func bigTensorsAreSummarised() throws {
        let big = try Tensor.range(stop: 100_000)
        #expect(Value(big).inlineText(digits: 4) == "[0, 1, 2, …, 99997, 99998, 99999]")
        let table = TableLayout(big, label: "x", digits: 4)
        #expect(table.rows.count == 2 * 10 + 1)
        #expect(table.rows[10] == ["…", "…"])
        #expect(table.rows.last == ["99999", "99999"])
        let wide = try Tensor.zeros([3, 500])
        let layout = TableLayout(wide, label: "w", digits: 2)
        #expect(layout.headers.count == 1 + 21)
        #expect(layout.headers[11] == "…")
    }
}
