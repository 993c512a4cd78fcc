/// A macro: `\newcommand{\R}{\mathbb{R}}`, `\def\KL#1#2{…}`, `\DeclareMathOperator{\E}{E}`.
struct TeXMacro: Sendable, Equatable {
    /// How many arguments it takes (`#1` … `#9`).
    var parameters: Int
    /// The first argument's default, which makes it optional (`\newcommand{\x}[2][0]{…}`).
    var defaultArgument: [TeXToken.Kind]?
    var body: [TeXToken.Kind]
}

/// The macros a formula sees: those of `diary.yml`, of the note's front matter, and those
/// defined by the note's earlier formulas. A value, so that each formula's conversion
/// depends only on its TeX and these (and is cached by both).
struct TeXMacros: Sendable, Equatable {
    private(set) var definitions: [String: TeXMacro] = [:]
    /// A stable text of every definition: the cache key part that says which macros apply.
    private(set) var signature = ""

    /// The most macro expansions one formula may do, and the most tokens it may grow to:
    /// a macro that uses itself is an error, never a hang.
    static let maximumExpansions = 2_000
    static let maximumTokens = 200_000

    init() {}

    /// Macros every formula has: the braket package and plain TeX's `\matrix{…}`, written
    /// as the TeX they stand for.
    static let builtIn: TeXMacros = {
        var macros = TeXMacros()
        let definitions: [(String, Int, String)] = [
            ("bra", 1, "\\langle #1 \\rvert"), ("ket", 1, "\\lvert #1 \\rangle"), ("braket", 1, "\\langle #1 \\rangle"),
            ("Bra", 1, "\\left\\langle #1 \\right\\rvert"), ("Ket", 1, "\\left\\lvert #1 \\right\\rangle"),
            ("Braket", 1, "\\left\\langle #1 \\right\\rangle"), ("set", 1, "\\{ #1 \\}"), ("Set", 1, "\\left\\{ #1 \\right\\}"),
            ("matrix", 1, "\\begin{matrix}#1\\end{matrix}"), ("pmatrix", 1, "\\begin{pmatrix}#1\\end{pmatrix}"),
            ("vcenter", 1, "{#1}"), ("angln", 0, "\\angl{n}"),
        ]
        for (name, parameters, body) in definitions {
            if let macro = try? macro(body: body, parameters: parameters) { macros.define(name, macro) }
        }
        return macros
    }()

    var isEmpty: Bool { definitions.isEmpty }

    subscript(name: String) -> TeXMacro? { definitions[name] }

    mutating func define(_ name: String, _ macro: TeXMacro) {
        guard definitions[name] != macro else { return }
        definitions[name] = macro
        signature = definitions.keys.sorted().map { key in
            let macro = definitions[key] ?? TeXMacro(parameters: 0, body: [])
            return "\(key)/\(macro.parameters)/\(macro.defaultArgument.map(Self.text) ?? "-")/\(Self.text(macro.body))"
        }.joined(separator: "\u{0}")
    }

    /// The tokens as TeX again (for the signature).
    private static func text(_ kinds: [TeXToken.Kind]) -> String {
        kinds.map { kind -> String in
            switch kind {
            case .command(let name): "\\" + name + " "
            case .character(let scalar): String(scalar)
            case .beginGroup: "{"
            case .endGroup: "}"
            case .caret: "^"
            case .underscore: "_"
            case .alignment: "&"
            case .parameter(let number): "#\(number)"
            case .space: " "
            case .end: ""
            }
        }.joined()
    }

    /// A macro given as text, as `macros:` in `diary.yml` and front matter write them:
    /// the body, and the number of parameters (the highest `#n` of the body when not given).
    static func macro(body text: String, parameters: Int?) throws(TeXError) -> TeXMacro {
        let body = TeXLexer.tokens(text).map(\.kind).filter { $0 != .end }
        let used = body.compactMap { if case .parameter(let number) = $0 { number } else { nil } }.max() ?? 0
        let count = parameters ?? used
        guard (0...9).contains(count), used <= count else {
            throw TeXError(message: "a macro takes 0 to 9 arguments, and its body uses #\(used)", offset: 0)
        }
        return TeXMacro(parameters: count, body: body)
    }
}
