import Calc
import Testing

@Suite struct InlineTextTests {
    @Test func inlineNumberText() {
        #expect(Value.number(465).inlineText(digits: 4) == "465")
        #expect(Value.number(1.25).inlineText(digits: 4) == "1.25")
        #expect(Value.number(5.0 / 3).inlineText(digits: 4) == "1.6667")
        #expect(Value.number(-0.00001).inlineText(digits: 4) == "0")
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
            #expect(NumberFormat.fixed(x, digits: digits) == NumberFormat.viaPrintf(x, digits: digits), "\(x) at \(digits)")
        }
        for (x, digits, text) in [(0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.675, 2, "2.67"), (1.005, 2, "1.00"), (-0.0001, 2, "0.00"),
                                  (2.5, 0, "2"), (3.5, 0, "4"), (-2.5, 0, "-2"), (1e12, 4, "1000000000000.0000"), (465, 0, "465")] {
            #expect(NumberFormat.fixed(x, digits: digits) == text, "\(x)")
        }
    }
}
