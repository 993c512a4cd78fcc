import Testing
@testable import DiaryKit

@Suite struct HTMLWriterTests {
    @Test func mathIsNeverMangled() throws {
        let html = try Fixture.bodyHTML("See $a^*$ and $b^*$, $x_{1}^{2} + {y}_{2}$ and ${z}_{3}$, $\\{x\\}\\,\\_$ and $\\mu_{\\text{current\\_batch}}$.")
        #expect(html == """
        <p>See <span class="math inline">a^*</span> and <span class="math inline">b^*</span>, \
        <span class="math inline">x_{1}^{2} + {y}_{2}</span> and <span class="math inline">{z}_{3}</span>, \
        <span class="math inline">\\{x\\}\\,\\_</span> and <span class="math inline">\\mu_{\\text{current\\_batch}}</span>.</p>

        """)
    }

    @Test func displayMathAloneIsABlockAndInsideTextAnInlineSpan() throws {
        #expect(try Fixture.bodyHTML("$$a < b$$\n") == "<div class=\"math display\">a &lt; b</div>\n")
        #expect(try Fixture.bodyHTML("text\n$$x$$\n") == "<p>text\n<span class=\"math display\">x</span></p>\n")
    }

    @Test func multiLineDisplayWithDashLinesStaysOneFormula() throws {
        let html = try Fixture.bodyHTML("$$\n\\begin{aligned}\n- a &= b \\\\\n- c &= d\n\\end{aligned}\n$$\n")
        #expect(html == "<div class=\"math display\">\\begin{aligned}\n- a &amp;= b \\\\\n- c &amp;= d\n\\end{aligned}</div>\n")
    }

    @Test func mathFenceAndBacktickForm() throws {
        #expect(try Fixture.bodyHTML("```math\n\\frac{a}{b} \\\\ c\n```\n") == "<div class=\"math display\">\\frac{a}{b} \\\\ c</div>\n")
        #expect(try Fixture.bodyHTML("> ```math\n> x_1\n> ```\n") == "<blockquote>\n<div class=\"math display\">x_1</div>\n</blockquote>\n")
        #expect(try Fixture.bodyHTML("a $`x*y*z`$ b") == "<p>a <span class=\"math inline\">x*y*z</span> b</p>\n")
    }

    @Test func pipeInsideMathDoesNotSplitATableCell() throws {
        let html = try Fixture.bodyHTML("| a | b |\n|---|---|\n| $|x|$ | $\\|y\\|$ |\n")
        #expect(html.contains("<td><span class=\"math inline\">|x|</span></td>\n<td><span class=\"math inline\">\\|y\\|</span></td>"))
    }

    @Test func mathInAnAttributeIsItsEscapedSource() throws {
        let html = try Fixture.bodyHTML("![area $a<b$](p.png)")
        #expect(html == "<p><img src=\"p.png\" alt=\"area a&lt;b\" /></p>\n")
    }

    @Test func linksToNotesPointAtTheirPages() throws {
        #expect(try Fixture.bodyHTML("[a](other.md) [b](../2026/x.md#part) [c](https://x.org/y.md) [d](/abs.md) [e](pic.png)") ==
            "<p><a href=\"other.html\">a</a> <a href=\"../2026/x.html#part\">b</a> <a href=\"https://x.org/y.md\">c</a> <a href=\"/abs.md\">d</a> <a href=\"pic.png\">e</a></p>\n")
    }

    @Test func currencyStaysText() throws {
        #expect(try Fixture.bodyHTML("it cost $5 and $10") == "<p>it cost $5 and $10</p>\n")
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
        #expect(try Fixture.bodyHTML(text) == "<p>icon \u{100000}\u{10FFFD} and <span class=\"math inline\">x</span></p>\n")
    }

    @Test func theOriginalNoteRendersEveryFormulaIntact() throws {
        let html = try Fixture.bodyHTML(try Fixture.originalNote)
        #expect(html.contains("<p>Today  <strong>Thursday, November 26, 2026</strong>.</p>"))
        #expect(html.contains("<p>It has been    <strong>465</strong> days since I started this diary.</p>"))
        #expect(html.contains("<span class=\"math display\">\\mu_{\\text{avg}} = \\beta \\mu_{\\text{avg}} + (1-\\beta) \\mu_{\\text{current\\_batch}}</span>"))
        #expect(html.contains("<em>(Note: <span class=\"math inline\">\\gamma</span> and <span class=\"math inline\">\\beta</span> are the standard learned parameters)</em>"))
        #expect(html.contains("<li><span class=\"math inline\">\\sigma^2_{\\text{running}}</span></li>"))
        #expect(!html.contains("$"))
    }
}
