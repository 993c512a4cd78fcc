/// The commands of math mode: symbols from the tables, then everything with arguments.
extension TeXParser {
    mutating func command(_ name: String, at offset: Int) throws(TeXError) -> TeXAtom? {
        if let atom = try symbol(name) { return atom }
        if let alphabet = TeXSymbols.fonts[name] {
            return try styled(alphabet: alphabet, upright: alphabet == nil)
        }
        if let (mark, stretchy) = TeXSymbols.accents[name] {
            let base = try argument()
            let over = MathElement.node("mover", [], [base, .mo(mark, [("stretchy", stretchy ? "true" : "false")])])
            // A brace over something takes a label over it, centred: an operator with limits.
            return TeXAtom(kind: .ordinary, element: over, limits: name == "overbrace" || name == "overgroup")
        }
        if let mark = TeXSymbols.underAccents[name] {
            let base = try argument()
            let under = MathElement.node("munder", [], [base, .mo(mark, [("stretchy", "true")])])
            return TeXAtom(kind: .ordinary, element: under, limits: name == "underbrace" || name == "undergroup")
        }
        if let size = TeXSymbols.sizes[name] {
            let (symbol, kind) = try delimiter()
            let resolved: TeXAtom.Kind = name.hasSuffix("l") ? .open : name.hasSuffix("r") ? .close : name.hasSuffix("m") ? .relation : kind
            let height = MathElement.em(size)
            return TeXAtom(kind: resolved, element: .mo(symbol, [("stretchy", "true"), ("symmetric", "true"),
                                                                 ("minsize", height), ("maxsize", height)]))
        }
        if let arrow = TeXSymbols.extensibleArrows[name] {
            let below = try optionalArgument()
            let above = try argument(display: false)
            let mo = MathElement.mo(arrow, [("stretchy", "true"), ("minsize", "1.75em")])
            // Padding keeps the label off the arrow's ends, as amsmath does.
            let pad = { (element: MathElement) in MathElement.node("mpadded", [("lspace", "0.3em"), ("width", "+0.6em")], [element]) }
            let element: MathElement = below.map { .node("munderover", [], [mo, pad($0), pad(above)]) } ?? .node("mover", [], [mo, pad(above)])
            return TeXAtom(kind: .relation, element: element)
        }
        if let color = TeXSymbols.namedColors[name] {
            return TeXAtom(kind: .ordinary, element: .node("mstyle", [("mathcolor", color)], [try argument()]))
        }
        if let kind = TeXSymbols.classCommands[name] {
            return TeXAtom(kind: kind, element: try argument(), limits: name == "mathop" && display)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try argument(display: name == "cfrac" ? display : false)
            let denominator = try argument(display: name == "cfrac" ? display : false)
            let fraction = self.fraction(numerator, denominator, name: name)
            switch name {
            case "dfrac": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "true"), ("scriptlevel", "0")], [fraction.element]))
            case "tfrac": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "false")], [fraction.element]))
            default: return fraction
            }
        case "binom", "dbinom", "tbinom":
            let top = try argument(display: false), bottom = try argument(display: false)
            let binomial = fraction(top, bottom, name: "choose")
            switch name {
            case "dbinom": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "true"), ("scriptlevel", "0")], [binomial.element]))
            case "tbinom": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "false")], [binomial.element]))
            default: return binomial
            }
        case "genfrac":
            // \genfrac{left}{right}{thickness}{style}{numerator}{denominator}
            let left = try delimiterGroup(), right = try delimiterGroup()
            let thicknessText = try rawGroup().trimmingWhitespaceAndNewlines()
            let thickness = thicknessText.isEmpty ? nil : try parsedLength(thicknessText, at: offset)
            let style = try rawGroup().trimmingWhitespaceAndNewlines()
            let numerator = try argument(display: false), denominator = try argument(display: false)
            let atom = fraction(numerator, denominator, name: "genfrac", thickness: thickness, fences: (left, right))
            guard let level = Int(style), (0...3).contains(level) else { return atom }
            let attributes = [("displaystyle", level == 0 ? "true" : "false"), ("scriptlevel", String(max(0, level - 1)))]
            return TeXAtom(kind: .ordinary, element: .node("mstyle", attributes, [atom.element]))
        case "sqrt":
            skipSpaces()
            if current.kind == .character("[") {
                advance()
                let index = try nested { (parser: inout TeXParser) throws(TeXError) in
                    try parser.row(until: { $0 == .character("]") })
                }
                try expect(.character("]"), "missing ']' after the root's index", openedAt: offset)
                return TeXAtom(kind: .ordinary, element: .node("mroot", [], [try argument(), .row(index)]))
            }
            return TeXAtom(kind: .ordinary, element: .node("msqrt", [], [try argument()]))
        case _ where TeXParser.textCommands[name] != nil:
            return TeXAtom(kind: .ordinary, element: try text(command: name, at: offset))
        case "operatorname", "operatornamewithlimits":
            var limits = name == "operatornamewithlimits"
            if current.kind == .character("*") {
                advance()
                limits = true
            }
            let inner = try styled(alphabet: nil, upright: true)
            return TeXAtom(kind: .largeOperator, element: inner.element, limits: limits && display, isFunction: true)
        case "left":
            return try leftRight(at: offset)
        case "right", "middle":
            throw TeXError(message: "\\\(name) without a matching \\left", offset: offset)
        case "begin":
            return try environment(at: offset)
        case "end":
            throw TeXError(message: "\\end without a matching \\begin", offset: offset)
        case "not":
            return try negation(at: offset)
        case "overset", "underset", "stackrel":
            let script = try argument(display: false)
            skipSpaces()
            let baseKind = classOfNextAtom()
            let base = try argument()
            let tag = name == "underset" ? "munder" : "mover"
            // amsmath gives the result the class of its base (a relation stays one).
            return TeXAtom(kind: name == "stackrel" ? .relation : baseKind ?? .ordinary, element: .node(tag, [], [base, script]))
        case "boxed", "fbox", "framebox":
            let body = name == "boxed" ? try argument() : try text(command: "textrm", at: offset)
            return TeXAtom(kind: .ordinary, element: .node("mrow", [("style", "border:1px solid currentColor;padding:0.15em 0.3em")], [body]))
        case "colorbox", "fcolorbox":
            let frame = name == "fcolorbox" ? try color(at: offset) : nil
            let background = try color(at: offset)
            let body = try text(command: "textrm", at: offset)
            let border = frame.map { "border:1px solid \($0);" } ?? ""
            return TeXAtom(kind: .ordinary, element: .node("mrow", [("style", "\(border)background-color:\(background);padding:0.15em 0.3em")], [body]))
        case "phantom":
            return TeXAtom(kind: .ordinary, element: .node("mphantom", [], [try argument()]))
        case "vphantom":
            return TeXAtom(kind: .ordinary, element: .node("mpadded", [("width", "0")], [.node("mphantom", [], [try argument()])]))
        case "hphantom":
            return TeXAtom(kind: .ordinary, element: .node("mpadded", [("height", "0"), ("depth", "0")], [.node("mphantom", [], [try argument()])]))
        case "mathstrut":
            return TeXAtom(kind: .ordinary, element: .node("mpadded", [("width", "0")], [.node("mphantom", [], [.mo("(")])]))
        case "smash":
            let part = try optionalRawBracket() ?? "tb"
            var attributes: [(String, String)] = []
            if part.contains("t") { attributes.append(("height", "0")) }
            if part.contains("b") { attributes.append(("depth", "0")) }
            return TeXAtom(kind: .ordinary, element: .node("mpadded", attributes, [try argument()]))
        case "llap", "rlap", "clap", "mathllap", "mathrlap", "mathclap":
            let body = name.hasPrefix("math") ? try argument() : try text(command: "textrm", at: offset)
            // Zero width: the content overlaps what is left (llap) or right (rlap) of it.
            let shift = name.hasSuffix("llap") ? [("lspace", "-1width")] : name.hasSuffix("clap") ? [("lspace", "-0.5width")] : []
            return TeXAtom(kind: .ordinary, element: .node("mpadded", [("width", "0")] + shift, [body]))
        case "raisebox":
            let raise = try length(at: offset)
            let body = try text(command: "textrm", at: offset)
            return TeXAtom(kind: .ordinary, element: .node("mpadded", [("voffset", MathElement.em(raise)), ("height", "+" + MathElement.em(max(0, raise)))], [body]))
        case "rule":
            let raise = try optionalRawBracket().map { (text: String) throws(TeXError) -> Double in try parsedLength(text, at: offset) }
            let width = try length(at: offset), height = try length(at: offset)
            var style = "background-color:currentColor"
            if let raise { style += ";vertical-align:\(MathElement.em(raise))" }
            return TeXAtom(kind: .ordinary, element: .token("mspace", "", [("width", MathElement.em(width)), ("height", MathElement.em(height)), ("style", style)]))
        case "textcolor", "color":
            let color = try color(at: offset)
            let body: MathElement = name == "textcolor" ? try argument()
                : .row(try row(until: { $0 == .endGroup || $0 == .command("\\") || $0 == .alignment || $0 == .command("right") || $0 == .command("middle") || $0 == .command("end") }))
            return TeXAtom(kind: .ordinary, element: .node("mstyle", [("mathcolor", color)], [body]))
        case "cancel", "bcancel", "xcancel", "sout":
            let body = name == "sout" ? try text(command: "textrm", at: offset) : try argument()
            return TeXAtom(kind: .ordinary, element: .node("mrow", [("style", TeXParser.strike(name))], [body]))
        case "cancelto":
            let value = try argument(display: false)
            let body = try argument()
            let struck = MathElement.node("mrow", [("style", TeXParser.strike("cancel"))], [body])
            return TeXAtom(kind: .ordinary, element: .node("msup", [], [struck, value]))
        case "hspace", "kern", "mkern", "hskip", "mskip", "mspace", "hspace*":
            if name == "hspace", current.kind == .character("*") { advance() }
            return TeXAtom(kind: .ordinary, element: .space(try length(at: offset)), isSpace: true)
        case "nobreakspace":
            return TeXAtom(kind: .ordinary, element: .space(0.25), isSpace: true)
        case "bmod":
            return TeXAtom(kind: .binary, element: .mi("mod", [("mathvariant", "normal")]))
        case "pmod", "pod", "mod":
            let argument = try argument()
            let word: [TeXAtom] = name == "pod" ? [] : [TeXAtom(kind: .ordinary, element: .mi("mod", [("mathvariant", "normal")])), TeXAtom(kind: .ordinary, element: .space(0.3333), isSpace: true)]
            let inner: [TeXAtom] = name == "mod" ? word + [TeXAtom(kind: .ordinary, element: argument)]
                : [TeXAtom(kind: .open, element: .mo("(")) ] + word + [TeXAtom(kind: .ordinary, element: argument), TeXAtom(kind: .close, element: .mo(")"))]
            return TeXAtom(kind: .ordinary, element: .row([TeXAtom(kind: .ordinary, element: .space(name == "mod" ? 0.6667 : 1), isSpace: true)] + inner))
        case "substack":
            return TeXAtom(kind: .ordinary, element: try substack(at: offset))
        case "angl":
            // The actuarial angle: a rule above and to the right.
            let body = try argument()
            return TeXAtom(kind: .ordinary, element: .node("mrow", [("style", "border-top:0.05em solid currentColor;border-right:0.05em solid currentColor;padding:0.1em 0.15em 0 0.1em")], [body]))
        case "phase":
            // A phase angle: an angle mark, and a rule under the value.
            let body = try argument()
            return TeXAtom(kind: .ordinary, element: .row([TeXAtom(kind: .ordinary, element: .mo("∠", [("lspace", "0em"), ("rspace", "0em")])),
                                                           TeXAtom(kind: .ordinary, element: .node("mrow", [("style", "border-bottom:0.05em solid currentColor")], [body]))]))
        case "verb":
            return TeXAtom(kind: .ordinary, element: .token("mtext", try verbatim(at: offset), [("style", "font-family:monospace")]))
        case "sideset":
            let (preSub, preSup) = try scriptGroup(at: offset), (postSub, postSup) = try scriptGroup(at: offset)
            skipSpaces()
            guard let base = try atom() else { throw TeXError(message: "\\sideset needs an operator after its scripts", offset: offset) }
            let none = MathElement.row([])
            let element = MathElement.node("mmultiscripts", [], [base.element, postSub ?? none, postSup ?? none, .token("mprescripts", "", []),
                                                                 preSub ?? none, preSup ?? none])
            return TeXAtom(kind: .largeOperator, element: element, limits: display)
        case "definecolor":
            let colorName = try rawGroup().trimmingWhitespaceAndNewlines()
            let model = try rawGroup().trimmingWhitespaceAndNewlines()
            let spec = try rawGroup().trimmingWhitespaceAndNewlines()
            guard let css = TeXParser.css(colorModel: model, spec), !colorName.isEmpty else {
                throw TeXError(message: "unknown color '\(spec)' in model '\(model)'; use rgb, RGB, HTML or gray", offset: offset)
            }
            colors[colorName] = css
            return nil
        case "ref", "eqref", "autoref", "cref":
            let label = try rawGroup().trimmingWhitespaceAndNewlines()
            return TeXAtom(kind: .ordinary, element: .token("mtext", "", []).replacingText(with: .raw(MathMarker.reference(label: label, parenthesized: name == "eqref").markup)))
        case "KaTeX", "LaTeX", "TeX":
            return TeXAtom(kind: .ordinary, element: .token("mtext", name, []))
        case "mathchoice":
            let choices = [try argument(), try argument(), try argument(), try argument()]
            return TeXAtom(kind: .ordinary, element: display ? choices[0] : choices[1])
        case "dots":
            // amsmath: centred before a binary operator or a relation, else on the baseline.
            let next = classOfNextAtom()
            return TeXAtom(kind: .ordinary, element: .mo(next == .binary || next == .relation ? "⋯" : "…"))
        case "%", "$", "#", "&", "_", "{", "}":
            return TeXAtom(kind: name == "{" ? .open : name == "}" ? .close : .ordinary, element: name == "{" || name == "}" ? .mo(name, [("stretchy", "false")]) : .mi(name))
        case "\\":
            throw TeXError(message: "'\\\\' (a new line) only works in display math or inside an environment such as aligned", offset: offset)
        default:
            throw TeXError(message: "unknown TeX command '\\\(name)'", offset: offset)
        }
    }

    /// A command that stands for one symbol.
    private func symbol(_ name: String) throws(TeXError) -> TeXAtom? {
        if let letter = TeXSymbols.greek[name] {
            return TeXAtom(kind: .ordinary, element: .mi(styled(letter)))
        }
        if let letter = TeXSymbols.upperGreek[name] {
            if alphabet != nil { return TeXAtom(kind: .ordinary, element: .mi(styled(letter))) }
            return TeXAtom(kind: .ordinary, element: .mi(letter, [("mathvariant", "normal")]))
        }
        if let letter = TeXSymbols.greekExtras[name] {
            // \Alpha is A, upright; \varGamma is already an italic character.
            let italic = letter.unicodeScalars.first.map { $0.value >= 0x1D400 } ?? false
            if alphabet != nil, !italic { return TeXAtom(kind: .ordinary, element: .mi(styled(letter))) }
            return TeXAtom(kind: .ordinary, element: .mi(letter, italic || letter.unicodeScalars.count > 1 ? [] : [("mathvariant", "normal")]))
        }
        if let symbol = TeXSymbols.ordinary[name] ?? TeXSymbols.amsOrdinary[name] {
            return TeXAtom(kind: .ordinary, element: .mi(symbol))
        }
        if name == "nabla" {
            return TeXAtom(kind: .ordinary, element: .mi(styled("∇"), [("mathvariant", "normal")]))
        }
        if let symbol = TeXSymbols.binary[name] ?? TeXSymbols.amsBinary[name] { return TeXAtom(kind: .binary, element: .mo(symbol)) }
        if let symbol = TeXSymbols.relations[name] ?? TeXSymbols.amsRelations[name] { return TeXAtom(kind: .relation, element: .mo(symbol)) }
        if let symbol = TeXSymbols.punctuation[name] { return TeXAtom(kind: .punctuation, element: .mo(symbol)) }
        if let symbol = TeXSymbols.dots[name] { return TeXAtom(kind: .ordinary, element: .mo(symbol)) }
        if let (symbol, kind) = TeXSymbols.delimiters["\\" + name] ?? TeXSymbols.amsDelimiters["\\" + name] {
            return TeXAtom(kind: kind, element: .mo(symbol, [("stretchy", "false")]))
        }
        if let (symbol, limits) = TeXSymbols.bigOperators[name] ?? TeXSymbols.amsBigOperators[name] {
            return TeXAtom(kind: .largeOperator, element: .mo(symbol, [("movablelimits", "false")]), limits: limits && display)
        }
        if let limits = TeXSymbols.functions[name] {
            return TeXAtom(kind: .largeOperator, element: .mi(TeXSymbols.displayNames[name] ?? name),
                           limits: limits && display, isFunction: true)
        }
        if let width = TeXSymbols.spaces[name] { return TeXAtom(kind: .ordinary, element: .space(width), isSpace: true) }
        if let (symbol, kind) = TeXSymbols.extraSymbols[name] {
            return TeXAtom(kind: kind, element: kind == .ordinary ? .mi(symbol) : .mo(symbol))
        }
        return nil
    }

    /// The TeX class the next atom will have, for rules that look ahead (`\dots`, the
    /// class of `\overset`'s base).
    func classOfNextAtom() -> TeXAtom.Kind? {
        var probe = index
        while probe < tokens.count - 1, tokens[probe].kind == .space || tokens[probe].kind == .beginGroup { probe += 1 }
        switch tokens[min(probe, tokens.count - 1)].kind {
        case .character(let scalar): return TeXSymbols.character(scalar)?.1 ?? TeXSymbols.kind(of: scalar) ?? .ordinary
        case .command(let name):
            if TeXSymbols.binary[name] != nil || TeXSymbols.amsBinary[name] != nil { return .binary }
            if TeXSymbols.relations[name] != nil || TeXSymbols.amsRelations[name] != nil { return .relation }
            if TeXSymbols.bigOperators[name] != nil || TeXSymbols.functions[name] != nil { return .largeOperator }
            return .ordinary
        default: return nil
        }
    }

    /// A colour name or `#rrggbb`: letters, digits and `#` only, so it is safe in CSS.
    private mutating func color(at offset: Int) throws(TeXError) -> String {
        let color = try rawGroup().trimmingWhitespaceAndNewlines()
        if let defined = colors[color] { return defined }
        let safe = !color.isEmpty && color.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "#") }
        guard safe else { throw TeXError(message: "unknown color '\(color)'", offset: offset) }
        if color.first == "#" || !color.allSatisfy(\.isHexDigit) || color.count != 6 { return color }
        return "#" + color
    }

    /// `\definecolor`'s specification as CSS: `rgb` (0 to 1), `RGB` (0 to 255), `HTML`, `gray`.
    static func css(colorModel model: String, _ spec: String) -> String? {
        let parts = spec.split(separator: ",").map { Double($0.trimmingWhitespaceAndNewlines()) }
        switch model {
        case "rgb", "RGB":
            let scale = model == "rgb" ? 255.0 : 1.0
            guard parts.count == 3, parts.allSatisfy({ $0.map { $0 >= 0 && $0 * scale <= 255 } ?? false }) else { return nil }
            return "rgb(" + parts.map { String(Int((($0 ?? 0) * scale).rounded())) }.joined(separator: ",") + ")"
        case "HTML":
            guard spec.count == 6, spec.allSatisfy(\.isHexDigit) else { return nil }
            return "#" + spec
        case "gray":
            guard parts.count == 1, let level = parts[0], (0...1).contains(level) else { return nil }
            let value = String(Int((level * 255).rounded()))
            return "rgb(\(value),\(value),\(value))"
        default:
            return nil
        }
    }

    /// `\verb|text|`: the characters up to the next delimiter, as they are; `\verb*` shows spaces.
    private mutating func verbatim(at offset: Int) throws(TeXError) -> String {
        let visibleSpaces = current.kind == .character("*")
        if visibleSpaces { advance() }
        let delimiter = current.kind
        guard delimiter != .end else { throw TeXError(message: "\\verb needs a delimiter, as in \\verb|x|", offset: offset) }
        advance()
        var text = ""
        while current.kind != delimiter {
            switch current.kind {
            case .end: throw TeXError(message: "\\verb is not closed", offset: offset)
            case .character(let scalar): text.unicodeScalars.append(scalar)
            case .space: text += visibleSpaces ? "␣" : " "
            case .command(let name): text += "\\" + name
            case .beginGroup: text += "{"
            case .endGroup: text += "}"
            case .caret: text += "^"
            case .underscore: text += "_"
            case .alignment: text += "&"
            case .parameter(let number): text += "#\(number)"
            }
            advance()
        }
        advance()
        return text
    }

    /// `{_a^b}` of `\sideset`: a subscript and a superscript, either may be missing.
    private mutating func scriptGroup(at offset: Int) throws(TeXError) -> (MathElement?, MathElement?) {
        skipSpaces()
        try expect(.beginGroup, "expected '{'", openedAt: offset)
        var lower: MathElement?, upper: MathElement?
        while true {
            skipSpaces()
            switch current.kind {
            case .underscore: advance(); lower = try argument(display: false)
            case .caret: advance(); upper = try argument(display: false)
            case .endGroup: advance(); return (lower, upper)
            default: throw TeXError(message: "\\sideset takes scripts such as {_1^2}", offset: current.offset)
            }
        }
    }

    /// A CSS gradient that strikes through (\cancel /, \bcancel \, \xcancel both, \sout —).
    static func strike(_ name: String) -> String {
        let line = { (direction: String) in "linear-gradient(to \(direction),transparent calc(50% - 0.6px),currentColor calc(50% - 0.6px),currentColor calc(50% + 0.6px),transparent calc(50% + 0.6px))" }
        switch name {
        case "bcancel": return "background:" + line("top left")
        case "xcancel": return "background:" + line("top right") + "," + line("top left")
        case "sout": return "background:" + line("bottom")
        default: return "background:" + line("top right")
        }
    }

    /// An optional `[…]` argument in math mode, or nil.
    mutating func optionalArgument() throws(TeXError) -> MathElement? {
        skipSpaces()
        guard current.kind == .character("[") else { return nil }
        let open = current
        advance()
        let inner = try nested { (parser: inout TeXParser) throws(TeXError) in try parser.row(until: { $0 == .character("]") }) }
        try expect(.character("]"), "missing ']'", openedAt: open.offset)
        return .row(inner)
    }

    /// A length given as text (`0.5em`).
    private func parsedLength(_ text: String, at offset: Int) throws(TeXError) -> Double {
        var parser = TeXParser(tokens: TeXLexer.tokens("{" + text + "}"), display: false)
        return try parser.length(at: offset)
    }

    /// `{(}` or `{}` in `\genfrac`: a delimiter, or none.
    private mutating func delimiterGroup() throws(TeXError) -> String {
        skipSpaces()
        guard current.kind == .beginGroup else { return try delimiter().0 }
        advance()
        skipSpaces()
        if current.kind == .endGroup {
            advance()
            return ""
        }
        let (symbol, _) = try delimiter()
        skipSpaces()
        try expect(.endGroup, "missing '}'", openedAt: current.offset)
        return symbol
    }

    /// `\substack{a \\ b}`: centred lines, small, under a big operator.
    private mutating func substack(at offset: Int) throws(TeXError) -> MathElement {
        skipSpaces()
        try expect(.beginGroup, "expected '{'", openedAt: offset)
        var lines: [[MathElement]] = []
        while true {
            let line = try nested { (parser: inout TeXParser) throws(TeXError) in
                try parser.row(until: { $0 == .command("\\") || $0 == .endGroup })
            }
            lines.append([.row(line)])
            if current.kind == .command("\\") {
                advance()
                continue
            }
            try expect(.endGroup, "missing '}'", openedAt: offset)
            return .node("mstyle", [("scriptlevel", "1")], [table(lines, columnStyles: { _ in "padding:0" }, displayCells: false)])
        }
    }

    /// `\left( ... \middle| ... \right)`: delimiters that grow with what they enclose.
    private mutating func leftRight(at offset: Int) throws(TeXError) -> TeXAtom {
        let (open, _) = try delimiter()
        var atoms: [TeXAtom] = []
        if !open.isEmpty {
            atoms.append(TeXAtom(kind: .open, element: .mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")])))
        }
        while true {
            atoms += try nested { (parser: inout TeXParser) throws(TeXError) in
                try parser.row(until: { $0 == .command("right") || $0 == .command("middle") })
            }
            switch current.kind {
            case .command("middle"):
                advance()
                let (symbol, _) = try delimiter()
                atoms.append(TeXAtom(kind: .relation, element: .mo(symbol, [("fence", "true"), ("stretchy", "true"), ("lspace", "0.1667em"), ("rspace", "0.1667em")])))
            case .command("right"):
                advance()
                let (close, _) = try delimiter()
                if !close.isEmpty {
                    atoms.append(TeXAtom(kind: .close, element: .mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")])))
                }
                return TeXAtom(kind: .ordinary, element: .row(atoms), opensWithFence: !open.isEmpty)
            default:
                throw TeXError(message: "\\left without a matching \\right", offset: offset)
            }
        }
    }

    /// The delimiter after `\left`, `\right`, `\big`...
    mutating func delimiter() throws(TeXError) -> (String, TeXAtom.Kind) {
        skipSpaces()
        let token = current
        let key: String
        switch token.kind {
        case .character(let scalar): key = String(scalar)
        case .command(let name): key = "\\" + name
        default: throw TeXError(message: "expected a delimiter such as ( or \\{", offset: token.offset)
        }
        guard let delimiter = TeXSymbols.delimiters[key] ?? TeXSymbols.amsDelimiters[key] else {
            throw TeXError(message: "'\(key)' is not a delimiter", offset: token.offset)
        }
        advance()
        return delimiter
    }

    /// `\not=` is ≠, `\not\in` is ∉; anything else takes a combining long solidus, and a
    /// group is struck through.
    private mutating func negation(at offset: Int) throws(TeXError) -> TeXAtom {
        skipSpaces()
        let negated: [String: String] = ["=": "≠", "∈": "∉", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "⊂": "⊄",
                                         "⊆": "⊈", "≡": "≢", "∼": "≁", "≈": "≉", "∣": "∤", "∥": "∦", "⊃": "⊅", "⊇": "⊉",
                                         "≺": "⊀", "≻": "⊁", "≃": "≄", "≅": "≇", "∋": "∌", "⟨": "⟨", "⊢": "⊬", "⊨": "⊭"]
        guard var atom = try atom() else {
            throw TeXError(message: "\\not must come before a symbol such as = or \\in", offset: offset)
        }
        guard case .token(let tag, let text, let attributes) = atom.element else {
            atom.element = .node("mrow", [("style", TeXParser.strike("cancel"))], [atom.element])
            return atom
        }
        atom.element = .token(tag, negated[text] ?? text + "\u{0338}", attributes)
        return atom
    }
}

private extension MathElement {
    /// A token element whose content is markup (a marker), not text.
    func replacingText(with content: MathElement) -> MathElement {
        guard case .token(let tag, _, let attributes) = self else { return self }
        return .node(tag, attributes, [content])
    }
}
