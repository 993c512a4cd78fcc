import Calc
import Diagnostics
import Testing
@testable import DiaryKit

@Suite struct HTMLWriterTests {
    /// The TeX each formula's MathML was made from (its `annotation`), in order.
    private func annotations(_ html: String) -> [String] {
        html.components(separatedBy: "<annotation encoding=\"application/x-tex\">").dropFirst().map {
            String($0.prefix { $0 != "<" }).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        }
    }

    @Test func mathIsNeverMangled() throws {
        let html = try Fixture.bodyHTML("See $a^*$ and $b^*$, $x_{1}^{2} + {y}_{2}$ and ${z}_{3}$, $\\{x\\}\\,\\_$ and $\\mu_{\\text{current\\_batch}}$.")
        #expect(annotations(html) == ["a^*", "b^*", "x_{1}^{2} + {y}_{2}", "{z}_{3}", "\\{x\\}\\,\\_", "\\mu_{\\text{current\\_batch}}"])
        #expect(!html.contains("<em>"))
        #expect(html.contains("<msub><mi>μ</mi><mtext>current_batch</mtext></msub>"))
        #expect(html.hasPrefix("<p>See <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><msup><mi>a</mi><mo>∗</mo></msup>"))
    }

    @Test func displayMathAloneIsABlockAndInsideTextStaysInItsParagraph() throws {
        #expect(try Fixture.bodyHTML("$$a < b$$\n") == "<div class=\"math-display\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow><annotation encoding=\"application/x-tex\">a &lt; b</annotation></semantics></math></div>\n")
        // In a paragraph, display math is a block too: a span (a div cannot sit in a <p>).
        #expect(try Fixture.bodyHTML("text\n$$x$$\n") == "<p>text\n<span class=\"math-display\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x</annotation></semantics></math></span></p>\n")
    }

    @Test func multiLineDisplayWithDashLinesStaysOneFormula() throws {
        let html = try Fixture.bodyHTML("$$\n\\begin{aligned}\n- a &= b \\\\\n- c &= d\n\\end{aligned}\n$$\n")
        #expect(annotations(html) == ["\\begin{aligned}\n- a &= b \\\\\n- c &= d\n\\end{aligned}"])
        #expect(!html.contains("<ul>"))
        #expect(html.components(separatedBy: "<mtr>").count - 1 == 2)
    }

    @Test func mathFenceAndBacktickForm() throws {
        let fence = try Fixture.bodyHTML("```math\n\\frac{a}{b} \\\\ c\n```\n")
        #expect(fence.hasPrefix("<div class=\"math-display\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"))
        #expect(annotations(fence) == ["\\frac{a}{b} \\\\ c"])
        let quoted = try Fixture.bodyHTML("> ```math\n> x_1\n> ```\n")
        #expect(quoted.hasPrefix("<blockquote>\n<div class=\"math-display\">"))
        #expect(annotations(quoted) == ["x_1"])
        #expect(annotations(try Fixture.bodyHTML("a $`x*y*z`$ b")) == ["x*y*z"])
    }

    @Test func pipeInsideMathDoesNotSplitATableCell() throws {
        let html = try Fixture.bodyHTML("| a | b |\n|---|---|\n| $|x|$ | $\\|y\\|$ |\n")
        #expect(annotations(html) == ["|x|", "\\|y\\|"])
        #expect(html.components(separatedBy: "<td>").count - 1 == 2)
    }

    @Test func mathInAnAttributeIsItsEscapedSource() throws {
        let html = try Fixture.bodyHTML("![area $a<b$](p.png)")
        #expect(html == "<p><img src=\"p.png\" alt=\"area a&lt;b\" /></p>\n")
    }

    @Test func unknownTeXIsShownAsSourceWithALocatedWarning() throws {
        let renderer = try Fixture.renderer(.html)
        let rendered = try renderer.render(try Fixture.note("Known $x$ and\nunknown $\\frob{x} + 1$.\n\n$$\\begin{tikzpicture}\\end{tikzpicture}$$\n")).get()
        #expect(rendered.bodyText.contains("unknown <code class=\"math-error\">$\\frob{x} + 1$</code>."))
        #expect(rendered.bodyText.contains("<pre class=\"math-error\"><code>$$\\begin{tikzpicture}\\end{tikzpicture}$$</code></pre>"))
        #expect(FileDiagnostics(rendered.note.file, rendered.warnings).rendered() == """
        notes/test.md:2:10: warning: unknown TeX command '\\frob'; the formula is shown as TeX source
        unknown $\\frob{x} + 1$.
                 ^
        notes/test.md:4:3: warning: unknown environment 'tikzpicture'; the formula is shown as TeX source
        $$\\begin{tikzpicture}\\end{tikzpicture}$$
          ^

        """)
    }

    @Test func gfmExtensionsAreOn() throws {
        let html = try Fixture.bodyHTML("~~old~~ www.example.org\n\n- [x] done\n\n<script>x</script>\n\nNote[^1].\n\n[^1]: Foot.\n")
        #expect(html.contains("<del>old</del> <a href=\"http://www.example.org\">www.example.org</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(html.contains("&lt;script>x&lt;/script>"))
        #expect(html.contains("<section class=\"footnotes\""))
    }

    @Test func placeholderValuesAreEscapedText() throws {
        var config = Config()
        config.dateFormat = "'<b>*'yyyy"
        let html = try Fixture.bodyHTML("Today {{DATE_PRETTY}} in <span title=\"{{DATE_PRETTY}}\">x</span>", context: Fixture.context(config: config))
        #expect(html == "<p>Today &lt;b&gt;*2026 in <span title=\"&lt;b&gt;*2026\">x</span></p>\n")
    }

    @Test func escapedBracesAreLiteral() throws {
        #expect(try Fixture.bodyHTML("write \\{{DATE}} or {{DATE}}") == "<p>write {{DATE}} or 2026-11-26</p>\n")
        #expect(try Fixture.bodyHTML("<p>\\{{DATE}}</p>\n") == "<p>{{DATE}}</p>\n")
    }

    @Test func privateUseCharactersInTheNoteSurvive() throws {
        let text = "icon \u{100000}\u{10FFFD} and $x$"
        #expect(try Fixture.bodyHTML(text) == "<p>icon \u{100000}\u{10FFFD} and <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x</annotation></semantics></math></p>\n")
    }

    /// An inline value holding those characters (a calc string can) is shown as it is, and
    /// the formulas and cells after it stay in their places.
    @Test func privateUseCharactersInAnInlineValueSurvive() throws {
        let text = "```calc\ns = \"A\u{100000}B\u{100001}C\"\n```\n\nValue: {{ s }} and $y$ end, <b>{{ s }}</b>\n"
        let html = try Fixture.bodyHTML(text)
        #expect(html.contains("<p>Value: A\u{100000}B\u{100001}C and <math"))
        #expect(html.contains("<mi>y</mi>"))
        #expect(html.contains("<b>A\u{100000}B\u{100001}C</b>"))
    }

    @Test func theOriginalNoteRendersEveryFormulaWithoutAnError() throws {
        let renderer = try Fixture.renderer(.html)
        let rendered = try renderer.render(try Fixture.note(try Fixture.originalNote)).get()
        let html = rendered.bodyText
        #expect(rendered.warnings.isEmpty)
        #expect(!html.contains("math-error"))
        #expect(html.contains("<p>Today  <strong>Thursday, November 26, 2026</strong>.</p>"))
        #expect(html.contains("<p>It has been    <strong>465</strong> days since I started this diary.</p>"))
        #expect(annotations(html) == [
            "\\mu", "\\sigma^2",
            "\\mu = \\frac{1}{m} \\sum z^{(i)}, \\quad \\sigma^2 = \\frac{1}{m} \\sum (z^{(i)} - \\mu)^2",
            "\\frac{z - \\mu}{0}", "l", "\\mu_{\\text{running}}", "\\sigma^2_{\\text{running}}",
            "\\mu_{\\text{avg}} = \\beta \\mu_{\\text{avg}} + (1-\\beta) \\mu_{\\text{current\\_batch}}",
            "\\mu_{\\text{avg}}, \\sigma^2_{\\text{avg}}",
            "z_{\\text{norm}} = \\frac{z_{\\text{test}} - \\mu_{\\text{avg}}}{\\sqrt{\\sigma^2_{\\text{avg}} + \\epsilon}}",
            "\\tilde{z}_{\\text{test}} = \\gamma z_{\\text{norm}} + \\beta", "\\gamma", "\\beta",
        ])
        #expect(html.contains("<em>(Note: <math"))
        #expect(!html.contains("$"))
    }
}

/// Shapes that used to take quadratic time: what they produce is still right (their
/// speed is measured by `make bench`, not here).
@Suite struct AdversarialShapeTests {
    @Test func deeplyNestedEmphasisHasItsPlainText() throws {
        let depth = 3_000
        let text = String(repeating: "*a ", count: depth) + "x" + String(repeating: " b*", count: depth) + "\n"
        let rendered = try Fixture.renderer(.html).render(try Fixture.note(text)).get()
        #expect(rendered.summary == String(repeating: "a ", count: depth) + "x" + String(repeating: " b", count: depth))
        #expect(rendered.bodyText.components(separatedBy: "<em>").count - 1 == depth)
    }

    @Test func manyFormulasInOneParagraph() throws {
        let count = 5_000
        let text = "Text " + (0..<count).map { "$x_{\($0)}$" }.joined(separator: " ") + "\n"
        let rendered = try Fixture.renderer(.html).render(try Fixture.note(text)).get()
        #expect(rendered.bodyText.components(separatedBy: "<math ").count - 1 == count)
        #expect(rendered.summary.hasPrefix("Text x_{0} x_{1} x_{2}"))
        #expect(rendered.summary.hasSuffix("x_{\(count - 1)}"))
    }

    /// Titles are plain text as cmark-gfm writes it; summaries read as text, without
    /// footnote marks, strikethrough tildes or images.
    @Test func plainTextOfTitlesAndSummaries() throws {
        let rendered = try Fixture.renderer(.html).render(try Fixture.note("# A *b* `c` ~~d~~\n\nOne ~~two~~\nthree[^1] <span>x</span> ![alt *y*](i.png)\n\n[^1]: n\n")).get()
        #expect(rendered.title == "A b c ~d~")
        #expect(rendered.summary == "One two\nthree x")
    }
}
