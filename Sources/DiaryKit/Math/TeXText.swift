/// Text mode: `\text{…}` and friends, with what LaTeX allows inside (styles, accents,
/// dashes and quotes, `$…$` math), as runs of `mtext`.
extension TeXParser {
    /// A style of text: the CSS an `mtext` gets.
    struct TextStyle: Equatable {
        var bold = false
        var italic = false
        var family: String?
        var color: String?
        /// `underline` or `line-through`.
        var decoration: String?
        /// `\phantom`: takes its room, shows nothing.
        var hidden = false
        /// `\raisebox`: raised by this many em.
        var raise: Double?

        var css: String? {
            var parts: [String] = []
            if bold { parts.append("font-weight:bold") }
            if italic { parts.append("font-style:italic") }
            if let family { parts.append("font-family:\(family)") }
            if let color { parts.append("color:\(color)") }
            if let decoration { parts.append("text-decoration:\(decoration)") }
            if hidden { parts.append("visibility:hidden") }
            if let raise { parts.append("position:relative;top:" + MathElement.em(-raise)) }
            return parts.isEmpty ? nil : parts.joined(separator: ";")
        }
    }

    /// The text commands and how each changes the style (nil: leaves it).
    static let textCommands: [String: @Sendable (inout TextStyle) -> Void] = [
        "text": { _ in }, "textrm": { $0.family = nil }, "textnormal": { $0 = TextStyle(color: $0.color) }, "mbox": { _ in },
        "hbox": { _ in }, "textup": { $0.italic = false }, "textmd": { $0.bold = false }, "textbf": { $0.bold = true },
        "textit": { $0.italic = true }, "textsl": { $0.italic = true }, "emph": { $0.italic.toggle() },
        "textsf": { $0.family = "sans-serif" }, "texttt": { $0.family = "monospace" }, "textsc": { _ in },
        "fbox": { _ in },
    ]

    /// Commands that take a text group and decorate it, in text only (in math, `\\phantom`
    /// and `\\underline` are math commands).
    private static let textDecorations: [String: @Sendable (inout TextStyle) -> Void] = [
        "underline": { $0.decoration = "underline" }, "sout": { $0.decoration = "line-through" },
        "phantom": { $0.hidden = true }, "hphantom": { $0.hidden = true }, "vphantom": { $0.hidden = true },
    ]

    /// Switches that change the style of the rest of a text group: `{\bf x}`.
    private static let textSwitches: [String: @Sendable (inout TextStyle) -> Void] = [
        "bf": { $0.bold = true }, "bfseries": { $0.bold = true }, "it": { $0.italic = true }, "itshape": { $0.italic = true },
        "em": { $0.italic.toggle() }, "rm": { $0.family = nil }, "rmfamily": { $0.family = nil }, "sf": { $0.family = "sans-serif" },
        "sffamily": { $0.family = "sans-serif" }, "tt": { $0.family = "monospace" }, "ttfamily": { $0.family = "monospace" },
        "upshape": { $0.italic = false }, "mdseries": { $0.bold = false }, "normalfont": { $0 = TextStyle(color: $0.color) },
        "tiny": { _ in }, "scriptsize": { _ in }, "footnotesize": { _ in }, "small": { _ in }, "normalsize": { _ in },
        "large": { _ in }, "Large": { _ in }, "LARGE": { _ in }, "huge": { _ in }, "Huge": { _ in },
    ]

    /// Commands that write one character in text.
    private static let textSymbols: [String: String] = [
        "{": "{", "}": "}", "_": "_", "$": "$", "%": "%", "&": "&", "#": "#", " ": " ", "nobreakspace": "\u{00A0}",
        "i": "ı", "j": "ȷ", "textdollar": "$", "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
        "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "textendash": "–", "textemdash": "—",
        "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”", "S": "§", "P": "¶",
        "dag": "†", "ddag": "‡", "textdagger": "†", "textdaggerdbl": "‡", "copyright": "©", "textcopyright": "©",
        "pounds": "£", "textsterling": "£", "textregistered": "®", "circledR": "®", "maltese": "✠", "degree": "°",
        "textdegree": "°", "textbullet": "•", "textperiodcentered": "·", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ",
        "OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "yen": "¥", "euro": "€",
        "checkmark": "✓", "textellipsis": "…", "ldots": "…", "dots": "…", "textvisiblespace": "␣", ",": "\u{2009}",
        ":": "\u{205F}", ";": "\u{2004}", "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}", "enspace": "\u{2002}",
        "thinspace": "\u{2009}", "!": "", "/": "", "-": "", "LaTeX": "LaTeX", "TeX": "TeX", "KaTeX": "KaTeX",
    ]

    /// Text accents: `\'e` is é. The mark is a combining character.
    private static let textAccents: [String: String] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "r": "\u{030A}", "c": "\u{0327}",
        "k": "\u{0328}", "b": "\u{0331}", "d": "\u{0323}",
    ]

    /// `\text{…}` and friends: the group as styled runs of text and inline math.
    mutating func text(command: String, at offset: Int) throws(TeXError) -> MathElement {
        var style = TextStyle()
        TeXParser.textCommands[command]?(&style)
        var runs: [MathElement] = []
        var pending = ""
        var pendingStyle = style
        func flush(into runs: inout [MathElement], _ text: inout String, _ style: TextStyle) {
            guard !text.isEmpty else { return }
            // Token elements trim their spaces: keep TeX's spaces as no-break spaces.
            let spaced = String(text.map { $0 == " " ? "\u{00A0}" : $0 })
            runs.append(.token("mtext", spaced, style.css.map { [("style", $0)] } ?? []))
            text = ""
        }
        try textGroup(style: style, at: offset) { (piece: TextPiece) in
            switch piece {
            case let .text(text, pieceStyle):
                if pieceStyle != pendingStyle { flush(into: &runs, &pending, pendingStyle) }
                pendingStyle = pieceStyle
                pending += text
            case .math(let element):
                flush(into: &runs, &pending, pendingStyle)
                runs.append(element)
            }
        }
        flush(into: &runs, &pending, pendingStyle)
        if runs.count == 1 { return runs[0] }
        return .row(runs.map { TeXAtom(kind: .ordinary, element: $0) })
    }

    enum TextPiece {
        case text(String, TextStyle)
        case math(MathElement)
    }

    /// Reads one `{…}` text group (or a single character), reporting its pieces in order.
    private mutating func textGroup(style outer: TextStyle, at offset: Int, _ emit: (TextPiece) throws(TeXError) -> Void) throws(TeXError) {
        skipSpaces()
        guard current.kind == .beginGroup else {
            // \text x: one character.
            guard case .character(let scalar) = current.kind else { throw TeXError(message: "expected '{'", offset: current.offset) }
            advance()
            try emit(.text(String(scalar), outer))
            return
        }
        let open = current
        advance()
        var style = outer
        var previous: Unicode.Scalar?
        while true {
            let token = current
            switch token.kind {
            case .end:
                throw TeXError(message: "missing '}'", offset: open.offset)
            case .endGroup:
                advance()
                return
            case .beginGroup:
                try nested { (parser: inout TeXParser) throws(TeXError) in try parser.textGroup(style: style, at: offset, emit) }
            case .space:
                advance()
                try emit(.text(" ", style))
            case .character("$"):
                advance()
                let inner = try nested { (parser: inout TeXParser) throws(TeXError) in
                    try parser.row(until: { $0 == .character("$") })
                }
                try expect(.character("$"), "missing '$' to end the math in text", openedAt: token.offset)
                try emit(.math(.row(inner)))
            case .character(let scalar):
                advance()
                try emit(.text(ligature(scalar, after: previous), style))
                previous = scalar
                continue
            case .caret: advance(); try emit(.text("^", style))
            case .underscore: advance(); try emit(.text("_", style))
            case .alignment: throw TeXError(message: "'&' cannot appear in text", offset: token.offset)
            case .parameter(let number): advance(); try emit(.text("#\(number)", style))
            case .command(let name):
                advance()
                if let change = TeXParser.textCommands[name] ?? TeXParser.textDecorations[name] {
                    var inner = style
                    change(&inner)
                    try nested { (parser: inout TeXParser) throws(TeXError) in try parser.textGroup(style: inner, at: offset, emit) }
                } else if let change = TeXParser.textSwitches[name] {
                    change(&style)
                } else if let symbol = TeXParser.textSymbols[name] {
                    try emit(.text(symbol, style))
                } else if let mark = TeXParser.textAccents[name] {
                    let base = try accentBase(at: token.offset)
                    try emit(.text(base + mark, style))
                } else if name == "textcolor" || name == "color" {
                    var colored = style
                    colored.color = try textColor(at: token.offset)
                    if name == "textcolor" {
                        try nested { (parser: inout TeXParser) throws(TeXError) in try parser.textGroup(style: colored, at: offset, emit) }
                    } else {
                        style = colored
                    }
                } else if name == "raisebox" {
                    var raised = style
                    raised.raise = try length(at: token.offset)
                    try nested { (parser: inout TeXParser) throws(TeXError) in try parser.textGroup(style: raised, at: offset, emit) }
                } else if ["hspace", "hskip", "kern"].contains(name) {
                    if current.kind == .character("*") { advance() }
                    _ = try length(at: token.offset)
                    try emit(.text(" ", style))
                } else if name == "\\" || name == "newline" {
                    try emit(.text(" ", style))
                } else {
                    throw TeXError(message: "'\\\(name)' inside text is not supported", offset: token.offset)
                }
            }
            previous = nil
        }
    }

    /// TeX's ligatures of text: `--` en dash, `---` em dash, `` ` `` and `'` quotes.
    private mutating func ligature(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> String {
        func next(_ expected: Unicode.Scalar) -> Bool {
            guard current.kind == .character(expected) else { return false }
            advance()
            return true
        }
        switch scalar {
        case "-" where next("-"): return next("-") ? "—" : "–"
        case "`": return next("`") ? "“" : "‘"
        case "'": return next("'") ? "”" : "’"
        default: return String(scalar)
        }
    }

    /// The letter an accent sits on: `\'e`, `\'{e}`, `\'\i`.
    private mutating func accentBase(at offset: Int) throws(TeXError) -> String {
        skipSpaces()
        var braced = false
        if current.kind == .beginGroup {
            braced = true
            advance()
        }
        var base = ""
        switch current.kind {
        case .character(let scalar): base = String(scalar)
        case .command(let name): base = TeXParser.textSymbols[name] ?? ""
        case .endGroup where braced: base = " "
        default: break
        }
        guard !base.isEmpty else { throw TeXError(message: "an accent needs a letter", offset: offset) }
        if !(braced && base == " ") { advance() }
        if braced { try expect(.endGroup, "missing '}'", openedAt: offset) }
        return base
    }

    private mutating func textColor(at offset: Int) throws(TeXError) -> String {
        let color = try rawGroup().trimmingWhitespaceAndNewlines()
        guard !color.isEmpty, color.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "#") }) else {
            throw TeXError(message: "unknown color '\(color)'", offset: offset)
        }
        return color
    }
}
