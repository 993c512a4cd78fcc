/// A TeX construct the converter cannot render, with its byte offset in the TeX source.
struct TeXError: Error, Sendable, Equatable {
    var message: String
    var offset: Int
}

/// Parses the TeX math of deep-learning notes into MathML Core markup that renders in
/// Chromium: Unicode math letters instead of `mathvariant`, `munderover` for display
/// limits, `mtext` for text, TeX's atom spacing, aligned columns with `-webkit-` text
/// alignment. Anything it does not know is an error, never a guess.
struct TeXParser {
    static let maxDepth = 100

    private let tokens: [TeXToken]
    private var index = 0
    /// Whether the current style is display style (limits under and over).
    private var display: Bool
    private var depth = 0
    /// The alphabet letters and digits are drawn in (`\mathbf`), if any.
    private var alphabet: MathAlphabet?
    /// Inside `\mathrm` and `\operatorname`: letters upright.
    private var upright = false

    private init(_ tex: String, display: Bool) {
        tokens = TeXLexer.tokens(tex)
        self.display = display
    }

    /// The MathML of a formula, or the first construct that cannot be rendered.
    static func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        var parser = TeXParser(tex, display: display)
        let body = try parser.formula()
        let annotation = "<annotation encoding=\"application/x-tex\">\(Escaping.xml(tex))</annotation>"
        // A row of several elements writes one mrow: semantics gets exactly one child.
        let inner = body.markup
        let mode = display ? " display=\"block\"" : ""
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(mode)><semantics>\(inner)\(annotation)</semantics></math>"
    }

    // MARK: Structure

    /// A whole formula; `\\` outside an environment stacks centred lines.
    private mutating func formula() throws(TeXError) -> MathElement {
        var lines: [[TeXAtom]] = []
        while true {
            lines.append(try row(until: { $0 == .command("\\") }))
            switch current.kind {
            case .end:
                return lines.count == 1 ? .row(lines[0]) : table(lines.map { [.row($0)] }, columnStyles: { _ in nil }, displayCells: true)
            case .command("\\"):
                advance()
                skipOptionalBracket()
            default:
                throw TeXError(message: "unexpected \(describe(current))", offset: current.offset)
            }
        }
    }

    /// Atoms until a token `stop` accepts (not consumed) or the end.
    private mutating func row(until stop: (TeXToken.Kind) -> Bool) throws(TeXError) -> [TeXAtom] {
        var atoms: [TeXAtom] = []
        while true {
            skipSpaces()
            let token = current
            if token.kind == .end || stop(token.kind) { return atoms }
            switch token.kind {
            case .endGroup:
                throw TeXError(message: "unexpected '}'", offset: token.offset)
            case .alignment:
                throw TeXError(message: "'&' outside an environment such as aligned or cases", offset: token.offset)
            case .caret, .underscore, .character("'"):
                // A script with no base, as in ^{14}C.
                atoms.append(try scripts(TeXAtom(kind: .ordinary, element: .row([]))))
            case .command("displaystyle"), .command("textstyle"), .command("scriptstyle"):
                advance()
                let wasDisplay = display
                display = token.kind == .command("displaystyle")
                let rest = try row(until: stop)
                display = wasDisplay
                let attributes = token.kind == .command("displaystyle")
                    ? [("displaystyle", "true"), ("scriptlevel", "0")] : [("displaystyle", "false")]
                atoms.append(TeXAtom(kind: .ordinary, element: .node("mstyle", attributes, [.row(rest)])))
                return atoms
            case .command("limits"), .command("nolimits"):
                advance()
                guard let last = atoms.indices.last, atoms[last].kind == .largeOperator else {
                    throw TeXError(message: "\\limits and \\nolimits must follow an operator such as \\sum", offset: token.offset)
                }
                atoms[last].limits = token.kind == .command("limits")
                atoms[last] = try scripts(atoms[last])
            case .command("label"), .command("tag"):
                advance()
                _ = try rawGroup()
            case .command("nonumber"), .command("notag"):
                advance()
            default:
                guard let atom = try atom() else { continue }
                atoms.append(try scripts(atom))
            }
        }
    }

    /// One atom, without its scripts; nil for tokens that add nothing (a space).
    private mutating func atom() throws(TeXError) -> TeXAtom? {
        let token = current
        switch token.kind {
        case .beginGroup:
            advance()
            let inner = try nested { (parser: inout TeXParser) throws(TeXError) in try parser.row(until: { $0 == .endGroup }) }
            try expect(.endGroup, "missing '}'", openedAt: token.offset)
            return TeXAtom(kind: .ordinary, element: .row(inner))
        case .character(let scalar):
            advance()
            return try character(scalar, at: token.offset)
        case .command(let name):
            advance()
            return try command(name, at: token.offset)
        case .space:
            advance()
            return nil
        default:
            throw TeXError(message: "unexpected \(describe(token))", offset: token.offset)
        }
    }

    private mutating func character(_ scalar: Unicode.Scalar, at offset: Int) throws(TeXError) -> TeXAtom {
        if scalar.isASCII, scalar.properties.isAlphabetic {
            return TeXAtom(kind: .ordinary, element: letters(startingWith: scalar))
        }
        if scalar.properties.numericType == .decimal || (scalar == "." && isDigitNext) {
            var text = String(scalar)
            // A number is a run of digits with at most one decimal point (`x^23` takes "2" alone: see `argument`).
            while case .character(let next) = current.kind, next.properties.numericType == .decimal || (next == "." && !text.contains(".") && isDigitAfterNext) {
                text.unicodeScalars.append(next)
                advance()
            }
            return TeXAtom(kind: .ordinary, element: .token("mn", styled(text), []))
        }
        if let (symbol, kind) = TeXSymbols.character(scalar) {
            var attributes: [(String, String)] = kind == .open || kind == .close || symbol == "|" ? [("stretchy", "false")] : []
            // MathML's dictionary spaces ':' as punctuation; TeX makes it a relation.
            if symbol == ":" { attributes = [("lspace", "0.2778em"), ("rspace", "0.2778em")] }
            return TeXAtom(kind: kind, element: .mo(symbol, attributes))
        }
        if scalar.properties.isAlphabetic {
            // Greek or other letters typed as themselves.
            return TeXAtom(kind: .ordinary, element: letters(startingWith: scalar))
        }
        if scalar == "\\" { throw TeXError(message: "a lone '\\' at the end", offset: offset) }
        if scalar == "#" || scalar == "$" { throw TeXError(message: "'\(scalar)' cannot appear in math; write \\\(scalar)", offset: offset) }
        return TeXAtom(kind: .ordinary, element: .mo(String(scalar)))
    }

    /// A letter, or in `\mathrm`/`\operatorname` and math alphabets a run of letters, as one `mi`.
    private mutating func letters(startingWith first: Unicode.Scalar) -> MathElement {
        var run = [first]
        if upright || alphabet != nil {
            while case .character(let next) = current.kind, next.properties.isAlphabetic {
                run.append(next)
                advance()
            }
        }
        let text = String(String.UnicodeScalarView(run))
        if alphabet != nil { return .mi(styled(text)) }
        // A single-letter mi is italic by default; upright needs mathvariant="normal".
        return upright && run.count == 1 ? .mi(text, [("mathvariant", "normal")]) : .mi(text)
    }

    // MARK: Commands

    private mutating func command(_ name: String, at offset: Int) throws(TeXError) -> TeXAtom? {
        if let letter = TeXSymbols.greek[name] {
            return TeXAtom(kind: .ordinary, element: .mi(styled(letter)))
        }
        if let letter = TeXSymbols.upperGreek[name] {
            if alphabet != nil { return TeXAtom(kind: .ordinary, element: .mi(styled(letter))) }
            return TeXAtom(kind: .ordinary, element: .mi(letter, [("mathvariant", "normal")]))
        }
        if let symbol = TeXSymbols.ordinary[name] { return TeXAtom(kind: .ordinary, element: .mi(symbol)) }
        if name == "nabla" {
            return TeXAtom(kind: .ordinary, element: .mi(styled("∇"), [("mathvariant", "normal")]))
        }
        if let symbol = TeXSymbols.binary[name] { return TeXAtom(kind: .binary, element: .mo(symbol)) }
        if let symbol = TeXSymbols.relations[name] { return TeXAtom(kind: .relation, element: .mo(symbol)) }
        if let symbol = TeXSymbols.punctuation[name] { return TeXAtom(kind: .punctuation, element: .mo(symbol)) }
        if let symbol = TeXSymbols.dots[name] { return TeXAtom(kind: .ordinary, element: .mo(symbol)) }
        if let (symbol, kind) = TeXSymbols.delimiters["\\" + name] {
            return TeXAtom(kind: kind, element: .mo(symbol, [("stretchy", "false")]))
        }
        if let (symbol, limits) = TeXSymbols.bigOperators[name] {
            return TeXAtom(kind: .largeOperator, element: .mo(symbol, [("movablelimits", "false")]), limits: limits && display)
        }
        if let limits = TeXSymbols.functions[name] {
            return TeXAtom(kind: .largeOperator, element: .mi(TeXSymbols.displayNames[name] ?? name),
                           limits: limits && display, isFunction: true)
        }
        if let width = TeXSymbols.spaces[name] { return TeXAtom(kind: .ordinary, element: .space(width)) }
        if let alphabet = TeXSymbols.fonts[name] {
            return try styled(alphabet: alphabet, upright: alphabet == nil)
        }
        if let (mark, stretchy) = TeXSymbols.accents[name] {
            let base = try argument()
            return TeXAtom(kind: .ordinary, element: .node("mover", [], [base, .mo(mark, [("stretchy", stretchy ? "true" : "false")])]))
        }
        if let mark = TeXSymbols.underAccents[name] {
            let base = try argument()
            return TeXAtom(kind: .ordinary, element: .node("munder", [], [base, .mo(mark, [("stretchy", "true")])]))
        }
        if let size = TeXSymbols.sizes[name] {
            let (symbol, kind) = try delimiter()
            let resolved: TeXAtom.Kind = name.hasSuffix("l") ? .open : name.hasSuffix("r") ? .close : name.hasSuffix("m") ? .relation : kind
            let height = MathElement.em(size)
            return TeXAtom(kind: resolved, element: .mo(symbol, [("stretchy", "true"), ("symmetric", "true"),
                                                                 ("minsize", height), ("maxsize", height)]))
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try argument(display: name == "cfrac" ? display : false)
            let denominator = try argument(display: name == "cfrac" ? display : false)
            let fraction = MathElement.node("mfrac", [], [numerator, denominator])
            switch name {
            case "dfrac": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "true"), ("scriptlevel", "0")], [fraction]))
            case "tfrac": return TeXAtom(kind: .ordinary, element: .node("mstyle", [("displaystyle", "false")], [fraction]))
            default: return TeXAtom(kind: .ordinary, element: fraction)
            }
        case "binom", "dbinom", "tbinom":
            let top = try argument(display: false), bottom = try argument(display: false)
            return TeXAtom(kind: .ordinary, element: .row([
                TeXAtom(kind: .open, element: .mo("(", [("fence", "true"), ("form", "prefix"), ("stretchy", "true")])),
                TeXAtom(kind: .ordinary, element: .node("mfrac", [("linethickness", "0px")], [top, bottom])),
                TeXAtom(kind: .close, element: .mo(")", [("fence", "true"), ("form", "postfix"), ("stretchy", "true")])),
            ]))
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
        case "text", "textrm", "textnormal", "mbox", "textit", "textbf", "textsf", "texttt", "textup", "hbox":
            let text = try rawGroup()
            // Token elements trim their spaces: keep TeX's spaces as no-break spaces.
            let spaced = String(text.map { $0 == " " ? "\u{00A0}" : $0 })
            var attributes: [(String, String)] = []
            switch name {
            case "textbf": attributes = [("style", "font-weight:bold")]
            case "textit": attributes = [("style", "font-style:italic")]
            case "texttt": attributes = [("style", "font-family:monospace")]
            case "textsf": attributes = [("style", "font-family:sans-serif")]
            default: break
            }
            return TeXAtom(kind: .ordinary, element: .token("mtext", spaced, attributes))
        case "operatorname", "operatornamewithlimits":
            var limits = name == "operatornamewithlimits"
            if current.kind == .character("*") {
                advance()
                limits = true
            }
            let inner = try styled(alphabet: nil, upright: true)
            return TeXAtom(kind: .largeOperator, element: inner.element, limits: limits && display, isFunction: true)
        case "mathop":
            let inner = try argument()
            return TeXAtom(kind: .largeOperator, element: inner, limits: display)
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
            let base = try argument()
            let tag = name == "underset" ? "munder" : "mover"
            return TeXAtom(kind: name == "stackrel" ? .relation : .ordinary, element: .node(tag, [], [base, script]))
        case "boxed":
            return TeXAtom(kind: .ordinary, element: .node("mrow", [("style", "border:1px solid currentColor;padding:0.15em 0.3em")], [try argument()]))
        case "phantom":
            return TeXAtom(kind: .ordinary, element: .node("mphantom", [], [try argument()]))
        case "textcolor", "color":
            let color = try rawGroup()
            guard color.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "#" }) else {
                throw TeXError(message: "unknown color '\(color)'", offset: offset)
            }
            let body: MathElement = name == "textcolor" ? try argument() : .row(try row(until: { $0 == .endGroup || $0 == .command("\\") || $0 == .alignment }))
            return TeXAtom(kind: .ordinary, element: .node("mstyle", [("style", "color:\(color)")], [body]))
        case "hspace", "kern", "mkern", "hskip":
            return TeXAtom(kind: .ordinary, element: .space(try length(at: offset)))
        case "nobreakspace":
            return TeXAtom(kind: .ordinary, element: .space(0.25))
        case "%", "$", "#", "&", "_":
            return TeXAtom(kind: .ordinary, element: .mi(name))
        case "\\":
            throw TeXError(message: "'\\\\' (a new line) only works in display math or inside an environment such as aligned", offset: offset)
        default:
            throw TeXError(message: "unknown TeX command '\\\(name)'", offset: offset)
        }
    }

    /// Text in the current alphabet (`\mathbf{x}` is 𝐱).
    private func styled(_ text: String) -> String {
        guard let alphabet else { return text }
        return text.unicodeScalars.map { alphabet.map($0) }.joined()
    }

    /// `\mathbf{...}`, `\mathrm{...}` and friends: the argument in another alphabet.
    private mutating func styled(alphabet newAlphabet: MathAlphabet?, upright newUpright: Bool) throws(TeXError) -> TeXAtom {
        let (savedAlphabet, savedUpright) = (alphabet, upright)
        alphabet = newAlphabet
        upright = newUpright
        defer { (alphabet, upright) = (savedAlphabet, savedUpright) }
        return TeXAtom(kind: .ordinary, element: try argument())
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
    private mutating func delimiter() throws(TeXError) -> (String, TeXAtom.Kind) {
        skipSpaces()
        let token = current
        let key: String
        switch token.kind {
        case .character(let scalar): key = String(scalar)
        case .command(let name): key = "\\" + name
        default: throw TeXError(message: "expected a delimiter such as ( or \\{", offset: token.offset)
        }
        guard let delimiter = TeXSymbols.delimiters[key] else {
            throw TeXError(message: "'\(key)' is not a delimiter", offset: token.offset)
        }
        advance()
        return delimiter
    }

    /// `\not=` is ≠, `\not\in` is ∉; anything else takes a combining long solidus.
    private mutating func negation(at offset: Int) throws(TeXError) -> TeXAtom {
        skipSpaces()
        let negated: [String: String] = ["=": "≠", "∈": "∉", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "⊂": "⊄",
                                         "⊆": "⊈", "≡": "≢", "∼": "≁", "≈": "≉", "∣": "∤", "∥": "∦"]
        guard var atom = try atom(), case .token(let tag, let text, let attributes) = atom.element else {
            throw TeXError(message: "\\not must come before a symbol such as = or \\in", offset: offset)
        }
        atom.element = .token(tag, negated[text] ?? text + "\u{0338}", attributes)
        return atom
    }

    // MARK: Scripts

    /// Attaches `_`, `^` and primes to an atom: under and over for operators with limits
    /// in display style, sub- and superscripts otherwise.
    private mutating func scripts(_ base: TeXAtom) throws(TeXError) -> TeXAtom {
        var lower: MathElement?, upper: MathElement?
        var primes = 0
        while true {
            skipSpaces()
            let token = current
            switch token.kind {
            case .character("'"):
                advance()
                primes += 1
            case .caret, .underscore:
                advance()
                let isUpper = token.kind == .caret
                guard (isUpper ? upper : lower) == nil else {
                    throw TeXError(message: "double \(isUpper ? "superscript" : "subscript"); group it with braces", offset: token.offset)
                }
                let script = try argument(display: false)
                if isUpper { upper = script } else { lower = script }
            default:
                guard lower != nil || upper != nil || primes > 0 else { return base }
                // The prime glyphs already sit high; as a superscript Chromium draws them as
                // tiny accents. Alone, they follow the base; with a superscript they lead it.
                let mark = primes > 0 ? MathElement.mo(["′", "″", "‴", "⁗"][min(primes, 4) - 1], [("lspace", "0em"), ("rspace", "0em")]) : nil
                if let mark, upper == nil {
                    let scripted = lower == nil ? base : TeXAtom(kind: base.kind, element: .node(base.limits ? "munder" : "msub", [], [base.element, lower ?? .row([])]),
                                                                 isFunction: base.isFunction)
                    return TeXAtom(kind: base.kind, element: .row([scripted, TeXAtom(kind: .ordinary, element: mark)]), isFunction: base.isFunction)
                }
                if let mark, let script = upper {
                    upper = .row([TeXAtom(kind: .ordinary, element: mark), TeXAtom(kind: .ordinary, element: script)])
                }
                let limits = base.limits
                let tag: String
                var children = [base.element]
                switch (lower, upper) {
                case let (sub?, sup?):
                    tag = limits ? "munderover" : "msubsup"
                    children += [sub, sup]
                case let (sub?, nil):
                    tag = limits ? "munder" : "msub"
                    children.append(sub)
                case let (nil, sup?):
                    tag = limits ? "mover" : "msup"
                    children.append(sup)
                case (nil, nil):
                    return base
                }
                return TeXAtom(kind: base.kind, element: .node(tag, [], children), limits: false, isFunction: base.isFunction)
            }
        }
    }

    /// A macro argument: a `{group}` or a single token (`\frac12`, `x^\alpha`).
    private mutating func argument(display argumentDisplay: Bool? = nil) throws(TeXError) -> MathElement {
        skipSpaces()
        let saved = display
        if let argumentDisplay { display = argumentDisplay }
        defer { display = saved }
        let token = current
        switch token.kind {
        case .beginGroup:
            guard let atom = try atom() else { return .row([]) }
            return atom.element
        case .character(let scalar) where scalar.properties.numericType == .decimal:
            // One digit only: x^23 is x² followed by 3, as in TeX.
            advance()
            return .token("mn", styled(String(scalar)), [])
        case .character, .command:
            guard let atom = try atom() else { return .row([]) }
            return atom.element
        default:
            throw TeXError(message: "missing argument", offset: token.offset)
        }
    }

    /// The raw text of a `{...}` group (for `\text`, `\operatorname`, colours), braces balanced.
    private mutating func rawGroup() throws(TeXError) -> String {
        skipSpaces()
        let open = current
        guard open.kind == .beginGroup else { throw TeXError(message: "expected '{'", offset: open.offset) }
        advance()
        var text = ""
        var nesting = 0
        while true {
            let token = current
            switch token.kind {
            case .end: throw TeXError(message: "missing '}'", offset: open.offset)
            case .beginGroup: nesting += 1; text += "{"
            case .endGroup:
                if nesting == 0 {
                    advance()
                    return text
                }
                nesting -= 1
                text += "}"
            case .character(let scalar): text.unicodeScalars.append(scalar)
            case .space: text += " "
            case .caret: text += "^"
            case .underscore: text += "_"
            case .alignment: text += "&"
            case .command(let name):
                // In text, \{ \} \_ \$ \% \& \# stand for themselves.
                if name.count == 1, "{}_$%&#".contains(name) { text += name } else if name == "nobreakspace" { text += " " } else {
                    throw TeXError(message: "'\\\(name)' inside text is not supported", offset: token.offset)
                }
            }
            advance()
        }
    }

    private mutating func length(at offset: Int) throws(TeXError) -> Double {
        let text = try rawGroup().trimmingWhitespaceAndNewlines()
        let units: [(String, Double)] = [("em", 1), ("ex", 0.431), ("pt", 0.1), ("mu", 1.0 / 18), ("px", 0.0625)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count).trimmingWhitespaceAndNewlines()) { return value * scale }
        }
        throw TeXError(message: "unknown length '\(text)'; use em, ex, pt or mu", offset: offset)
    }

    // MARK: Environments

    private static let environments: Set<String> = [
        "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "cases", "dcases",
        "aligned", "align", "align*", "alignat", "alignat*", "split", "gathered", "gather", "gather*", "array",
        "equation", "equation*",
    ]

    private mutating func environment(at offset: Int) throws(TeXError) -> TeXAtom {
        let name = try rawGroup()
        guard Self.environments.contains(name) else {
            throw TeXError(message: "unknown environment '\(name)'", offset: offset)
        }
        if name.hasPrefix("alignat") { _ = try rawGroup() }
        var alignments: [String] = []
        if name == "array" {
            alignments = try rawGroup().compactMap { character -> String? in
                switch character {
                case "l": return "-webkit-left"
                case "c": return "center"
                case "r": return "-webkit-right"
                default: return nil
                }
            }
        }
        let saved = display
        let displayCells = ["aligned", "align", "align*", "alignat", "alignat*", "split", "gathered", "gather", "gather*",
                            "dcases", "equation", "equation*"].contains(name)
        display = displayCells
        defer { display = saved }
        let rows = try nested { (parser: inout TeXParser) throws(TeXError) in try parser.tableRows(environment: name, at: offset) }
        if name.hasPrefix("equation") {
            return TeXAtom(kind: .ordinary, element: .row(rows.first?.flatMap { cell -> [TeXAtom] in
                if case .row(let atoms) = cell { return atoms }
                return [TeXAtom(kind: .ordinary, element: cell)]
            } ?? []))
        }
        let aligned = ["aligned", "align", "align*", "alignat", "alignat*", "split"].contains(name)
        let cells = aligned ? rows.map { row in row.enumerated().map { column, cell -> MathElement in
            // The right half of a pair starts after an empty atom, so `&=` spaces like `a =`.
            guard column % 2 == 1, case .row(let atoms) = cell else { return cell }
            return .row([TeXAtom(kind: .ordinary, element: .row([]))] + atoms)
        } } : rows
        let style: (Int) -> String?
        switch name {
        case _ where aligned:
            style = { column in
                let side = column % 2 == 0 ? "-webkit-right" : "-webkit-left"
                return "text-align:\(side);padding-left:\(column > 0 && column % 2 == 0 ? "1em" : "0em");padding-right:0em"
            }
        case "cases", "dcases":
            style = { column in "text-align:-webkit-left;padding-left:\(column == 0 ? "0em" : "1em");padding-right:0em" }
        case "array":
            style = { column in column < alignments.count ? "text-align:\(alignments[column])" : nil }
        default:
            // Matrices: no padding outside the first and last columns, so fences sit close.
            let columns = rows.map(\.count).max() ?? 0
            style = { column in
                column == 0 ? "padding-left:0em" : column == columns - 1 ? "padding-right:0em" : nil
            }
        }
        let table = self.table(cells, columnStyles: style, displayCells: displayCells)
        let fences: (String, String)? = switch name {
        case "pmatrix": ("(", ")")
        case "bmatrix": ("[", "]")
        case "Bmatrix", "cases", "dcases": ("{", name == "Bmatrix" ? "}" : "")
        case "vmatrix": ("|", "|")
        case "Vmatrix": ("‖", "‖")
        default: nil
        }
        guard let (open, close) = fences else { return TeXAtom(kind: .ordinary, element: table) }
        var atoms = [TeXAtom(kind: .open, element: .mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")])),
                     TeXAtom(kind: .ordinary, element: table)]
        if !close.isEmpty {
            atoms.append(TeXAtom(kind: .close, element: .mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")])))
        }
        return TeXAtom(kind: .ordinary, element: .row(atoms), opensWithFence: true)
    }

    /// Cells separated by `&`, rows by `\\`, up to `\end{name}`.
    private mutating func tableRows(environment name: String, at offset: Int) throws(TeXError) -> [[MathElement]] {
        var rows: [[MathElement]] = []
        var cells: [MathElement] = []
        while true {
            let cell = try row(until: { $0 == .alignment || $0 == .command("\\") || $0 == .command("end") || $0 == .command("hline") })
            cells.append(.row(cell))
            let token = current
            switch token.kind {
            case .alignment:
                advance()
            case .command("\\"):
                advance()
                skipOptionalBracket()
                rows.append(cells)
                cells = []
            case .command("hline"):
                advance()
                cells.removeLast()
            case .command("end"):
                advance()
                let closing = try rawGroup()
                guard closing == name else {
                    throw TeXError(message: "\\begin{\(name)} is closed by \\end{\(closing)}", offset: token.offset)
                }
                // A trailing \\ leaves an empty last row.
                if !(cells.count == 1 && cell.isEmpty) { rows.append(cells) }
                return rows
            default:
                throw TeXError(message: "\\begin{\(name)} is not closed", offset: offset)
            }
        }
    }

    /// An `mtable`; `columnStyles` gives each column's CSS (Chromium ignores `columnalign`).
    private func table(_ rows: [[MathElement]], columnStyles: (Int) -> String?, displayCells: Bool) -> MathElement {
        let rowElements = rows.map { cells -> MathElement in
            .node("mtr", [], cells.enumerated().map { column, cell in
                .node("mtd", columnStyles(column).map { [("style", $0)] } ?? [], [cell])
            })
        }
        return .node("mtable", displayCells ? [("displaystyle", "true")] : [], rowElements)
    }

    // MARK: Tokens

    private var current: TeXToken { tokens[min(index, tokens.count - 1)] }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func skipSpaces() {
        while current.kind == .space { advance() }
    }

    private var isDigitNext: Bool {
        if case .character(let next) = current.kind { return next.properties.numericType == .decimal }
        return false
    }

    private var isDigitAfterNext: Bool {
        let next = tokens[min(index + 1, tokens.count - 1)]
        if case .character(let scalar) = next.kind { return scalar.properties.numericType == .decimal }
        return false
    }

    /// `\\[2pt]`: an optional vertical space, ignored.
    private mutating func skipOptionalBracket() {
        guard current.kind == .character("[") else { return }
        var probe = index
        while probe < tokens.count, tokens[probe].kind != .character("]"), tokens[probe].kind != .end { probe += 1 }
        if probe < tokens.count, tokens[probe].kind == .character("]") { index = probe + 1 }
    }

    private mutating func expect(_ kind: TeXToken.Kind, _ message: String, openedAt offset: Int) throws(TeXError) {
        guard current.kind == kind else { throw TeXError(message: message, offset: offset) }
        advance()
    }

    private mutating func nested<T>(_ body: (inout TeXParser) throws(TeXError) -> T) throws(TeXError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw TeXError(message: "the formula is nested too deeply", offset: current.offset)
        }
        return try body(&self)
    }

    private func describe(_ token: TeXToken) -> String {
        switch token.kind {
        case .command(let name): return "'\\\(name)'"
        case .character(let scalar): return "'\(scalar)'"
        case .beginGroup: return "'{'"
        case .endGroup: return "'}'"
        case .caret: return "'^'"
        case .underscore: return "'_'"
        case .alignment: return "'&'"
        case .space: return "a space"
        case .end: return "the end"
        }
    }
}
