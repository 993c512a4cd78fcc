import Testing
@testable import DiaryKit

/// TeX → MathML Core, construct by construct, at the markup level.
@Suite struct MathMLTests {
    /// The formula's MathML without the `math`, `semantics` and `annotation` wrapping.
    private func ml(_ tex: String, display: Bool = false) throws -> String {
        let full = try TeXParser.mathML(tex, display: display)
        let start = try #require(full.range(of: "<semantics>")).upperBound
        let end = try #require(full.range(of: "<annotation", options: .backwards)).lowerBound
        return String(full[start..<end])
    }

    private func error(_ tex: String) -> TeXError? {
        do {
            _ = try TeXParser.mathML(tex, display: false)
            return nil
        } catch {
            return error
        }
    }

    @Test func wrapping() throws {
        #expect(try TeXParser.mathML("x<y", display: true) == """
        <math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>x</mi><mo>&lt;</mo><mi>y</mi></mrow>\
        <annotation encoding="application/x-tex">x&lt;y</annotation></semantics></math>
        """)
        #expect(try TeXParser.mathML("x", display: false).hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mi>x</mi>"))
    }

    @Test func fractionsAndRoots() throws {
        #expect(try ml("\\frac{a}{b}") == "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
        #expect(try ml("\\frac12") == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(try ml("\\dfrac{a}{b}") == "<mstyle displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>")
        #expect(try ml("\\tfrac{a}{b}") == "<mstyle displaystyle=\"false\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>")
        #expect(try ml("\\sqrt{x}") == "<msqrt><mi>x</mi></msqrt>")
        #expect(try ml("\\sqrt[3]{x}") == "<mroot><mi>x</mi><mn>3</mn></mroot>")
        #expect(try ml("\\binom{n}{k}").contains("<mfrac linethickness=\"0px\"><mi>n</mi><mi>k</mi></mfrac>"))
    }

    @Test func scriptsAndPrimes() throws {
        #expect(try ml("x_{i}^{2}") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(try ml("x^2_i") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(try ml("x^23") == "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>")
        // Primes follow their base (as a superscript Chromium draws them as tiny accents).
        #expect(try ml("f'") == "<mrow><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">′</mo></mrow>")
        #expect(try ml("f''(x)").hasPrefix("<mrow><mrow><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">″</mo></mrow><mo stretchy=\"false\">(</mo>"))
        #expect(try ml("x'_i") == "<mrow><msub><mi>x</mi><mi>i</mi></msub><mo lspace=\"0em\" rspace=\"0em\">′</mo></mrow>")
        #expect(try ml("f'^2") == "<msup><mi>f</mi><mrow><mo lspace=\"0em\" rspace=\"0em\">′</mo><mn>2</mn></mrow></msup>")
        #expect(try ml("a^{(i)}") == "<msup><mi>a</mi><mrow><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">(</mo><mi>i</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">)</mo></mrow></msup>")
        #expect(try ml("a^{[l]}") == "<msup><mi>a</mi><mrow><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">[</mo><mi>l</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">]</mo></mrow></msup>")
        // No relation spacing inside <t>: operators at the ends of a row get none.
        #expect(try ml("a^{<t>}") == "<msup><mi>a</mi><mrow><mo lspace=\"0em\" rspace=\"0em\">&lt;</mo><mi>t</mi><mo lspace=\"0em\" rspace=\"0em\">&gt;</mo></mrow></msup>")
        #expect(try ml("W^\\top") == "<msup><mi>W</mi><mi>⊤</mi></msup>")
    }

    @Test func bigOperatorsAndLimits() throws {
        #expect(try ml("\\sum_{i=1}^m x", display: true) == "<mrow><munderover><mo movablelimits=\"false\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover><mi>x</mi></mrow>")
        #expect(try ml("\\sum_{i=1}^m x") == "<mrow><msubsup><mo movablelimits=\"false\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></msubsup><mi>x</mi></mrow>")
        #expect(try ml("\\prod_t", display: true) == "<munder><mo movablelimits=\"false\">∏</mo><mi>t</mi></munder>")
        #expect(try ml("\\int_0^1", display: true) == "<msubsup><mo movablelimits=\"false\">∫</mo><mn>0</mn><mn>1</mn></msubsup>")
        #expect(try ml("\\lim_{n\\to\\infty} a_n", display: true) == "<mrow><munder><mi>lim</mi><mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow></munder><mo>\u{2061}</mo><mspace width=\"0.1667em\"/><msub><mi>a</mi><mi>n</mi></msub></mrow>")
        #expect(try ml("\\lim_{n} a").hasPrefix("<mrow><msub><mi>lim</mi><mi>n</mi></msub>"))
        #expect(try ml("\\max_i x", display: true).hasPrefix("<mrow><munder><mi>max</mi><mi>i</mi></munder>"))
        #expect(try ml("\\min_i x", display: true).hasPrefix("<mrow><munder><mi>min</mi><mi>i</mi></munder>"))
        #expect(try ml("\\arg\\max_\\theta L", display: true).hasPrefix("<mrow><mi>arg</mi><mo>\u{2061}</mo><mspace width=\"0.1667em\"/><munder><mi>max</mi><mi>θ</mi></munder>"))
        #expect(try ml("\\operatorname{Var}(x)") == "<mrow><mi>Var</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">)</mo></mrow>")
        #expect(try ml("\\operatorname*{argmax}_x f", display: true).hasPrefix("<mrow><munder><mi>argmax</mi><mi>x</mi></munder>"))
        #expect(try ml("\\sum\\limits_i x").hasPrefix("<mrow><munder><mo movablelimits=\"false\">∑</mo>"))
    }

    @Test func everyGreekLetter() throws {
        for (name, letter) in TeXSymbols.greek {
            #expect(try ml("\\" + name) == "<mi>\(letter)</mi>")
        }
        for (name, letter) in TeXSymbols.upperGreek {
            #expect(try ml("\\" + name) == "<mi mathvariant=\"normal\">\(letter)</mi>")
        }
        #expect(try ml("\\epsilon\\varepsilon\\phi\\varphi\\theta\\vartheta") == "<mrow><mi>ϵ</mi><mi>ε</mi><mi>ϕ</mi><mi>φ</mi><mi>θ</mi><mi>ϑ</mi></mrow>")
    }

    @Test func fontsAreUnicodeLetters() throws {
        #expect(try ml("\\text{if } x") == "<mrow><mtext>if\u{00A0}</mtext><mi>x</mi></mrow>")
        #expect(try ml("\\mathrm{softmax}") == "<mi>softmax</mi>")
        #expect(try ml("\\mathrm{d}x") == "<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>")
        #expect(try ml("\\mathbf{x}") == "<mi>𝐱</mi>")
        #expect(try ml("\\mathbf{W1}") == "<mrow><mi>𝐖</mi><mn>𝟏</mn></mrow>")
        #expect(try ml("\\mathbb{R}^n") == "<msup><mi>ℝ</mi><mi>n</mi></msup>")
        #expect(try ml("\\mathbb{E}") == "<mi>𝔼</mi>")
        #expect(try ml("\\mathcal{L}") == "<mi>ℒ</mi>")
        #expect(try ml("\\mathcal{N}") == "<mi>𝒩</mi>")
        #expect(try ml("\\boldsymbol{\\theta}") == "<mi>𝜽</mi>")
        #expect(try ml("\\boldsymbol{x}") == "<mi>𝒙</mi>")
        #expect(try ml("\\mathit{loss}") == "<mi>𝑙𝑜𝑠𝑠</mi>")
        #expect(!(try ml("\\mathbf{x}").contains("mathvariant")))
    }

    @Test func accents() throws {
        #expect(try ml("\\hat{y}") == "<mover><mi>y</mi><mo stretchy=\"false\">^</mo></mover>")
        #expect(try ml("\\widehat{xy}") == "<mover><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy=\"true\">\u{0302}</mo></mover>")
        #expect(try ml("\\tilde{z}") == "<mover><mi>z</mi><mo stretchy=\"false\">~</mo></mover>")
        #expect(try ml("\\widetilde{z}") == "<mover><mi>z</mi><mo stretchy=\"true\">~</mo></mover>")
        #expect(try ml("\\bar{x}") == "<mover><mi>x</mi><mo stretchy=\"false\">‾</mo></mover>")
        #expect(try ml("\\vec{v}") == "<mover><mi>v</mi><mo stretchy=\"false\">→</mo></mover>")
        #expect(try ml("\\dot{x}") == "<mover><mi>x</mi><mo stretchy=\"false\">˙</mo></mover>")
        #expect(try ml("\\ddot{x}") == "<mover><mi>x</mi><mo stretchy=\"false\">¨</mo></mover>")
        #expect(try ml("\\overline{AB}") == "<mover><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy=\"true\">\u{0332}</mo></mover>")
        #expect(try ml("\\underline{x}") == "<munder><mi>x</mi><mo stretchy=\"true\">\u{0332}</mo></munder>")
    }

    @Test func delimiters() throws {
        #expect(try ml("\\left( x \\right)") == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">(</mo><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">)</mo></mrow>")
        #expect(try ml("\\left\\{ x \\right.").contains("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">{</mo><mi>x</mi></mrow>"))
        #expect(try ml("\\left\\langle a \\middle| b \\right\\rangle").contains("<mo fence=\"true\" stretchy=\"true\" lspace=\"0.1667em\" rspace=\"0.1667em\">|</mo>"))
        #expect(try ml("\\big(") == "<mo stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\" lspace=\"0em\" rspace=\"0em\">(</mo>")
        #expect(try ml("\\Big[").contains("minsize=\"1.623em\""))
        #expect(try ml("\\bigg\\|").contains("minsize=\"2.047em\" maxsize=\"2.047em\""))
        #expect(try ml("\\{ \\} \\| \\lVert \\rVert \\langle \\rangle") == "<mrow><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">{</mo><mo stretchy=\"false\">}</mo><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">‖</mo><mo stretchy=\"false\">‖</mo><mo stretchy=\"false\">‖</mo><mo stretchy=\"false\">⟨</mo><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">⟩</mo></mrow>")
    }

    @Test func operatorsAndRelations() throws {
        let symbols: [(String, String)] = [
            ("cdot", "⋅"), ("times", "×"), ("odot", "⊙"), ("otimes", "⊗"), ("circ", "∘"), ("pm", "±"), ("mp", "∓"),
            ("le", "≤"), ("ge", "≥"), ("ne", "≠"), ("approx", "≈"), ("sim", "∼"), ("propto", "∝"), ("equiv", "≡"),
            ("in", "∈"), ("notin", "∉"), ("subset", "⊂"), ("subseteq", "⊆"), ("to", "→"), ("rightarrow", "→"),
            ("leftarrow", "←"), ("Rightarrow", "⇒"), ("iff", "⟺"), ("mapsto", "↦"),
        ]
        for (name, symbol) in symbols {
            #expect(try ml("a \\\(name) b") == "<mrow><mi>a</mi><mo>\(symbol)</mo><mi>b</mi></mrow>", "\\\(name)")
        }
        #expect(try ml("\\infty + \\partial + \\nabla") == "<mrow><mi>∞</mi><mo>+</mo><mi>∂</mi><mo>+</mo><mi mathvariant=\"normal\">∇</mi></mrow>")
        #expect(try ml("\\forall x \\exists y") == "<mrow><mi>∀</mi><mi>x</mi><mi>∃</mi><mi>y</mi></mrow>")
        // Dots are ordinary: no operator spacing of their own.
        #expect(try ml("1, \\ldots, n \\cdots \\vdots \\ddots") == "<mrow><mn>1</mn><mo>,</mo><mo lspace=\"0em\" rspace=\"0em\">…</mo><mo>,</mo><mi>n</mi><mo lspace=\"0em\" rspace=\"0em\">⋯</mo><mo lspace=\"0em\" rspace=\"0em\">⋮</mo><mo lspace=\"0em\" rspace=\"0em\">⋱</mo></mrow>")
        // := : the first relation loses its right space, the second its left.
        #expect(try ml("W := W") == "<mrow><mi>W</mi><mo lspace=\"0.2778em\" rspace=\"0em\">:</mo><mo lspace=\"0em\">=</mo><mi>W</mi></mrow>")
        // A minus after a relation or at the start is unary: no space.
        #expect(try ml("a = -b") == "<mrow><mi>a</mi><mo>=</mo><mo lspace=\"0em\" rspace=\"0em\">−</mo><mi>b</mi></mrow>")
        #expect(try ml("a - b") == "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>")
        #expect(try ml("a \\not= b") == "<mrow><mi>a</mi><mo>≠</mo><mi>b</mi></mrow>")
    }

    @Test func spacing() throws {
        #expect(try ml("a\\,b\\:c\\;d\\quad e\\qquad f\\!g") == "<mrow><mi>a</mi><mspace width=\"0.1667em\"/><mi>b</mi><mspace width=\"0.2222em\"/><mi>c</mi><mspace width=\"0.2778em\"/><mi>d</mi><mspace width=\"1em\"/><mi>e</mi><mspace width=\"2em\"/><mi>f</mi><mspace style=\"margin-left:-0.1667em\"/><mi>g</mi></mrow>")
    }

    @Test func functionNames() throws {
        for name in ["log", "exp", "ln", "sin", "cos", "tanh"] {
            #expect(try ml("\\\(name) x") == "<mrow><mi>\(name)</mi><mo>\u{2061}</mo><mspace width=\"0.1667em\"/><mi>x</mi></mrow>")
        }
        // No thin space before a parenthesis.
        #expect(try ml("\\log(x)") == "<mrow><mi>log</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">)</mo></mrow>")
        #expect(try ml("\\log\\left(x\\right)").hasPrefix("<mrow><mi>log</mi><mo>\u{2061}</mo><mrow><mo fence"))
        #expect(try ml("\\log \\hat{y}").contains("<mspace width=\"0.1667em\"/><mover>"))
    }

    @Test func environments() throws {
        #expect(try ml("\\begin{matrix} a & b \\\\ c & d \\end{matrix}") == "<mtable><mtr><mtd style=\"padding-left:0em\"><mi>a</mi></mtd><mtd style=\"padding-right:0em\"><mi>b</mi></mtd></mtr><mtr><mtd style=\"padding-left:0em\"><mi>c</mi></mtd><mtd style=\"padding-right:0em\"><mi>d</mi></mtd></mtr></mtable>")
        #expect(try ml("\\begin{pmatrix} 1 \\end{pmatrix}") == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">(</mo><mtable><mtr><mtd style=\"padding-left:0em;padding-right:0em\"><mn>1</mn></mtd></mtr></mtable><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">)</mo></mrow>")
        #expect(try ml("\\begin{bmatrix} 1 \\end{bmatrix}").contains(">[</mo>"))
        #expect(try ml("\\begin{vmatrix} 1 \\end{vmatrix}").contains(">|</mo>"))
        let cases = try ml("f(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
        #expect(cases.contains("<mo>=</mo><mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" lspace=\"0em\" rspace=\"0em\">{</mo><mtable>"))
        #expect(cases.contains("<mtd style=\"text-align:-webkit-left;padding-left:0em;padding-right:0em\"><mi>x</mi></mtd><mtd style=\"text-align:-webkit-left;padding-left:1em;padding-right:0em\">"))
        #expect(cases.contains("<mtext>otherwise</mtext>"))
        let aligned = try ml("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", display: true)
        #expect(aligned == "<mtable displaystyle=\"true\"><mtr><mtd style=\"text-align:-webkit-right;padding-left:0em;padding-right:0em\"><mi>a</mi></mtd><mtd style=\"text-align:-webkit-left;padding-left:0em;padding-right:0em\"><mrow><mrow></mrow><mo>=</mo><mi>b</mi></mrow></mtd></mtr><mtr><mtd style=\"text-align:-webkit-right;padding-left:0em;padding-right:0em\"><mi>c</mi></mtd><mtd style=\"text-align:-webkit-left;padding-left:0em;padding-right:0em\"><mrow><mrow></mrow><mo>=</mo><mi>d</mi></mrow></mtd></mtr></mtable>")
        #expect(try ml("\\begin{align*} x &= 1 \\\\ \\end{align*}", display: true).components(separatedBy: "<mtr>").count - 1 == 1)
        let array = try ml("\\begin{array}{lr} a & b \\end{array}")
        #expect(array == "<mtable><mtr><mtd style=\"text-align:-webkit-left\"><mi>a</mi></mtd><mtd style=\"text-align:-webkit-right\"><mi>b</mi></mtd></mtr></mtable>")
        // `\\` outside an environment stacks lines.
        #expect(try ml("a \\\\ b", display: true).hasPrefix("<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr>"))
    }

    @Test func unknownOrBrokenTeXIsAnErrorWithItsOffset() {
        #expect(error("a + \\frob{x}") == TeXError(message: "unknown TeX command '\\frob'", offset: 4))
        #expect(error("\\frac{a}{b") == TeXError(message: "missing '}'", offset: 8))
        #expect(error("a}") == TeXError(message: "unexpected '}'", offset: 1))
        #expect(error("\\left( x") == TeXError(message: "\\left without a matching \\right", offset: 0))
        #expect(error("x \\right)") == TeXError(message: "\\right without a matching \\left", offset: 2))
        #expect(error("\\begin{tikzpicture}") == TeXError(message: "unknown environment 'tikzpicture'", offset: 0))
        #expect(error("\\begin{matrix} a \\end{pmatrix}") == TeXError(message: "\\begin{matrix} is closed by \\end{pmatrix}", offset: 17))
        #expect(error("x^1^2") == TeXError(message: "double superscript; group it with braces", offset: 3))
        #expect(error("a & b") == TeXError(message: "'&' outside an environment such as aligned or cases", offset: 2))
        #expect(error(String(repeating: "{", count: 500) + "x" + String(repeating: "}", count: 500))?.message == "the formula is nested too deeply")
    }

    /// Every formula of the research corpus of deep-learning notes converts.
    @Test func theDeepLearningCorpusConverts() throws {
        let corpus = [
            "z_{\\text{norm}} = \\frac{z_{\\text{test}} - \\mu_{\\text{avg}}}{\\sqrt{\\sigma^2_{\\text{avg}} + \\epsilon}}",
            "J(w,b) = -\\frac{1}{m}\\sum_{i=1}^{m}\\left[ y^{(i)}\\log \\hat{y}^{(i)} + (1-y^{(i)})\\log(1-\\hat{y}^{(i)}) \\right]",
            "W := W - \\alpha \\frac{v_{dW}}{\\sqrt{s_{dW}} + \\varepsilon}",
            "\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_{j=1}^{C} e^{z_j}}",
            "\\|w\\|_2^2 = \\sum_{j=1}^{n_x} w_j^2 = w^T w",
            "n_H^{[l]} = \\left\\lfloor \\frac{n_H^{[l-1]} + 2p - f}{s} \\right\\rfloor + 1",
            "\\mathbf{x} \\in \\mathbb{R}^{n_x \\times m}",
            "\\bar{x} = \\frac{1}{n}\\sum_i x_i, \\quad \\operatorname{Var}(x) \\ge 0",
            "\\prod_{t=1}^{T_y} P(y^{<t>} \\mid x, y^{<1>}, \\dots, y^{<t-1>})",
            "\\lim_{n\\to\\infty} \\left(1 + \\frac{1}{n}\\right)^n = e",
            "\\text{Attention}(Q,K,V) = \\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V",
            "\\theta_j := \\theta_j - \\alpha \\frac{\\partial}{\\partial \\theta_j} J(\\theta)",
            "\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}",
        ]
        for tex in corpus {
            #expect(throws: Never.self) { _ = try TeXParser.mathML(tex, display: true) }
            #expect(throws: Never.self) { _ = try TeXParser.mathML(tex, display: false) }
        }
    }

    @Test func theFormulaCacheIsBoundedAndStillConverts() throws {
        let cache = MathCache()
        for index in 0..<(MathCache.capacity + 10) {
            #expect(try cache.mathML("x_{\(index)}", display: false) == TeXParser.mathML("x_{\(index)}", display: false))
        }
        #expect(cache.count == MathCache.capacity)
        // Past capacity, a formula is converted each time, and the same.
        #expect(try cache.mathML("x_{\(MathCache.capacity + 5)}", display: false).contains("<mn>\(MathCache.capacity + 5)</mn>"))
    }
}
