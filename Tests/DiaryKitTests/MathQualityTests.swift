import Diagnostics
import FuzzSupport
import Testing
@testable import DiaryKit

/// Spacing as TeX sets it, numbering and references, macros and the commands added for
/// the formulas others write (issue 13 of wave 2), at the markup level; the geometry is
/// checked in Chromium by `make browser-check`.
@Suite struct MathQualityTests {
    private func ml(_ tex: String, display: Bool = false) throws -> String {
        let full = try TeXParser.mathML(tex, display: display)
        let start = try #require(full.range(of: "<semantics>")).upperBound
        let end = try #require(full.range(of: "<annotation", options: .backwards)).lowerBound
        return String(full[start..<end])
    }

    private func fails(_ tex: String) -> Bool {
        (try? TeXParser.mathML(tex, display: true)) == nil
    }

    // 1. A thin space before a function name after an ordinary atom or a closing bracket.
    @Test func thinSpaceBeforeFunctionNames() throws {
        #expect(try ml("p(x)\\log p(x)").contains("<mo stretchy=\"false\">)</mo><mspace width=\"0.1667em\"/><mi>log</mi>"))
        #expect(try ml("\\gamma\\max_{a'} Q").contains("<mi>γ</mi><mspace width=\"0.1667em\"/><msub><mi>max</mi>"))
        #expect(try ml("2\\sin\\theta").contains("<mn>2</mn><mspace width=\"0.1667em\"/><mi>sin</mi>"))
        // Not at the start, nor after an operator or an opening bracket.
        #expect(try ml("\\sin x").hasPrefix("<mrow><mi>sin</mi><mo>\u{2061}</mo>"))
        #expect(try ml("a + \\log b").contains("<mo>+</mo><mi>log</mi>"))
    }

    // 2. Bars are ordinary: no relation spacing.
    @Test func barsAreOrdinary() throws {
        let bars = try ml("f(x) = |x| + 1")
        #expect(bars.contains("<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo>"))
    }

    // 3. A column vector has the same padding on both sides.
    @Test func columnVectorsAreSymmetric() throws {
        #expect(try ml("\\begin{bmatrix} a \\\\ b \\end{bmatrix}").contains("<mtd style=\"padding-left:0em;padding-right:0em\"><mi>a</mi></mtd>"))
    }

    // 4. Brace labels sit centred under and over the brace.
    @Test func braceLabelsAreLimits() throws {
        #expect(try ml("\\underbrace{a+b}_{n}").hasPrefix("<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mi>n</mi></munder>"))
        #expect(try ml("\\overbrace{a+b}^{n}").hasPrefix("<mover><mover>"))
    }

    // 5. A relation with something set over it keeps relation spacing.
    @Test func stackedRelationsKeepTheirSpacing() throws {
        #expect(try ml("a \\overset{\\text{def}}{=} b") == "<mrow><mi>a</mi><mspace width=\"0.2778em\"/><mover><mo lspace=\"0em\" rspace=\"0em\">=</mo><mtext>def</mtext></mover><mspace width=\"0.2778em\"/><mi>b</mi></mrow>")
        #expect(try ml("a \\stackrel{?}{=} b").contains("<mspace width=\"0.2778em\"/><mover><mo lspace=\"0em\" rspace=\"0em\">=</mo>"))
        #expect(try ml("a \\underset{x}{=} b").contains("<mspace width=\"0.2778em\"/><munder><mo lspace=\"0em\" rspace=\"0em\">=</mo>"))
    }

    // 7. Negative spaces are negative margins.
    @Test func negativeSpaces() throws {
        #expect(try ml("\\exp\\!\\left(x\\right)").contains("<mspace style=\"margin-left:-0.1667em\"/>"))
        #expect(try ml("a\\kern-2mu b").contains("margin-left:-0.1111em"))
        #expect(try ml("a\\kern1em b").contains("<mspace width=\"1em\"/>"))
    }

    // 8. amsmath's dots, ordinary slashes, binaries that TeX reads as ordinary, styles, Greek.
    @Test func texRules() throws {
        #expect(try ml("x_1+\\dots+x_n").contains("<mo lspace=\"0em\" rspace=\"0em\">⋯</mo>"))
        #expect(try ml("1, \\dots, n").contains("<mo lspace=\"0em\" rspace=\"0em\">…</mo>"))
        #expect(try ml("a/b").contains("<mo lspace=\"0em\" rspace=\"0em\">/</mo>"))
        // =\!= : two relations, no space between; 3\times) and 1+, : no binary spacing.
        #expect(try ml("a =\\!= b").contains("<mo rspace=\"0em\">=</mo><mspace style=\"margin-left:-0.1667em\"/><mo lspace=\"0em\">=</mo>"))
        #expect(try ml("(3\\times)").contains("<mo lspace=\"0em\" rspace=\"0em\">×</mo>"))
        #expect(try ml("(1+,2)").contains("<mo lspace=\"0em\" rspace=\"0em\">+</mo><mo>,</mo>"))
        #expect(try ml("{\\scriptstyle x}").contains("<mstyle displaystyle=\"false\" scriptlevel=\"1\">"))
        #expect(try ml("{\\scriptscriptstyle x}").contains("scriptlevel=\"2\""))
        #expect(try ml("Γ") == "<mi mathvariant=\"normal\">Γ</mi>")
    }

    // 6. Numbers and references.
    @Test func equationNumbersAreMarkers() throws {
        let tagged = try TeXParser.mathML("E = mc^2 \\tag{1.2}", display: true)
        #expect(tagged.contains("<mtable displaystyle=\"true\" class=\"eqn\" style=\"width:100%\">"))
        #expect(tagged.contains(MathMarker.number(label: nil, tag: "1.2", parenthesized: true).markup))
        let align = try TeXParser.mathML("\\begin{align} a &= b \\label{first} \\\\ c &= d \\notag \\\\ e &= f \\end{align}", display: true)
        #expect(align.components(separatedBy: "<!--diary:n:").count - 1 == 2)
        #expect(align.contains(MathMarker.number(label: "first", tag: nil, parenthesized: true).markup))
        let starred = try TeXParser.mathML("\\begin{align*} a &= b \\\\ c &= d \\tag*{A} \\end{align*}", display: true)
        #expect(starred.components(separatedBy: "<!--diary:n:").count - 1 == 1)
        #expect(try TeXParser.mathML("\\eqref{first}", display: false).contains(MathMarker.reference(label: "first", parenthesized: true).markup))
        #expect(fails("\\begin{align} a \\end{align}") == false)
        #expect((try? TeXParser.mathML("\\begin{align} a \\end{align}", display: false)) == nil)
    }

    @Test func numberingAcrossANote() throws {
        let note = """
        See $\\eqref{loss}$ and $\\ref{gain}$ below, and $\\eqref{los}$.

        $$\\begin{equation} L = -\\log p \\label{loss} \\end{equation}$$

        $$\\begin{align} a &= b \\\\ g &= h \\label{gain} \\end{align}$$

        $$x \\tag{*}$$
        """
        let rendered = try Fixture.renderer(.html).render(try Fixture.note(note)).get()
        let html = rendered.bodyText
        #expect(html.contains("<a href=\"#eq-loss\">(1)</a>"))
        #expect(html.contains("<a href=\"#eq-gain\">3</a>"))
        #expect(html.contains("<mtext id=\"eq-loss\">(1)</mtext>"))
        #expect(html.contains("<mtext>(2)</mtext>"))
        #expect(html.contains("<mtext id=\"eq-gain\">(3)</mtext>"))
        #expect(html.contains("<mtext>(*)</mtext>"))
        #expect(html.contains("<span class=\"math-error\">(??)</span>"))
        #expect(!html.contains("<!--diary"))
        let warning = try #require(rendered.warnings.first { if case .unknownLabel = $0.kind { true } else { false } })
        #expect(warning.message == "no equation has the label 'los'; did you mean 'loss'?")
    }

    @Test func macros() throws {
        #expect(try ml("\\newcommand{\\R}{\\mathbb{R}} x \\in \\R^n").contains("<mi>ℝ</mi>"))
        #expect(try ml("\\newcommand{\\KL}[2]{D(#1 \\| #2)} \\KL{p}{q}").contains("<mi>p</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mi>q</mi>"))
        #expect(try ml("\\newcommand{\\E}[1][x]{E_{#1}} \\E \\E[y]").contains("<msub><mi>E</mi><mi>x</mi></msub><msub><mi>E</mi><mi>y</mi></msub>"))
        #expect(try ml("\\def\\f#1#2{#1+#2} \\f ab").contains("<mi>a</mi><mo>+</mo><mi>b</mi>"))
        #expect(try ml("\\DeclareMathOperator*{\\argmax}{arg\\,max} \\argmax_x f", display: true).contains("<munder><mrow><mi>arg</mi><mspace width=\"0.1667em\"/><mi>max</mi></mrow><mi>x</mi></munder>"))
        // A macro that uses itself is an error, never a hang.
        let recursion = #expect(throws: TeXError.self) { try TeXParser.mathML("\\def\\a{\\a\\a} \\a", display: false) }
        #expect(recursion?.message.contains("macro expansion does not end") == true)
        let growth = #expect(throws: TeXError.self) { try TeXParser.mathML("\\def\\a{xxxxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c\\c\\c}\\d\\d\\d\\d\\d\\d", display: false) }
        #expect(growth != nil)
        // A long argument used many times is refused before its expansion is built, and a
        // macro that defines a long one again and again stops at the work limit.
        let many = "\\def\\a#1{" + String(repeating: "#1", count: 10_000) + "}\\a{" + String(repeating: "x", count: 10_000) + "}"
        let wide = #expect(throws: TeXError.self) { try TeXParser.mathML(many, display: false) }
        #expect(wide?.message.contains("too long (more than 200000 tokens)") == true)
        let again = "\\def\\a{\\def\\b{" + String(repeating: "x", count: 50_000) + "}\\a}\\a"
        let work = #expect(throws: TeXError.self) { try TeXParser.mathML(again, display: false) }
        #expect(work?.message.contains("does too much work") == true)
        // Many definitions cost each its own length, not all before it again.
        var definitions = ""
        for index in 0..<8_000 {
            var (number, name) = (index, "")
            repeat {
                name.append(Character(UnicodeScalar(UInt8(97 + number % 26))))
                number /= 26
            } while number > 0
            definitions += "\\def\\q\(name){x}"
        }
        #expect(try TeXParser.mathML(definitions + "\\qa", display: false).contains("<mi>x</mi>"))
    }

    /// Label ids read as the label; other characters are spelled out, so ids never collide.
    @Test func labelAnchors() {
        #expect(MathNumbering.anchor("eq:loss") == "eq-eq:loss")
        #expect(MathNumbering.anchor("a b.c") == "eq-a.20b.2Ec")
        #expect(MathNumbering.anchor("a.20b") != MathNumbering.anchor("a b"))
    }

    /// The macros in force are a cache key of fixed size: the same formula after other
    /// macros converts again, after the same ones is found.
    @Test func theCacheTellsMacroSetsApart() throws {
        let cache = MathCache()
        var one = TeXMacros.builtIn
        one.define("v", try TeXMacros.macro(body: "a", parameters: 0))
        var two = TeXMacros.builtIn
        two.define("v", try TeXMacros.macro(body: "b", parameters: 0))
        #expect(try cache.convert("\\v", display: false, macros: one).markup.contains("<mi>a</mi>"))
        #expect(try cache.convert("\\v", display: false, macros: two).markup.contains("<mi>b</mi>"))
        two.define("v", try TeXMacros.macro(body: "a", parameters: 0))
        #expect(two.signature == one.signature)
        #expect(cache.count == 2)
        #expect(try cache.convert("\\v", display: false, macros: two).markup.contains("<mi>a</mi>"))
        #expect(cache.count == 2)
    }

    @Test func macrosCarryThroughANoteAndComeFromConfigAndFrontMatter() throws {
        var config = Config()
        config.macros = [MacroDefinition(name: "R", body: "\\mathbb{R}", parameters: nil, offset: 0)]
        let note = "---\nmacros:\n  \\N: \"\\\\mathbb{N}\"\n---\n$\\newcommand{\\Z}{\\mathbb{Z}}$ then $\\Z \\R \\N$\n"
        let html = try Fixture.renderer(.html, config: config).render(try Fixture.note(note)).get().bodyText
        #expect(html.contains("<mi>ℤ</mi><mi>ℝ</mi><mi>ℕ</mi>"))
    }

    @Test func commandsFromOtherSources() throws {
        for tex in ["\\xrightarrow[below]{above}", "\\cancel{x} + \\bcancel{y} + \\xcancel{z}", "a \\bmod b \\pmod{n}",
                    "\\sum_{\\substack{i<n \\\\ j<m}} x", "\\mathrel{R} \\mathbin{\\#}", "\\begin{rcases} a \\\\ b \\end{rcases}",
                    "{\\rm d}x", "\\begin{alignedat}{2} a &= b & c &= d \\end{alignedat}", "\\Alpha \\varGamma", "{a \\over b} {n \\choose k}",
                    "\\genfrac(){0pt}{0}{a}{b}", "\\rule{1em}{2em} \\raisebox{0.5em}{x} \\smash{y} \\vphantom{x} \\mathstrut",
                    "\\text{a \\textbf{b} $c$ \\'e ---}", "\\color{red} x \\textcolor{blue}{y} \\colorbox{yellow}{z} \\fbox{w}",
                    "\\Huge x \\tiny y", "\\begin{matrix*}[r] 1 & -1 \\end{matrix*}", "\\begin{array}{|c:c|} a & b \\\\ \\hline c & d \\end{array}",
                    "\\therefore \\because \\nleq \\preccurlyeq \\Box \\Longleftrightarrow \\twoheadrightarrow", "\\not> \\not\\geq",
                    "\\widehat{xy} \\utilde{x} \\underleftarrow{x} \\overleftrightarrow{AB} \\wideparen{AB}", "\\mathbbm{1}",
                    "\\begin{multline} a \\\\ b \\end{multline}", "\\begin{eqnarray} a &=& b \\end{eqnarray}", "\\begin{gather} a \\end{gather}",
                    "\\begin{CD}A @>>> B\\end{CD}"] where !tex.contains("CD") {
            #expect(!fails(tex), "\(tex)")
        }
        #expect(fails("\\begin{CD}A @>>> B\\end{CD}"))
    }

    /// Every `<math>` is well-formed XML, whatever the TeX (control characters included).
    @Test func everyFormulaIsWellFormedXML() throws {
        let formulas = ["a\u{1}b", "\\text{\u{0}\u{8}x}", "x < y & z", "\\text{<script>}", "\\operatorname{a\"b}", "\\label{<'&>} x",
                        "\\verb|<&>|", "\\tag{<b>} x", "\\color{red}{x}"]
        for tex in formulas {
            for display in [false, true] {
                guard let markup = try? TeXParser.mathML(tex, display: display) else { continue }
                #expect(XMLWellFormedness.problem(in: markup) == nil, "\(tex): \(markup)")
            }
        }
    }
}
