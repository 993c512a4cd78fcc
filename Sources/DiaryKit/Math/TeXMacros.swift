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
    /// Which macros are in force: the cache key part that says which macros apply.
    private(set) var signature = Signature()

    /// The wrapping sum of a 128-bit hash of each definition, kept up to date as macros are
    /// defined: a formula's key costs nothing however many or long the macros are (a text
    /// of them all, rebuilt at each definition, made 8,000 definitions take minutes).
    struct Signature: Hashable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    /// The most macro expansions one formula may do, the most tokens it may grow to, and
    /// the most tokens all its expansions may put in (a macro that defines a long one
    /// again and again grows nothing): a macro that uses itself is an error, never a hang.
    static let maximumExpansions = 2_000
    static let maximumTokens = 200_000
    static let maximumExpandedTokens = 1_000_000

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
        if let old = definitions[name] {
            let (low, high) = Self.hashes(name, old)
            signature.low &-= low
            signature.high &-= high
        }
        definitions[name] = macro
        let (low, high) = Self.hashes(name, macro)
        signature.low &+= low
        signature.high &+= high
    }

    /// Two independent hashes of a definition (the hasher's seed is the process's, as is
    /// the cache).
    private static func hashes(_ name: String, _ macro: TeXMacro) -> (UInt64, UInt64) {
        let text = "\(name)/\(macro.parameters)/\(macro.defaultArgument.map(Self.text) ?? "-")/\(Self.text(macro.body))"
        var first = Hasher()
        first.combine(0)
        first.combine(text)
        var second = Hasher()
        second.combine(1)
        second.combine(text)
        return (UInt64(truncatingIfNeeded: first.finalize()), UInt64(truncatingIfNeeded: second.finalize()))
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
