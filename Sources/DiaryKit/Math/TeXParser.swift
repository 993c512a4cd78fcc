/// A TeX construct the converter cannot render, with its byte offset in the TeX source.
struct TeXError: Error, Sendable, Equatable {
    var message: String
    var offset: Int
}

/// A converted formula: its MathML, with ``MathMarker``s where equation numbers and
/// references go (filled in per note), and the macros after the formula's definitions.
struct ConvertedMath: Sendable, Equatable {
    var markup: String
    var macros: TeXMacros
}

/// Parses TeX math into MathML Core markup that renders in Chromium: Unicode math letters
/// instead of `mathvariant`, `munderover` for display limits, `mtext` for text, TeX's atom
/// spacing, aligned columns with `-webkit-` text alignment, numbered equations. Anything it
/// does not know is an error, never a guess. Commands, environments and text mode are in
/// their own files (`TeXCommands`, `TeXEnvironments`, `TeXText`); macros are expanded
/// before parsing (`TeXExpander`).
struct TeXParser {
    static let maxDepth = 100

    var tokens: [TeXToken]
    var index = 0
    /// Whether the current style is display style (limits under and over).
    var display: Bool
    var depth = 0
    /// The alphabet letters and digits are drawn in (`\mathbf`), if any.
    var alphabet: MathAlphabet?
    /// Inside `\mathrm` and `\operatorname`: letters upright.
    var upright = false
    /// The equation being read (the formula, or a row of `align`): its label and tag.
    var equation = Equation()
    /// A numbered environment numbered the formula's rows itself.
    var rowsNumbered = false
    /// Whether the formula is display math (equations are numbered only there).
    let isDisplay: Bool
    /// Colours the formula defines with `\definecolor`, as CSS.
    var colors: [String: String] = [:]

    /// What `\label`, `\tag` and `\notag` said about one equation.
    struct Equation {
        var label: String?
        var tag: (text: String, parenthesized: Bool)?
        var suppressed = false

        /// The cell that shows the equation's number, when it has one: automatic in a
        /// numbered environment (`numbered`), else only with a `\label` or a `\tag`.
        func marker(numbered: Bool) -> MathElement? {
            guard !suppressed || tag != nil, numbered || label != nil || tag != nil else { return nil }
            return .raw(MathMarker.number(label: label, tag: tag?.text, parenthesized: tag?.parenthesized ?? true).markup)
        }
    }

    init(tokens: [TeXToken], display: Bool) {
        self.tokens = tokens
        self.display = display
        isDisplay = display
    }

    /// The MathML of a formula (with markers), or the first construct that cannot be rendered.
    static func convert(_ tex: String, display: Bool, macros: TeXMacros = .builtIn) throws(TeXError) -> ConvertedMath {
        let (tokens, defined) = try TeXExpander.expand(TeXLexer.tokens(tex), macros: macros)
        var parser = TeXParser(tokens: tokens, display: display)
        var body = try parser.formula()
        // A display formula with a \label or a \tag, outside a numbered environment, is
        // numbered as a whole.
        if display, !parser.rowsNumbered, let number = parser.equation.marker(numbered: false) {
            body = numbered([[body]], numbers: [number], columnStyles: { _ in nil })
        }
        let annotation = "<annotation encoding=\"application/x-tex\">\(Escaping.xml(tex))</annotation>"
        // A row of several elements writes one mrow: semantics gets exactly one child.
        let mode = display ? " display=\"block\"" : ""
        let markup = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(mode)><semantics>\(body.markup)\(annotation)</semantics></math>"
        return ConvertedMath(markup: markup, macros: defined)
    }

    /// The MathML of a formula without macros or numbering (tests, the fuzzer).
    static func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        try convert(tex, display: display).markup
    }

    // MARK: Structure

    /// A whole formula; `\\` outside an environment stacks centred lines.
    mutating func formula() throws(TeXError) -> MathElement {
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
    mutating func row(until stop: (TeXToken.Kind) -> Bool) throws(TeXError) -> [TeXAtom] {
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
            case .command(let name) where Self.styleSwitches[name] != nil || Self.sizeSwitches[name] != nil
                || Self.fontSwitches[name] != nil || Self.infixFractions.contains(name):
                // Switches and infix fractions take the rest of the group.
                advance()
                atoms = try switchedRow(name, before: atoms, at: token.offset, until: stop)
                return atoms
            case .command("limits"), .command("nolimits"):
                advance()
                guard let last = atoms.indices.last, atoms[last].kind == .largeOperator else {
                    throw TeXError(message: "\\limits and \\nolimits must follow an operator such as \\sum", offset: token.offset)
                }
                atoms[last].limits = token.kind == .command("limits")
                atoms[last] = try scripts(atoms[last])
            case .command("label"):
                advance()
                let label = try rawGroup().trimmingWhitespaceAndNewlines()
                guard equation.label == nil else { throw TeXError(message: "an equation has one \\label", offset: token.offset) }
                equation.label = label
            case .command("tag"):
                advance()
                let parenthesized = current.kind != .character("*")
                if !parenthesized { advance() }
                guard equation.tag == nil else { throw TeXError(message: "an equation has one \\tag", offset: token.offset) }
                equation.tag = (try tagText(), parenthesized)
            case .command("nonumber"), .command("notag"):
                advance()
                equation.suppressed = true
            default:
                guard let atom = try atom() else { continue }
                atoms.append(try scripts(atom))
            }
        }
    }

    /// The styles `\displaystyle` … `\scriptscriptstyle` switch to.
    static let styleSwitches: [String: (display: Bool, level: Int)] = [
        "displaystyle": (true, 0), "textstyle": (false, 0), "scriptstyle": (false, 1), "scriptscriptstyle": (false, 2),
    ]

    /// `\tiny` … `\Huge`, as LaTeX's sizes relative to `\normalsize`.
    static let sizeSwitches: [String: Double] = [
        "tiny": 0.5, "scriptsize": 0.7, "footnotesize": 0.8, "small": 0.9, "normalsize": 1, "large": 1.2,
        "Large": 1.44, "LARGE": 1.728, "huge": 2.074, "Huge": 2.488,
    ]

    /// The old font switches: `{\bf x}`.
    static let fontSwitches: [String: MathAlphabet?] = [
        "rm": nil, "bf": .bold, "it": .italic, "sf": .sansSerif, "tt": .monospace, "cal": .script,
    ]

    /// `{a \over b}` and friends: the group before and after make a fraction.
    static let infixFractions: Set<String> = ["over", "atop", "choose", "brace", "brack", "above"]

    private mutating func switchedRow(_ name: String, before: [TeXAtom], at offset: Int,
                                      until stop: (TeXToken.Kind) -> Bool) throws(TeXError) -> [TeXAtom] {
        if Self.infixFractions.contains(name) {
            let thickness = name == "above" ? try length(at: offset) : nil
            let denominator = try row(until: stop)
            let numerator = TeXAtom(kind: .ordinary, element: .row(before))
            return [fraction(numerator.element, .row(denominator), name: name, thickness: thickness)]
        }
        if let style = Self.styleSwitches[name] {
            let wasDisplay = display
            display = style.display
            defer { display = wasDisplay }
            let rest = try row(until: stop)
            let attributes = [("displaystyle", style.display ? "true" : "false"), ("scriptlevel", String(style.level))]
            return before + [TeXAtom(kind: .ordinary, element: .node("mstyle", attributes, [.row(rest)]))]
        }
        if let size = Self.sizeSwitches[name] {
            let rest = try row(until: stop)
            return before + [TeXAtom(kind: .ordinary, element: .node("mstyle", [("mathsize", MathElement.em(size))], [.row(rest)]))]
        }
        let (savedAlphabet, savedUpright) = (alphabet, upright)
        defer { (alphabet, upright) = (savedAlphabet, savedUpright) }
        alphabet = Self.fontSwitches[name] ?? nil
        upright = alphabet == nil
        return before + (try row(until: stop))
    }

    /// One atom, without its scripts; nil for tokens that add nothing (a space).
    mutating func atom() throws(TeXError) -> TeXAtom? {
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
            return try nested { (parser: inout TeXParser) throws(TeXError) in try parser.command(name, at: token.offset) }
        case .space:
            advance()
            return nil
        case .parameter:
            throw TeXError(message: "'#' belongs in a macro definition", offset: token.offset)
        default:
            throw TeXError(message: "unexpected \(describe(token))", offset: token.offset)
        }
    }

    mutating func character(_ scalar: Unicode.Scalar, at offset: Int) throws(TeXError) -> TeXAtom {
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
        // A symbol typed as itself: its class as TeX would give its command.
        if let kind = TeXSymbols.kind(of: scalar) { return TeXAtom(kind: kind, element: kind == .ordinary ? .mi(String(scalar)) : .mo(String(scalar))) }
        return TeXAtom(kind: .ordinary, element: .mo(String(scalar)))
    }

    /// A letter, or in `\mathrm`/`\operatorname` and math alphabets a run of letters, as one `mi`.
    mutating func letters(startingWith first: Unicode.Scalar) -> MathElement {
        var run = [first]
        if upright || alphabet != nil {
            while case .character(let next) = current.kind, next.properties.isAlphabetic {
                run.append(next)
                advance()
            }
        }
        let text = String(String.UnicodeScalarView(run))
        if alphabet != nil { return .mi(styled(text)) }
        // A single-letter mi is italic by default; upright needs mathvariant="normal", and
        // capital Greek (typed as Γ) is upright in TeX.
        let capitalGreek = (0x391...0x3A9).contains(first.value)
        return (upright || capitalGreek) && run.count == 1 ? .mi(text, [("mathvariant", "normal")]) : .mi(text)
    }

    /// Text in the current alphabet (`\mathbf{x}` is 𝐱).
    func styled(_ text: String) -> String {
        guard let alphabet else { return text }
        return text.unicodeScalars.map { alphabet.map($0) }.joined()
    }

    /// `\mathbf{...}`, `\mathrm{...}` and friends: the argument in another alphabet.
    mutating func styled(alphabet newAlphabet: MathAlphabet?, upright newUpright: Bool) throws(TeXError) -> TeXAtom {
        let (savedAlphabet, savedUpright) = (alphabet, upright)
        alphabet = newAlphabet
        upright = newUpright
        defer { (alphabet, upright) = (savedAlphabet, savedUpright) }
        return TeXAtom(kind: .ordinary, element: try argument())
    }

    /// A fraction of two elements: `\frac`, `\over`, `\atop` (no rule), `\choose` (in
    /// parentheses), `\brace`, `\brack`, `\genfrac`.
    func fraction(_ numerator: MathElement, _ denominator: MathElement, name: String, thickness: Double? = nil,
                  fences: (String, String)? = nil) -> TeXAtom {
        var attributes: [(String, String)] = []
        if name == "atop" || name == "choose" || name == "brace" || name == "brack" { attributes.append(("linethickness", "0px")) }
        if let thickness { attributes.append(("linethickness", MathElement.em(thickness))) }
        let fraction = MathElement.node("mfrac", attributes, [numerator, denominator])
        let delimiters = fences ?? (name == "choose" ? ("(", ")") : name == "brace" ? ("{", "}") : name == "brack" ? ("[", "]") : ("", ""))
        guard !delimiters.0.isEmpty || !delimiters.1.isEmpty else { return TeXAtom(kind: .ordinary, element: fraction) }
        var atoms: [TeXAtom] = []
        if !delimiters.0.isEmpty { atoms.append(TeXAtom(kind: .open, element: .mo(delimiters.0, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")]))) }
        atoms.append(TeXAtom(kind: .ordinary, element: fraction))
        if !delimiters.1.isEmpty { atoms.append(TeXAtom(kind: .close, element: .mo(delimiters.1, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")]))) }
        return TeXAtom(kind: .ordinary, element: .row(atoms), opensWithFence: !delimiters.0.isEmpty)
    }

    // MARK: Scripts

    /// Attaches `_`, `^` and primes to an atom: under and over for operators with limits
    /// in display style, sub- and superscripts otherwise.
    mutating func scripts(_ base: TeXAtom) throws(TeXError) -> TeXAtom {
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
    mutating func argument(display argumentDisplay: Bool? = nil) throws(TeXError) -> MathElement {
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

    /// The raw text of a `{...}` group (for labels, colours, environment names), braces
    /// balanced; a command in it is an error.
    mutating func rawGroup() throws(TeXError) -> String {
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
            case .parameter(let number): text += "#\(number)"
            case .command(let name):
                if name.count == 1, "{}_$%&#".contains(name) { text += name } else if name == "nobreakspace" { text += " " } else {
                    throw TeXError(message: "'\\\(name)' cannot appear here", offset: token.offset)
                }
            }
            advance()
        }
    }

    /// A `\tag`'s text: characters, and math symbols (`\tag{$\ast$}`) as themselves.
    mutating func tagText() throws(TeXError) -> String {
        skipSpaces()
        let open = current
        try expect(.beginGroup, "expected '{'", openedAt: open.offset)
        var text = ""
        var nesting = 0
        while true {
            let token = current
            advance()
            switch token.kind {
            case .end: throw TeXError(message: "missing '}'", offset: open.offset)
            case .beginGroup: nesting += 1
            case .endGroup:
                if nesting == 0 { return text.trimmingWhitespaceAndNewlines() }
                nesting -= 1
            case .character("$"): break
            case .character(let scalar): text.unicodeScalars.append(scalar)
            case .space: text += " "
            case .command(let name):
                let tables: [[String: String]] = [TeXSymbols.greek, TeXSymbols.upperGreek, TeXSymbols.ordinary, TeXSymbols.binary,
                                                  TeXSymbols.relations, TeXSymbols.amsOrdinary, TeXSymbols.amsBinary, TeXSymbols.amsRelations]
                guard let symbol = tables.lazy.compactMap({ $0[name] }).first ?? (name.count == 1 ? name : nil) else {
                    throw TeXError(message: "'\\\(name)' cannot appear in a tag", offset: token.offset)
                }
                text += symbol
            default: break
            }
        }
    }

    /// An optional `[…]` as raw text, or nil.
    mutating func optionalRawBracket() throws(TeXError) -> String? {
        skipSpaces()
        guard current.kind == .character("[") else { return nil }
        let open = current
        advance()
        var text = ""
        while current.kind != .character("]") {
            switch current.kind {
            case .end: throw TeXError(message: "missing ']'", offset: open.offset)
            case .character(let scalar): text.unicodeScalars.append(scalar)
            case .space: text += " "
            case .command(let name): text += "\\" + name
            default: break
            }
            advance()
        }
        advance()
        return text
    }

    /// A length in em: `{1em}`, `{-3mu}` or, unbraced as in TeX, `1em` or `-2.5pt`.
    mutating func length(at offset: Int) throws(TeXError) -> Double {
        skipSpaces()
        var text = ""
        if current.kind == .beginGroup {
            text = try rawGroup().trimmingWhitespaceAndNewlines()
        } else {
            // A number, then a two-letter unit.
            while case .character(let scalar) = current.kind, scalar.properties.numericType == .decimal || scalar == "." || scalar == "-" || scalar == "+" {
                text.unicodeScalars.append(scalar)
                advance()
            }
            skipSpaces()
            for _ in 0..<2 {
                guard case .character(let scalar) = current.kind, scalar.isASCII, scalar.properties.isAlphabetic else { break }
                text.unicodeScalars.append(scalar)
                advance()
            }
        }
        let units: [(String, Double)] = [("em", 1), ("ex", 0.431), ("pt", 0.1), ("mu", 1.0 / 18), ("px", 0.0625),
                                         ("cm", 2.845), ("mm", 0.2845), ("in", 7.227), ("bp", 0.1004), ("pc", 1.2)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count).trimmingWhitespaceAndNewlines()), value.isFinite, abs(value) < 1000 {
                return value * scale
            }
        }
        throw TeXError(message: "unknown length '\(text)'; use em, ex, pt or mu", offset: offset)
    }

    // MARK: Tokens

    var current: TeXToken { tokens[min(index, tokens.count - 1)] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    mutating func skipSpaces() {
        while current.kind == .space { advance() }
    }

    /// The next token that is not a space, without consuming anything.
    var nextVisible: TeXToken {
        var probe = index
        while probe < tokens.count - 1, tokens[probe].kind == .space { probe += 1 }
        return tokens[min(probe, tokens.count - 1)]
    }

    var isDigitNext: Bool {
        if case .character(let next) = current.kind { return next.properties.numericType == .decimal }
        return false
    }

    var isDigitAfterNext: Bool {
        let next = tokens[min(index + 1, tokens.count - 1)]
        if case .character(let scalar) = next.kind { return scalar.properties.numericType == .decimal }
        return false
    }

    /// `\\[2pt]`: an optional vertical space, ignored.
    mutating func skipOptionalBracket() {
        guard current.kind == .character("[") else { return }
        var probe = index
        while probe < tokens.count, tokens[probe].kind != .character("]"), tokens[probe].kind != .end { probe += 1 }
        if probe < tokens.count, tokens[probe].kind == .character("]") { index = probe + 1 }
    }

    mutating func expect(_ kind: TeXToken.Kind, _ message: String, openedAt offset: Int) throws(TeXError) {
        guard current.kind == kind else { throw TeXError(message: message, offset: offset) }
        advance()
    }

    mutating func nested<T>(_ body: (inout TeXParser) throws(TeXError) -> T) throws(TeXError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw TeXError(message: "the formula is nested too deeply", offset: current.offset)
        }
        return try body(&self)
    }

    func describe(_ token: TeXToken) -> String {
        switch token.kind {
        case .command(let name): return "'\\\(name)'"
        case .character(let scalar): return "'\(scalar)'"
        case .beginGroup: return "'{'"
        case .endGroup: return "'}'"
        case .caret: return "'^'"
        case .underscore: return "'_'"
        case .alignment: return "'&'"
        case .parameter(let number): return "'#\(number)'"
        case .space: return "a space"
        case .end: return "the end"
        }
    }
}
