import Testing
@testable import DiaryKit

@Suite struct ProseScannerTests {
    private func math(_ text: String) throws -> [String] {
        try Fixture.scan(text).result.math.map(\.tex)
    }

    private func placeholders(_ text: String) throws -> [String] {
        let scan = try Fixture.scan(text)
        return scan.result.placeholders.map { String(scan.note.file.text(in: $0.expression)) }
    }

    @Test func pandocDollarRules() throws {
        #expect(try math("it cost $5 and $10 today") == [])
        #expect(try math("$20,000 and $30,000 won't parse") == [])
        #expect(try math("a $x$5 b") == [])
        #expect(try math("x$y$z") == ["y"])
        #expect(try math("$ x$ and $x $") == [])
        #expect(try math("pay \\$5 for $a\\$b$ now") == ["a\\$b"])
        #expect(try math("$\\text{cost $5}$ ok") == ["\\text{cost $5}"])
        #expect(try math("inline $a\nb$ spans one line break") == ["a\nb"])
        #expect(try math("no $a\n\nb$ across a blank line") == [])
    }

    @Test func displayAndBacktickForms() throws {
        #expect(try math("$$\\sum_i x_i$$") == ["\\sum_i x_i"])
        #expect(try math("before $$ a = b $$ after") == ["a = b"])
        #expect(try math("github $`\\sqrt{\\$4}`$ form") == ["\\sqrt{\\$4}"])
        let scan = try Fixture.scan("```math\nx^2 _ y\n```\n")
        #expect(scan.result.math.map(\.style) == [.fence])
        #expect(scan.result.math.map(\.tex) == ["x^2 _ y"])
    }

    @Test func multiLineDisplayMathWithDashLinesIsOneFormula() throws {
        let text = "Text\n$$\n\\begin{aligned}\n- a &= b \\\\\n+ c &= d\n\\end{aligned}\n$$\nafter\n"
        let found = try math(text)
        #expect(found == ["\\begin{aligned}\n- a &= b \\\\\n+ c &= d\n\\end{aligned}"])
    }

    @Test func nothingInsideCode() throws {
        #expect(try math("`$x$` and ``a ` $y$ ``") == [])
        #expect(try math("```\n$x$ {{DATE}}\n```\n") == [])
        #expect(try math("    $x$ indented code\n") == [])
        #expect(try placeholders("`{{DATE}}` and\n\n```\n{{DATE}}\n```\n\n    {{DATE}}\n") == [])
        #expect(try math("unclosed `code $x$") == ["x"])
    }

    @Test func placeholdersInProseAndHTML() throws {
        #expect(try placeholders("a {{DATE}} b {{ YEAR }}") == ["DATE", " YEAR "])
        #expect(try placeholders("| {{DATE}} | x |\n|---|---|\n| {{DAY}} | y |") == ["DATE", "DAY"])
        #expect(try placeholders("[t]({{DATE}}) ![alt {{DAY}}](x.png)") == ["DATE", "DAY"])
        #expect(try placeholders("<div title=\"{{DATE}}\">\n{{DAY}}\n</div>\n") == ["DATE", "DAY"])
        #expect(try placeholders("math $\\frac{{a}}{b}$ is not a placeholder") == [])
        let scan = try Fixture.scan("<p>{{DATE}}</p>\n\ntext {{DAY}}")
        #expect(scan.result.placeholders.map(\.inHTML) == [true, false])
    }

    @Test func escapedBraces() throws {
        let scan = try Fixture.scan("write \\{{DATE}} literally")
        #expect(scan.result.placeholders.isEmpty)
        #expect(scan.result.escapes.map(\.range) == [6..<9])
    }

    @Test func unclosedPlaceholderIsAnError() throws {
        let scan = try Fixture.scan("a {{DATE\n\nb")
        #expect(scan.result.diagnostics.map(\.message) == ["'{{' is not closed by '}}'"])
        #expect(scan.result.diagnostics.first?.range == 2..<4)
    }

    @Test func blockquoteMarkersLeaveMultiLineMath() throws {
        #expect(try math("> $$a\n> + b$$\n") == ["a\n+ b"])
    }
}
