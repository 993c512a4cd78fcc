import Diagnostics
import Testing

@Suite struct DiagnosticTests {
    @Test func locationsCountScalarsAndLines() {
        let file = SourceFile(path: "n.md", text: "ab\nnaïve x\n\nlast")
        #expect(file.location(of: 0) == (1, 1))
        #expect(file.location(of: 3) == (2, 1))
        #expect(file.location(of: 10) == (2, 7)) // after the 2-byte ï
        #expect(file.location(of: 12) == (3, 1))
        #expect(file.location(of: 13) == (4, 1))
        #expect(file.offset(line: 2, column: 7) == 10)
    }

    @Test func rendersLikeACompiler() {
        let file = SourceFile(path: "notes/bn.md", text: "# T\n\tmu = maen(x)\n")
        let diagnostic = Diagnostic.error("unknown function 'maen'; did you mean 'mean'?", at: 10..<14, note: "functions are listed in the README")
        #expect(file.render(diagnostic) == """
        notes/bn.md:2:7: error: unknown function 'maen'; did you mean 'mean'?
        \tmu = maen(x)
        \t     ^~~~
        note: functions are listed in the README

        """)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "maen", among: ["mean", "max", "min"]) == "mean")
        #expect(Suggestion.closest(to: "DATE_PRETY", among: ["DATE", "DATE_PRETTY"]) == "DATE_PRETTY")
        #expect(Suggestion.closest(to: "xyz", among: ["mean", "max"]) == nil)
        #expect(Suggestion.closest(to: "sum", among: ["sum"]) == nil)
    }

    @Test func longLinesShowAWindowAroundTheCaret() {
        let long = String(repeating: "a", count: 300) + "$\\foo$" + String(repeating: "b", count: 300)
        let file = SourceFile(path: "n.md", text: "x\n" + long + "\n")
        let offset = 2 + 301
        let rendered = file.render(.warning("unknown command '\\foo'", kind: .unsupportedMath, at: offset..<offset + 4))
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "n.md:2:302: warning: unknown command '\\foo'")
        #expect(lines[1].count == SourceFile.windowWidth + 2)
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…"))
        // The caret sits under the backslash of \foo in the window.
        let caret = lines[2]
        let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
        #expect(Array(lines[1])[column] == "\\")
        #expect(caret.hasSuffix("^~~~"))
    }

    @Test func shortLinesAreShownWhole() {
        let file = SourceFile(path: "n.md", text: "mu = 1 + maen(x)")
        let rendered = file.render(.error("unknown function 'maen'", at: 9..<13))
        #expect(rendered == "n.md:1:10: error: unknown function 'maen'\nmu = 1 + maen(x)\n         ^~~~\n")
    }

    @Test func repeatedDiagnosticsOfOneKindAreCapped() {
        let text = String(repeating: "$\\foo$ ", count: 5_000)
        let file = SourceFile(path: "n.md", text: text)
        var diagnostics = (0..<5_000).map { Diagnostic.warning("unknown command '\\foo'", kind: .unsupportedMath, at: ($0 * 7 + 1)..<($0 * 7 + 5)) }
        diagnostics.append(.error("unknown name 'x'", kind: .unknownName("x"), at: 0..<1))
        let rendered = FileDiagnostics(file, diagnostics).rendered()
        #expect(rendered.split(separator: "\n").filter { $0.contains("warning: unknown command") }.count == FileDiagnostics.shownPerFamily)
        #expect(rendered.contains("n.md: warning: … and 4980 more like this"))
        #expect(rendered.contains("error: unknown name 'x'"))
        #expect(rendered.utf8.count < 20_000)
    }

    @Test func generalDiagnosticsRepeatOnlyWithTheSameMessage() {
        let file = SourceFile(path: "n.md", text: String(repeating: "x\n", count: 100))
        let diagnostics = (0..<30).map { Diagnostic.error("problem \($0)", at: ($0 * 2)..<($0 * 2 + 1)) }
        #expect(!FileDiagnostics(file, diagnostics).rendered().contains("more like this"))
    }
}

/// Findings of `make fuzz`, kept as regressions.
@Suite struct DiagnosticFuzzFindingTests {
    /// An error at a carriage return that the shown line leaves out.
    @Test func aCaretPastTheShownLine() {
        let text = "batches = [\n  [[\r\r\r1.0,\r"
        let file = SourceFile(path: "cell", text: text)
        let offset = text.utf8.count - 1
        let rendered = file.render(.error("expected ']'", at: offset..<offset + 1))
        #expect(rendered.hasPrefix("cell:2:12: error: expected ']'\n"))
        let long = String(repeating: "x", count: 300) + "\r\n"
        #expect(SourceFile(path: "l", text: long).render(.error("e", at: 300..<301)).contains("^"))
    }
}
