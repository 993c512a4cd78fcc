/// Expands macros before a formula is parsed, as TeX's mouth does: definitions
/// (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`, `\DeclareMathOperator`) are
/// recorded and removed, and every use of a macro is replaced by its body with the
/// arguments put in, then read again (a body may use other macros).
struct TeXExpander {
    /// Input still to read, last token first (so that an expansion is pushed on the end).
    private var input: [TeXToken]
    private var output: [TeXToken] = []
    private(set) var macros: TeXMacros
    private var expansions = 0
    /// Tokens every expansion so far has put in.
    private var expanded = 0

    private static let definitions: Set<String> = ["newcommand", "renewcommand", "providecommand", "def", "gdef",
                                                   "DeclareMathOperator"]

    /// The tokens with every macro expanded, and the macros after the formula's own definitions.
    static func expand(_ tokens: [TeXToken], macros: TeXMacros) throws(TeXError) -> (tokens: [TeXToken], macros: TeXMacros) {
        // Most formulas define and use no macro: nothing to do.
        let needed = tokens.contains { token in
            guard case .command(let name) = token.kind else { return false }
            return definitions.contains(name) || macros[name] != nil
        }
        guard needed, let end = tokens.last else { return (tokens, macros) }
        var expander = TeXExpander(input: tokens.dropLast().reversed(), macros: macros)
        try expander.run()
        return (expander.output + [end], expander.macros)
    }

    private init(input: [TeXToken], macros: TeXMacros) {
        self.input = input
        self.macros = macros
    }

    private mutating func run() throws(TeXError) {
        while let token = input.popLast() {
            guard case .command(let name) = token.kind else {
                output.append(token)
                continue
            }
            if Self.definitions.contains(name) {
                try define(name, at: token.offset)
            } else if let macro = macros[name] {
                try expand(macro, name: name, at: token.offset)
            } else {
                output.append(token)
            }
        }
    }

    // MARK: Definitions

    private mutating func define(_ command: String, at offset: Int) throws(TeXError) {
        switch command {
        case "DeclareMathOperator":
            let starred = skipStar()
            let name = try macroName(after: command, at: offset)
            let text = try group(at: offset)
            let body: [TeXToken.Kind] = [.command(starred ? "operatornamewithlimits" : "operatorname"), .beginGroup] + text + [.endGroup]
            macros.define(name, TeXMacro(parameters: 0, body: body))
        case "def", "gdef":
            let name = try macroName(after: command, at: offset)
            // The parameter text: #1#2… up to the body's brace.
            var parameters = 0
            while case .parameter(let number)? = input.last?.kind {
                guard number == parameters + 1 else {
                    throw TeXError(message: "\\def\\\(name) must number its parameters #1, #2, … in order", offset: offset)
                }
                parameters = number
                input.removeLast()
            }
            macros.define(name, TeXMacro(parameters: parameters, body: try group(at: offset)))
        default:
            _ = skipStar()
            let name = try macroName(after: command, at: offset)
            var parameters = 0
            var defaultArgument: [TeXToken.Kind]?
            if let count = try bracket(at: offset) {
                let digits = count.compactMap { if case .character(let scalar) = $0 { scalar } else { nil } }
                guard digits.count == count.count, let value = Int(String(String.UnicodeScalarView(digits))), (0...9).contains(value) else {
                    throw TeXError(message: "the number of arguments of \\\(name) must be 0 to 9", offset: offset)
                }
                parameters = value
                defaultArgument = try bracket(at: offset)
            }
            let body = try group(at: offset)
            let used = body.compactMap { if case .parameter(let number) = $0 { number } else { nil } }.max() ?? 0
            guard used <= parameters else {
                throw TeXError(message: "\\\(name) uses #\(used) but takes \(parameters) argument\(parameters == 1 ? "" : "s")", offset: offset)
            }
            if command == "providecommand", macros[name] != nil { return }
            macros.define(name, TeXMacro(parameters: parameters, defaultArgument: parameters > 0 ? defaultArgument : nil, body: body))
        }
    }

    /// `\name` or `{\name}` after a defining command.
    private mutating func macroName(after command: String, at offset: Int) throws(TeXError) -> String {
        skipSpaces()
        var braced = false
        if input.last?.kind == .beginGroup {
            input.removeLast()
            braced = true
            skipSpaces()
        }
        guard case .command(let name)? = input.popLast()?.kind else {
            throw TeXError(message: "\\\(command) needs a command name to define, such as \\R", offset: offset)
        }
        if braced {
            skipSpaces()
            guard input.popLast()?.kind == .endGroup else { throw TeXError(message: "missing '}' after \\\(name)", offset: offset) }
        }
        return name
    }

    // MARK: Expansion

    private mutating func expand(_ macro: TeXMacro, name: String, at offset: Int) throws(TeXError) {
        expansions += 1
        guard expansions <= TeXMacros.maximumExpansions else {
            throw TeXError(message: "macro expansion does not end (more than \(TeXMacros.maximumExpansions) expansions; does \\\(name) use itself?)",
                           offset: offset)
        }
        var arguments: [[TeXToken.Kind]] = []
        var remaining = macro.parameters
        if let defaultArgument = macro.defaultArgument {
            arguments.append(try bracket(at: offset) ?? defaultArgument)
            remaining -= 1
        }
        for _ in 0..<max(0, remaining) { arguments.append(try argument(of: name, at: offset)) }
        // The size is known before the body is made: a body that uses a long argument many
        // times is refused without being built.
        var size = 0
        for kind in macro.body {
            if case .parameter(let number) = kind, number >= 1, number <= arguments.count {
                size += arguments[number - 1].count
            } else {
                size += 1
            }
        }
        guard input.count + output.count + size <= TeXMacros.maximumTokens else {
            throw TeXError(message: "macro expansion makes the formula too long (more than \(TeXMacros.maximumTokens) tokens)", offset: offset)
        }
        expanded += size
        guard expanded <= TeXMacros.maximumExpandedTokens else {
            throw TeXError(message: "macro expansion does too much work (more than \(TeXMacros.maximumExpandedTokens) tokens put in; does \\\(name) define or use a long macro again and again?)",
                           offset: offset)
        }
        var body: [TeXToken] = []
        body.reserveCapacity(size)
        for kind in macro.body {
            if case .parameter(let number) = kind, number >= 1, number <= arguments.count {
                body += arguments[number - 1].map { TeXToken(kind: $0, offset: offset) }
            } else {
                body.append(TeXToken(kind: kind, offset: offset))
            }
        }
        input.append(contentsOf: body.reversed())
    }

    /// One macro argument: a `{group}` (without its braces) or a single token.
    private mutating func argument(of name: String, at offset: Int) throws(TeXError) -> [TeXToken.Kind] {
        skipSpaces()
        guard let token = input.last else { throw TeXError(message: "\\\(name) is missing an argument", offset: offset) }
        if token.kind == .beginGroup { return try group(at: offset) }
        guard token.kind != .endGroup else { throw TeXError(message: "\\\(name) is missing an argument", offset: offset) }
        input.removeLast()
        return [token.kind]
    }

    /// A `{…}` group's tokens, braces balanced, without the outer pair.
    private mutating func group(at offset: Int) throws(TeXError) -> [TeXToken.Kind] {
        skipSpaces()
        guard input.last?.kind == .beginGroup else { throw TeXError(message: "expected '{'", offset: input.last?.offset ?? offset) }
        input.removeLast()
        return try balanced(until: .endGroup, missing: "missing '}'", at: offset)
    }

    /// An optional `[…]` (brackets inside braces do not end it), or nil.
    private mutating func bracket(at offset: Int) throws(TeXError) -> [TeXToken.Kind]? {
        skipSpaces()
        guard input.last?.kind == .character("[") else { return nil }
        input.removeLast()
        return try balanced(until: .character("]"), missing: "missing ']'", at: offset)
    }

    /// Tokens up to `closer` outside any braces (consumed, not returned).
    private mutating func balanced(until closer: TeXToken.Kind, missing: String, at offset: Int) throws(TeXError) -> [TeXToken.Kind] {
        var depth = 0
        var kinds: [TeXToken.Kind] = []
        while let token = input.popLast() {
            if depth == 0, token.kind == closer { return kinds }
            if token.kind == .beginGroup { depth += 1 }
            if token.kind == .endGroup { depth -= 1 }
            kinds.append(token.kind)
        }
        throw TeXError(message: missing, offset: offset)
    }

    private mutating func skipStar() -> Bool {
        guard input.last?.kind == .character("*") else { return false }
        input.removeLast()
        return true
    }

    private mutating func skipSpaces() {
        while input.last?.kind == .space { input.removeLast() }
    }
}
