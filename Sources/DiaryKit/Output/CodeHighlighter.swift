/// Syntax highlighting of fenced code at build time, as CSS classes.
///
/// One scanner over the code's UTF-8 bytes, driven by a per-language `Grammar` table; YAML,
/// whose keys and scalars depend on their place in a line, has its own line scanner. The
/// output is the code HTML-escaped with `<span class="hl-…">` around tokens, so that
/// removing the tags and decoding the entities gives back exactly the code. Tokens start
/// and end only next to ASCII bytes, so a span never splits a multi-byte character.
///
/// Every scanning step moves forward and lookaheads are bounded or never repeated, so the
/// time is linear in the code's length, whatever the input (unterminated strings and
/// comments run to the end of their line, or of the code for multi-line ones).
///
/// It is a highlighter, not a parser: a string with interpolation (`\(…)`, `${…}`, `$(…)`)
/// is one string, JavaScript regex literals are not recognised, shell keywords are
/// keywords wherever they stand, and YAML quoted strings end with their line.
///
/// Classes: `hl-kw` keywords (also Swift `@attributes` and `#directives`, C preprocessor
/// lines' directive), `hl-ty` builtin types, `hl-str` strings, `hl-num` numbers, `hl-com`
/// comments, `hl-fn` a name directly followed by `(` (also Python and TypeScript
/// decorators, which are calls), `hl-lit` literals (`true`, `None`, `nil`…), `hl-key`
/// JSON and YAML keys, `hl-var` shell variables.
enum CodeHighlighter {
    /// The code as escaped HTML with `<span class="hl-…">` around tokens, or nil when the
    /// language (the fence's first info word, case-insensitive, aliases allowed) is unknown.
    static func html(_ code: String, language: some StringProtocol) -> String? {
        guard let grammar = grammar(named: language) else { return nil }
        var scan = Scan(bytes: Array(code.utf8), grammar: grammar)
        switch grammar.mode {
        case .code: scan.code()
        case .yaml: scan.yaml()
        }
        return String(decoding: scan.out, as: UTF8.self)
    }

    /// Whether fenced code in `language` is highlighted (its content is replaced in the
    /// text cmark-gfm parses).
    static func highlights(_ language: some StringProtocol) -> Bool { grammar(named: language) != nil }

    /// The grammar for an info string's first word, ignoring case.
    private static func grammar(named language: some StringProtocol) -> Grammar? {
        let word = language.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
        return grammars[word.lowercased()]
    }

    private static let grammars: [String: Grammar] = {
        var table: [String: Grammar] = [:]
        func add(_ grammar: Grammar, _ names: String...) {
            for name in names { table[name] = grammar }
        }
        add(.python, "python", "py", "python3")
        add(.bash, "bash", "sh", "shell", "zsh")
        add(.json, "json", "jsonc")
        add(.yaml, "yaml", "yml")
        add(.swift, "swift")
        add(.c, "c")
        add(.cpp, "cpp", "c++", "cc", "h", "hpp", "cxx", "cuda", "cu")
        add(.javascript, "javascript", "js", "mjs", "cjs")
        add(.typescript, "typescript", "ts")
        add(.sql, "sql")
        return table
    }()

    /// A token's CSS class.
    enum Style: String, Sendable {
        case keyword = "hl-kw", type = "hl-ty", string = "hl-str", number = "hl-num", comment = "hl-com"
        case function = "hl-fn", literal = "hl-lit", key = "hl-key", variable = "hl-var"
    }

    // MARK: - Grammars

    /// What the generic scanner needs to know about a language. Every rule is off by default,
    /// except that a name before `(` is a function.
    struct Grammar: Sendable {
        enum Mode: Sendable { case code, yaml }
        enum Position: Sendable { case lineStart, anywhere }

        /// A kind of string literal.
        struct Quote: Sendable {
            var open: [UInt8]
            var close: [UInt8]
            /// A backslash escapes the next character (so `\"` does not close).
            var escapes: Bool
            /// May span lines; otherwise an unterminated string ends at its line's end.
            var multiline: Bool
            /// The closing delimiter twice stands for itself (SQL `'it''s'`).
            var doubled: Bool
            /// Opens code inside the string (`\(`, `${`, `$(`), whose last byte is the bracket
            /// that the matching one closes; quotes inside it do not end the string.
            var interpolation: [UInt8]?
            /// nil: scanned as one piece but not coloured (SQL quoted identifiers).
            var style: Style?

            init(_ open: String, _ close: String? = nil, escapes: Bool = true, multiline: Bool = false, doubled: Bool = false,
                 interpolation: String? = nil, style: Style? = .string) {
                self.open = Array(open.utf8)
                self.close = Array((close ?? open).utf8)
                self.escapes = escapes
                self.multiline = multiline
                self.doubled = doubled
                self.interpolation = interpolation.map { Array($0.utf8) }
                self.style = style
            }
        }

        var mode = Mode.code
        var lineComments: [[UInt8]] = []
        var blockComment: (open: [UInt8], close: [UInt8])?
        /// Swift's `/* /* */ */`.
        var nestedBlockComments = false
        /// Longest opening first: `"""` must be tried before `"`.
        var quotes: [Quote] = []
        /// Letters allowed right before a quote (`f"…"`, `u8"…"`), lowercased.
        var stringPrefixes: Set<String> = []
        var keywords: Set<String> = []
        var literals: Set<String> = []
        var types: Set<String> = []
        /// SQL: words are compared lowercased (the sets hold lowercase words).
        var caseInsensitiveWords = false
        /// A name directly followed by `(` is a function.
        var calls = true
        /// Bytes that may start (and continue) a name besides letters, `_` and non-ASCII.
        var nameStartExtras: Set<UInt8> = []
        /// Bytes that may continue a name besides those and digits (the shell's `apt-get`).
        var nameContinueExtras: Set<UInt8> = []
        /// A word right after one of these is a member or a path part (`x.type`, `--if`),
        /// never a keyword, literal or type.
        var memberPrefixes: Set<UInt8> = [UInt8(ascii: ".")]
        /// Digit group separators inside numbers besides `_` (C++ `1'000`).
        var digitSeparators: Set<UInt8> = [UInt8(ascii: "_")]
        /// `@name` (Python and TypeScript decorators, Swift attributes).
        var annotation: (style: Style, position: Position, dotted: Bool)?
        /// `#name` as a keyword (C preprocessor at line start, Swift `#if` anywhere).
        var hashDirectives: Position?
        /// Swift's `#"…"#` raw strings.
        var hashRawStrings = false
        /// Shell rules: `#` comments only at a word start, `$VAR`, `\x` escapes outside
        /// quotes, here-documents.
        var shell = false
        /// JSON: a string followed by `:` is a key, `-` before a digit belongs to the number.
        var json = false

        static let python: Grammar = {
            var g = Grammar()
            g.lineComments = [Array("#".utf8)]
            // Raw strings cannot end in a lone backslash either, so one rule fits all prefixes.
            g.quotes = [Quote("\"\"\"", multiline: true), Quote("'''", multiline: true), Quote("\""), Quote("'")]
            g.stringPrefixes = ["r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt"]
            g.keywords = ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
                          "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                          "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]
            g.literals = ["True", "False", "None"]
            g.types = ["int", "float", "complex", "str", "bytes", "bytearray", "bool", "list", "tuple", "dict", "set",
                       "frozenset", "object", "type"]
            // A decorator is a call, so it reads like one; only at line start, since `a@b` is
            // matrix multiplication.
            g.annotation = (.function, .lineStart, true)
            return g
        }()

        static let bash: Grammar = {
            var g = Grammar()
            g.shell = true
            // Single quotes are raw; double quotes allow escapes and `$(…)` with its own quotes.
            g.quotes = [Quote("'", escapes: false, multiline: true), Quote("\"", multiline: true, interpolation: "$(")]
            g.keywords = ["if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
                          "done", "in", "function", "time", "coproc"]
            g.literals = ["true", "false"]
            g.types = ["alias", "bg", "bind", "break", "builtin", "cd", "command", "continue", "declare", "echo", "eval",
                       "exec", "exit", "export", "getopts", "hash", "jobs", "kill", "let", "local", "mapfile", "popd",
                       "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "set", "shift", "shopt",
                       "source", "test", "trap", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait"]
            g.nameContinueExtras = [UInt8(ascii: "-")]
            g.memberPrefixes = [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/")]
            return g
        }()

        static let json: Grammar = {
            var g = Grammar()
            g.json = true
            g.calls = false
            // Comments are JSONC's, harmless in plain JSON.
            g.lineComments = [Array("//".utf8)]
            g.blockComment = (Array("/*".utf8), Array("*/".utf8))
            g.quotes = [Quote("\"")]
            g.literals = ["true", "false", "null"]
            return g
        }()

        /// Only `mode` matters: YAML has its own scanner.
        static let yaml: Grammar = {
            var g = Grammar()
            g.mode = .yaml
            return g
        }()

        static let swift: Grammar = {
            var g = Grammar()
            g.lineComments = [Array("//".utf8)]
            g.blockComment = (Array("/*".utf8), Array("*/".utf8))
            g.nestedBlockComments = true
            g.quotes = [Quote("\"\"\"", multiline: true, interpolation: "\\("), Quote("\"", interpolation: "\\(")]
            g.hashRawStrings = true
            g.hashDirectives = .anywhere
            g.annotation = (.keyword, .anywhere, false)
            g.keywords = ["associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
                          "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol",
                          "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
                          "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
                          "repeat", "return", "throw", "switch", "where", "while", "as", "is", "try", "throws", "async",
                          "await", "some", "any", "self", "Self", "super", "actor", "nonisolated", "mutating",
                          "override", "final", "lazy", "weak", "unowned", "convenience", "required", "indirect",
                          "package", "consuming", "borrowing", "sending", "macro"]
            g.literals = ["true", "false", "nil"]
            g.types = ["Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Float",
                       "Float16", "Float32", "Float64", "Double", "Bool", "String", "Substring", "Character", "Array",
                       "Dictionary", "Set", "Optional", "Result", "Error", "Void", "Never", "Any", "AnyObject"]
            return g
        }()

        static let c: Grammar = {
            var g = Grammar()
            g.lineComments = [Array("//".utf8)]
            g.blockComment = (Array("/*".utf8), Array("*/".utf8))
            g.quotes = [Quote("\""), Quote("'")]
            g.stringPrefixes = ["l", "u", "u8", "r", "lr", "ur", "u8r"]
            g.hashDirectives = .lineStart
            g.digitSeparators = [UInt8(ascii: "_"), UInt8(ascii: "'")]
            g.keywords = ["auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern", "for",
                          "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static", "struct",
                          "switch", "typedef", "union", "volatile", "while", "_Alignas", "_Alignof", "_Atomic",
                          "_Generic", "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof",
                          "static_assert", "thread_local", "typeof"]
            g.literals = ["true", "false", "NULL", "nullptr"]
            g.types = ["void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool", "_Bool",
                       "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "int8_t", "int16_t", "int32_t",
                       "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "FILE"]
            return g
        }()

        /// C++, with CUDA's qualifiers (kernels are the C++ an ML diary is likely to show).
        static let cpp: Grammar = {
            var g = c
            g.keywords.formUnion(["catch", "class", "concept", "consteval", "constexpr", "constinit", "const_cast",
                                  "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast", "explicit",
                                  "export", "final", "friend", "mutable", "namespace", "new", "noexcept", "operator",
                                  "override", "private", "protected", "public", "reinterpret_cast", "requires",
                                  "static_cast", "template", "this", "throw", "try", "typeid", "typename", "using",
                                  "virtual", "__global__", "__device__", "__host__", "__shared__", "__constant__",
                                  "__restrict__", "__forceinline__"])
            g.types.formUnion(["wchar_t", "char8_t", "char16_t", "char32_t"])
            return g
        }()

        static let javascript: Grammar = {
            var g = Grammar()
            g.lineComments = [Array("//".utf8)]
            g.blockComment = (Array("/*".utf8), Array("*/".utf8))
            g.quotes = [Quote("`", multiline: true, interpolation: "${"), Quote("\""), Quote("'")]
            g.nameStartExtras = [UInt8(ascii: "$")]
            g.annotation = (.function, .anywhere, true)
            g.keywords = ["async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
                          "delete", "do", "else", "export", "extends", "finally", "for", "from", "function", "if",
                          "import", "in", "instanceof", "let", "new", "of", "return", "static", "super", "switch",
                          "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield"]
            g.literals = ["true", "false", "null", "undefined", "NaN", "Infinity"]
            return g
        }()

        static let typescript: Grammar = {
            var g = javascript
            g.keywords.formUnion(["abstract", "as", "declare", "enum", "implements", "infer", "interface", "is", "keyof",
                                  "namespace", "private", "protected", "public", "readonly", "satisfies", "type"])
            g.types = ["string", "number", "boolean", "bigint", "symbol", "object", "any", "unknown", "never"]
            return g
        }()

        static let sql: Grammar = {
            var g = Grammar()
            g.caseInsensitiveWords = true
            g.lineComments = [Array("--".utf8)]
            g.blockComment = (Array("/*".utf8), Array("*/".utf8))
            // Quoted identifiers are kept whole (a `--` inside is no comment) but not coloured.
            g.quotes = [Quote("'", escapes: false, multiline: true, doubled: true),
                        Quote("\"", escapes: false, doubled: true, style: nil),
                        Quote("`", escapes: false, doubled: true, style: nil)]
            g.keywords = ["select", "from", "where", "and", "or", "not", "in", "is", "like", "ilike", "between", "as",
                          "join", "inner", "left", "right", "full", "outer", "cross", "on", "using", "group", "by",
                          "order", "having", "limit", "offset", "union", "intersect", "except", "all", "distinct",
                          "insert", "into", "values", "update", "set", "delete", "create", "table", "view", "index",
                          "drop", "alter", "add", "column", "primary", "key", "foreign", "references", "unique",
                          "default", "check", "constraint", "with", "recursive", "case", "when", "then", "else", "end",
                          "exists", "if", "begin", "commit", "rollback", "transaction", "returning", "asc", "desc",
                          "over", "partition", "window", "cast", "explain", "analyze", "temporary", "temp", "replace",
                          "conflict", "do", "nothing", "pragma", "vacuum", "trigger", "rows", "range", "preceding",
                          "following", "unbounded", "current", "row", "nulls", "first", "last", "filter"]
            g.literals = ["true", "false", "null"]
            g.types = ["int", "integer", "bigint", "smallint", "tinyint", "real", "double", "precision", "float",
                       "numeric", "decimal", "text", "varchar", "char", "boolean", "bool", "date", "time", "timestamp",
                       "timestamptz", "interval", "blob", "bytea", "serial", "bigserial", "json", "jsonb", "uuid"]
            return g
        }()
    }

    // MARK: - Scanning

    /// One pass over the code, writing `out` as it goes: text between tokens is written when
    /// the next token (or the end) is reached.
    private struct Scan {
        let bytes: [UInt8]
        let grammar: Grammar
        var out: [UInt8] = []
        /// Where the text not yet written starts.
        var written = 0

        init(bytes: [UInt8], grammar: Grammar) {
            self.bytes = bytes
            self.grammar = grammar
            out.reserveCapacity(bytes.count + bytes.count / 2)
        }

        var count: Int { bytes.count }

        // MARK: Output

        /// Writes the text before `range`, then `range` in a span of `style` (plain when nil).
        mutating func emit(_ style: Style?, _ range: Range<Int>) {
            guard range.upperBound > written else { return }
            let lower = max(range.lowerBound, written)
            escape(written..<lower)
            if let style, lower < range.upperBound {
                out.append(contentsOf: "<span class=\"".utf8)
                out.append(contentsOf: style.rawValue.utf8)
                out.append(contentsOf: "\">".utf8)
                escape(lower..<range.upperBound)
                out.append(contentsOf: "</span>".utf8)
            } else {
                escape(lower..<range.upperBound)
            }
            written = range.upperBound
        }

        /// Writes the rest of the code.
        mutating func finish() {
            escape(written..<count)
            written = count
        }

        mutating func escape(_ range: Range<Int>) {
            for byte in bytes[range] {
                switch byte {
                case Byte.ampersand: out.append(contentsOf: "&amp;".utf8)
                case Byte.less: out.append(contentsOf: "&lt;".utf8)
                case Byte.greater: out.append(contentsOf: "&gt;".utf8)
                case Byte.quote: out.append(contentsOf: "&quot;".utf8)
                default: out.append(byte)
                }
            }
        }

        // MARK: Byte classes

        func peek(_ index: Int) -> UInt8? { index >= 0 && index < count ? bytes[index] : nil }

        /// Whether `pattern` occurs at `index`.
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            guard !pattern.isEmpty, index >= 0, index + pattern.count <= count else { return false }
            for offset in pattern.indices where bytes[index + offset] != pattern[offset] { return false }
            return true
        }

        /// Letters, `_` and every non-ASCII byte (so non-ASCII names stay whole and a token
        /// boundary never falls inside a character).
        static func isBaseNameStart(_ byte: UInt8) -> Bool {
            Byte.isLetter(byte) || byte == Byte.underscore || byte >= 0x80
        }

        static func isBaseNameContinue(_ byte: UInt8) -> Bool { isBaseNameStart(byte) || Byte.isDigit(byte) }

        func isNameStart(_ byte: UInt8) -> Bool { Self.isBaseNameStart(byte) || grammar.nameStartExtras.contains(byte) }

        func isNameContinue(_ byte: UInt8) -> Bool {
            Self.isBaseNameContinue(byte) || grammar.nameStartExtras.contains(byte) || grammar.nameContinueExtras.contains(byte)
        }

        /// The end of the name starting at `index`.
        func nameEnd(from index: Int) -> Int {
            var end = index + 1
            while end < count, isNameContinue(bytes[end]) { end += 1 }
            return end
        }

        /// The end of the line containing `index`, before its `\n` (and a `\r` before that).
        func lineEnd(from index: Int) -> Int {
            var end = index
            while end < count, bytes[end] != Byte.newline { end += 1 }
            if end > index, bytes[end - 1] == Byte.carriageReturn { end -= 1 }
            return end
        }

        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        // MARK: Code

        /// The generic scanner.
        mutating func code() {
            var index = 0
            // Only blanks since the last line break (for decorators and preprocessor lines).
            var atLineStart = true
            var heredocs: [Heredoc] = []
            while index < count {
                let byte = bytes[index]
                if byte == Byte.newline {
                    index += 1
                    atLineStart = true
                    if !heredocs.isEmpty {
                        index = heredocBodies(heredocs, from: index)
                        heredocs.removeAll()
                    }
                    continue
                }
                if byte == Byte.space || byte == Byte.tab || byte == Byte.carriageReturn {
                    index += 1
                    continue
                }
                let end = token(at: index, atLineStart: atLineStart, heredocs: &heredocs)
                // Every step advances, whatever a rule returned.
                index = max(end, index + 1)
                atLineStart = false
            }
            finish()
        }

        /// Scans (and writes) what starts at `index`, a byte that is not whitespace; returns
        /// where the scan goes on.
        mutating func token(at index: Int, atLineStart: Bool, heredocs: inout [Heredoc]) -> Int {
            let byte = bytes[index]
            if grammar.shell ? (byte == Byte.hash && isShellWordStart(index)) : startsLineComment(at: index) {
                let end = lineEnd(from: index)
                emit(.comment, index..<end)
                return end
            }
            if let block = grammar.blockComment, matches(block.open, at: index) {
                let end = blockCommentEnd(from: index, open: block.open, close: block.close)
                emit(.comment, index..<end)
                return end
            }
            if byte == Byte.hash {
                if grammar.hashRawStrings, let end = hashRawStringEnd(from: index) {
                    emit(.string, index..<end)
                    return end
                }
                if let position = grammar.hashDirectives, position == .anywhere || atLineStart,
                   let end = directive(at: index, position: position) {
                    return end
                }
            }
            if byte == Byte.at, let annotation = grammar.annotation, annotation.position == .anywhere || atLineStart,
               let first = peek(index + 1), isNameStart(first) {
                var end = nameEnd(from: index + 1)
                while annotation.dotted, peek(end) == Byte.dot, let next = peek(end + 1), isNameStart(next) {
                    end = nameEnd(from: end + 1)
                }
                emit(annotation.style, index..<end)
                return end
            }
            if grammar.shell {
                if byte == Byte.dollar { return shellDollar(at: index) }
                // An escaped character is plain text (`\"` opens no string); skip the whole
                // character so that the scan never resumes inside one.
                if byte == Byte.backslash { return characterEnd(from: index + 1) }
                if byte == Byte.less, let end = heredocOperator(at: index, heredocs: &heredocs) { return end }
            }
            if let quote = quote(at: index) {
                let end = stringEnd(quote, contentFrom: index + quote.open.count)
                emitString(quote, index..<end)
                return end
            }
            if isNumberStart(at: index) {
                let end = numberEnd(from: index)
                emit(.number, index..<end)
                return end
            }
            if isNameStart(byte) { return word(at: index) }
            return index + 1
        }

        func startsLineComment(at index: Int) -> Bool {
            grammar.lineComments.contains { matches($0, at: index) }
        }

        /// Where a block comment opened at `index` ends (the code's end when unterminated).
        func blockCommentEnd(from index: Int, open: [UInt8], close: [UInt8]) -> Int {
            var position = index + open.count
            var depth = 1
            while position < count {
                if grammar.nestedBlockComments, matches(open, at: position) {
                    depth += 1
                    position += open.count
                } else if matches(close, at: position) {
                    depth -= 1
                    position += close.count
                    if depth == 0 { return position }
                } else {
                    position += 1
                }
            }
            return count
        }

        /// After a backslash at `index - 1`: the end of the escaped character, whole.
        func characterEnd(from index: Int) -> Int {
            guard index < count else { return count }
            var end = index + 1
            while end < count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }

        /// The string rule whose opening delimiter is at `index`.
        func quote(at index: Int) -> Grammar.Quote? {
            grammar.quotes.first { matches($0.open, at: index) }
        }

        /// Where a string whose content starts at `start` ends: after its closing delimiter,
        /// else at the end of its line (single-line strings) or of the code, and never past
        /// `limit` (YAML scans a line at a time).
        func stringEnd(_ quote: Grammar.Quote, contentFrom start: Int, limit: Int? = nil) -> Int {
            let limit = min(limit ?? count, count)
            var position = start
            while position < limit {
                if let interpolation = quote.interpolation, matches(interpolation, at: position) {
                    position = interpolationEnd(from: position + interpolation.count, opener: interpolation[interpolation.count - 1],
                                                multiline: quote.multiline)
                    continue
                }
                let byte = bytes[position]
                if quote.escapes, byte == Byte.backslash {
                    // A backslash before CRLF continues the line as one before LF does.
                    position += peek(position + 1) == Byte.carriageReturn && peek(position + 2) == Byte.newline ? 3 : 2
                    continue
                }
                if matches(quote.close, at: position) {
                    if quote.doubled, matches(quote.close, at: position + quote.close.count) {
                        position += 2 * quote.close.count
                        continue
                    }
                    return position + quote.close.count
                }
                if byte == Byte.newline, !quote.multiline {
                    return position > start && bytes[position - 1] == Byte.carriageReturn ? position - 1 : position
                }
                position += 1
            }
            return limit
        }

        /// The end of code inside a string (after `\(`, `${`, `$(`): the bracket matching
        /// `opener`, skipping nested brackets and quoted strings. A single-line string's
        /// interpolation stops at the line's end too, so that the string ends there.
        func interpolationEnd(from start: Int, opener: UInt8, multiline: Bool) -> Int {
            let closer = opener == Byte.openBrace ? Byte.closeBrace : Byte.closeParen
            var depth = 1
            var position = start
            while position < count {
                let byte = bytes[position]
                if byte == Byte.newline, !multiline { return position }
                if byte == opener {
                    depth += 1
                } else if byte == closer {
                    depth -= 1
                    if depth == 0 { return position + 1 }
                } else if byte == Byte.quote || byte == Byte.apostrophe || byte == Byte.backtick {
                    // A nested string: to its closing quote, honouring backslashes.
                    position += 1
                    while position < count, bytes[position] != byte {
                        if bytes[position] == Byte.newline, !multiline { return position }
                        position += bytes[position] == Byte.backslash ? 2 : 1
                    }
                } else if byte == Byte.backslash {
                    position += 1
                }
                position += 1
            }
            return count
        }

        /// Writes a string, as a key when JSON says so.
        mutating func emitString(_ quote: Grammar.Quote, _ range: Range<Int>) {
            var style = quote.style
            if grammar.json {
                var next = range.upperBound
                while let byte = peek(next), Byte.isWhitespace(byte) { next += 1 }
                if peek(next) == Byte.colon { style = .key }
            }
            emit(style, range)
        }

        /// Swift's `#"…"#` and `#"""…"""#`: no escapes to honour, so the end is simply the
        /// closing quote followed by as many `#` as opened. At most 8 `#` count as an
        /// opening, so that a long run of `#` costs linear time.
        func hashRawStringEnd(from index: Int) -> Int? {
            var hashes = 0
            while hashes < 8, peek(index + hashes) == Byte.hash { hashes += 1 }
            guard peek(index + hashes) == Byte.quote else { return nil }
            let openEnd = index + hashes
            let triple = matches([Byte.quote, Byte.quote, Byte.quote], at: openEnd)
            let close = Array(repeating: Byte.quote, count: triple ? 3 : 1) + Array(repeating: Byte.hash, count: hashes)
            var position = openEnd + (triple ? 3 : 1)
            while position < count {
                if matches(close, at: position) { return position + close.count }
                if bytes[position] == Byte.newline, !triple { return position }
                position += 1
            }
            return count
        }

        /// `#name` as a keyword; for C also `#  include <file.h>` with the file as a string.
        mutating func directive(at index: Int, position: Grammar.Position) -> Int? {
            var start = index + 1
            if position == .lineStart {
                while let byte = peek(start), byte == Byte.space || byte == Byte.tab { start += 1 }
            }
            guard let first = peek(start), isNameStart(first) else { return nil }
            let end = nameEnd(from: start)
            emit(.keyword, index..<end)
            guard position == .lineStart, ["include", "import", "include_next"].contains(text(start..<end)) else { return end }
            var open = end
            while let byte = peek(open), byte == Byte.space || byte == Byte.tab { open += 1 }
            guard peek(open) == Byte.less else { return end }
            var close = open + 1
            while let byte = peek(close), byte != Byte.greater, byte != Byte.newline { close += 1 }
            guard peek(close) == Byte.greater else { return end }
            emit(.string, open..<(close + 1))
            return close + 1
        }

        /// A digit; a `.` before a digit unless it follows a name, a closing bracket or a dot
        /// (a member `x.5`, a range `1...5`); in JSON a `-` before a digit.
        func isNumberStart(at index: Int) -> Bool {
            let byte = bytes[index]
            if Byte.isDigit(byte) { return true }
            guard let next = peek(index + 1), Byte.isDigit(next) else { return false }
            if byte == Byte.minus { return grammar.json }
            guard byte == Byte.dot else { return false }
            guard let previous = peek(index - 1) else { return true }
            return !(isNameContinue(previous) || previous == Byte.closeParen || previous == Byte.closeBracket || previous == Byte.dot)
        }

        /// Decimal, hex/binary/octal (`0x`, `0b`, `0o`), a fraction, an exponent, digit
        /// separators, then any letters as a suffix (`1e-5f`, `10u`, `1L`, `2j`, `10n`).
        func numberEnd(from index: Int) -> Int {
            var position = index
            if bytes[position] == Byte.minus { position += 1 }
            func skipDigits(hex: Bool) {
                while position < count {
                    let byte = bytes[position]
                    if hex ? Byte.isHexDigit(byte) : Byte.isDigit(byte) {
                        position += 1
                    } else if grammar.digitSeparators.contains(byte), position > index, let next = peek(position + 1),
                              hex ? Byte.isHexDigit(next) : Byte.isDigit(next) {
                        position += 1
                    } else {
                        return
                    }
                }
            }
            if bytes[position] == Byte.zero, let radix = peek(position + 1), "xXbBoO".utf8.contains(radix),
               let digit = peek(position + 2), Byte.isHexDigit(digit) {
                position += 2
                skipDigits(hex: true)
            } else {
                skipDigits(hex: false)
                // `1.5`, `1.` but not `1..<5` or `1.description`.
                if peek(position) == Byte.dot {
                    let next = peek(position + 1)
                    if next.map({ Byte.isDigit($0) || !(isNameStart($0) || $0 == Byte.dot) }) ?? true {
                        position += 1
                        skipDigits(hex: false)
                    }
                }
                if let e = peek(position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                    var exponent = position + 1
                    if let sign = peek(exponent), sign == Byte.plus || sign == Byte.minus { exponent += 1 }
                    if let digit = peek(exponent), Byte.isDigit(digit) {
                        position = exponent
                        skipDigits(hex: false)
                    }
                }
            }
            while position < count, Self.isBaseNameContinue(bytes[position]) { position += 1 }
            return position
        }

        /// A name: a string prefix, a keyword, literal or type, a function, or plain.
        mutating func word(at index: Int) -> Int {
            let end = nameEnd(from: index)
            if !grammar.stringPrefixes.isEmpty, end - index <= 3, let quote = quote(at: end),
               grammar.stringPrefixes.contains(text(index..<end).lowercased()) {
                let close = stringEnd(quote, contentFrom: end + quote.open.count)
                emitString(quote, index..<close)
                return close
            }
            let name = grammar.caseInsensitiveWords ? text(index..<end).lowercased() : text(index..<end)
            let isMember = peek(index - 1).map { grammar.memberPrefixes.contains($0) } ?? false
            var style: Style?
            if !isMember {
                if grammar.keywords.contains(name) {
                    style = .keyword
                } else if grammar.literals.contains(name) {
                    style = .literal
                } else if grammar.types.contains(name) {
                    style = .type
                }
            }
            if style == nil, grammar.calls, peek(end) == Byte.openParen { style = .function }
            emit(style, index..<end)
            return end
        }

        // MARK: Shell

        /// `#` starts a comment only where a word can start: not in `a#b` (nor `$#`, which
        /// `shellDollar` takes first).
        func isShellWordStart(_ index: Int) -> Bool {
            guard let previous = peek(index - 1) else { return true }
            return Byte.isWhitespace(previous) || ";|&()<>".utf8.contains(previous)
        }

        /// `$name`, `${…}`, `$1`, `$?`… as variables, `$'…'` and `$"…"` as strings; `$(` is
        /// left to the scan.
        mutating func shellDollar(at index: Int) -> Int {
            guard let next = peek(index + 1) else { return index + 1 }
            var end: Int
            switch next {
            case Byte.openBrace:
                end = index + 2
                var depth = 1
                while end < count, bytes[end] != Byte.newline {
                    if bytes[end] == Byte.openBrace { depth += 1 }
                    if bytes[end] == Byte.closeBrace { depth -= 1 }
                    end += 1
                    if depth == 0 { break }
                }
            case Byte.apostrophe, Byte.quote:
                // ANSI-C `$'…'` honours backslashes; `$"…"` is a double-quoted string.
                let quote = Grammar.Quote(next == Byte.quote ? "\"" : "'", multiline: true,
                                          interpolation: next == Byte.quote ? "$(" : nil)
                let close = stringEnd(quote, contentFrom: index + 2)
                emit(.string, index..<close)
                return close
            case _ where Byte.isLetter(next) || next == Byte.underscore:
                end = index + 2
                while end < count, Byte.isLetter(bytes[end]) || Byte.isDigit(bytes[end]) || bytes[end] == Byte.underscore {
                    end += 1
                }
            case _ where Byte.isDigit(next) || "#?$!@*-".utf8.contains(next):
                end = index + 2
            default:
                return index + 1
            }
            emit(.variable, index..<end)
            return end
        }

        /// A here-document still to read: its body starts on the next line.
        struct Heredoc {
            var terminator: [UInt8]
            /// `<<-`: the terminator line may be indented with tabs.
            var stripsTabs: Bool
        }

        /// `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`: notes the here-document (the operator
        /// itself stays plain). `<<<` is a here-string, not a here-document.
        func heredocOperator(at index: Int, heredocs: inout [Heredoc]) -> Int? {
            guard peek(index + 1) == Byte.less, peek(index + 2) != Byte.less else { return nil }
            var position = index + 2
            let stripsTabs = peek(position) == Byte.minus
            if stripsTabs { position += 1 }
            while let byte = peek(position), byte == Byte.space || byte == Byte.tab { position += 1 }
            var quote: UInt8?
            if let byte = peek(position), byte == Byte.apostrophe || byte == Byte.quote {
                quote = byte
                position += 1
            }
            let start = position
            while let byte = peek(position), Self.isBaseNameContinue(byte) || byte == Byte.minus || byte == Byte.dot {
                position += 1
            }
            guard position > start else { return nil }
            let terminator = Array(bytes[start..<position])
            if let quote, peek(position) == quote { position += 1 }
            heredocs.append(Heredoc(terminator: terminator, stripsTabs: stripsTabs))
            return position
        }

        /// Writes the bodies of the here-documents opened on the line before `start` as
        /// strings, each up to its terminator line (which stays plain); returns where the
        /// scan goes on.
        mutating func heredocBodies(_ heredocs: [Heredoc], from start: Int) -> Int {
            var position = start
            for heredoc in heredocs {
                let body = position
                var terminatorLine: Range<Int>?
                while position < count {
                    let lineStart = position
                    let end = lineEnd(from: lineStart)
                    var contentStart = lineStart
                    if heredoc.stripsTabs {
                        while contentStart < end, bytes[contentStart] == Byte.tab { contentStart += 1 }
                    }
                    var next = end
                    while next < count, bytes[next] != Byte.newline { next += 1 }
                    next = min(next + 1, count)
                    if bytes[contentStart..<end].elementsEqual(heredoc.terminator) {
                        terminatorLine = lineStart..<next
                        break
                    }
                    position = next
                }
                emit(.string, body..<(terminatorLine?.lowerBound ?? count))
                position = terminatorLine?.upperBound ?? count
            }
            return position
        }

        // MARK: YAML

        /// YAML, line by line: keys (`key:` after indentation and `- `, quoted keys, keys in
        /// `{…}`), quoted strings (single-line here), `#` comments after a space, plain
        /// scalars that are literals or numbers, and block scalars (`|`, `>`) as strings.
        mutating func yaml() {
            var index = 0
            var flowDepth = 0
            // The column of the node that owns the block scalar being read.
            var blockParent: Int?
            while index < count {
                let lineStart = index
                let end = lineEnd(from: lineStart)
                var content = lineStart
                while content < end, bytes[content] == Byte.space || bytes[content] == Byte.tab { content += 1 }
                if let parent = blockParent, content == end || content - lineStart > parent {
                    // A block scalar's line (blank lines included), `#` and all.
                    emit(.string, content..<end)
                } else {
                    blockParent = nil
                    yamlLine(content..<end, lineStart: lineStart, flowDepth: &flowDepth, blockParent: &blockParent)
                }
                index = end
                while index < count, bytes[index] != Byte.newline { index += 1 }
                index += 1
            }
            finish()
        }

        /// One line's content, from its first non-blank byte.
        mutating func yamlLine(_ line: Range<Int>, lineStart: Int, flowDepth: inout Int, blockParent: inout Int?) {
            let end = line.upperBound
            var index = line.lowerBound
            // The column of the current node: its `- ` or its key.
            var node = index - lineStart
            if index == lineStart, matches(Array("---".utf8), at: index) || matches(Array("...".utf8), at: index),
               peek(index + 3).map({ index + 3 == end || $0 == Byte.space || $0 == Byte.tab }) ?? true {
                index += 3
            }
            func isBlank(_ byte: UInt8?) -> Bool { byte == Byte.space || byte == Byte.tab }
            func isFlowIndicator(_ byte: UInt8) -> Bool { ",[]{}".utf8.contains(byte) }
            while index < end {
                let byte = bytes[index]
                if isBlank(byte) {
                    index += 1
                } else if byte == Byte.hash, index == lineStart || isBlank(peek(index - 1)) {
                    emit(.comment, index..<end)
                    return
                } else if byte == Byte.minus || byte == Byte.question, flowDepth == 0, index + 1 == end || isBlank(peek(index + 1)) {
                    node = index - lineStart
                    index += 1
                } else if byte == Byte.quote || byte == Byte.apostrophe {
                    let quote = byte == Byte.quote ? Grammar.Quote("\"") : Grammar.Quote("'", escapes: false, doubled: true)
                    let close = stringEnd(quote, contentFrom: index + 1, limit: end)
                    var next = close
                    while next < end, isBlank(bytes[next]) { next += 1 }
                    let isKey = next < end && bytes[next] == Byte.colon
                    if isKey { node = index - lineStart }
                    emit(isKey ? .key : .string, index..<close)
                    index = close
                } else if byte == Byte.openBracket || byte == Byte.openBrace {
                    flowDepth += 1
                    index += 1
                } else if byte == Byte.closeBracket || byte == Byte.closeBrace {
                    flowDepth = max(0, flowDepth - 1)
                    index += 1
                } else if byte == Byte.comma || byte == Byte.colon {
                    index += 1
                } else if flowDepth == 0, byte == Byte.pipe || byte == Byte.greater {
                    // `|`, `>-`, `|2`… alone (or before a comment) opens a block scalar.
                    var after = index + 1
                    while after < end, "+-0123456789".utf8.contains(bytes[after]) { after += 1 }
                    var next = after
                    while next < end, isBlank(bytes[next]) { next += 1 }
                    if next == end || (bytes[next] == Byte.hash && next > after) { blockParent = node }
                    index = after
                } else if byte == Byte.ampersand || byte == Byte.star || byte == Byte.bang {
                    // Anchors, aliases and tags stay plain.
                    index += 1
                    while index < end, !isBlank(bytes[index]), !isFlowIndicator(bytes[index]) { index += 1 }
                } else {
                    index = yamlScalar(from: index, end: end, lineStart: lineStart, inFlow: flowDepth > 0, node: &node)
                }
            }
        }

        /// A plain scalar: up to a comment, `: ` (then it is a key) or, inside `[…]`/`{…}`, a
        /// flow indicator. Returns its end.
        mutating func yamlScalar(from start: Int, end: Int, lineStart: Int, inFlow: Bool, node: inout Int) -> Int {
            var position = start
            var isKey = false
            while position < end {
                let byte = bytes[position]
                let next = peek(position + 1)
                if byte == Byte.hash, position > start, bytes[position - 1] == Byte.space || bytes[position - 1] == Byte.tab { break }
                if byte == Byte.colon,
                   position + 1 == end || next == Byte.space || next == Byte.tab || (inFlow && next.map { ",[]{}".utf8.contains($0) } ?? false) {
                    isKey = true
                    break
                }
                if inFlow, ",[]{}".utf8.contains(byte) { break }
                position += 1
            }
            var trimmed = position
            while trimmed > start, bytes[trimmed - 1] == Byte.space || bytes[trimmed - 1] == Byte.tab { trimmed -= 1 }
            let range = start..<trimmed
            if isKey {
                node = start - lineStart
                emit(.key, range)
            } else if Self.yamlLiterals.contains(text(range).lowercased()) {
                emit(.literal, range)
            } else if isYAMLNumber(range) {
                emit(.number, range)
            }
            return max(position, start + 1)
        }

        /// YAML 1.2's core literals, and 1.1's yes/no/on/off because PyYAML (and so most ML
        /// configs) still reads those as booleans.
        static let yamlLiterals: Set<String> = ["true", "false", "null", "~", "yes", "no", "on", "off"]

        /// `1`, `-2_000`, `3.5`, `.5`, `1e-4`, `0x1F`, `0o17`, `.inf`, `-.Inf`, `.nan`.
        func isYAMLNumber(_ range: Range<Int>) -> Bool {
            var position = range.lowerBound
            let end = range.upperBound
            if position < end, bytes[position] == Byte.plus || bytes[position] == Byte.minus { position += 1 }
            guard position < end else { return false }
            if [".inf", ".nan"].contains(text(position..<end).lowercased()) { return true }
            if end - position > 2, bytes[position] == Byte.zero, "xXoO".utf8.contains(bytes[position + 1]) {
                return bytes[(position + 2)..<end].allSatisfy { Byte.isHexDigit($0) || $0 == Byte.underscore }
            }
            var digits = 0
            func skipDigits() {
                while position < end, Byte.isDigit(bytes[position]) || bytes[position] == Byte.underscore {
                    if bytes[position] != Byte.underscore { digits += 1 }
                    position += 1
                }
            }
            skipDigits()
            if position < end, bytes[position] == Byte.dot {
                position += 1
                skipDigits()
            }
            guard digits > 0 else { return false }
            if position < end, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < end, bytes[position] == Byte.plus || bytes[position] == Byte.minus { position += 1 }
                let exponentStart = position
                skipDigits()
                if position == exponentStart { return false }
            }
            return position == end
        }
    }

    /// The ASCII bytes the scanners look at.
    private enum Byte {
        static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        static let space = UInt8(ascii: " "), bang = UInt8(ascii: "!"), quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        static let dollar = UInt8(ascii: "$"), ampersand = UInt8(ascii: "&"), apostrophe = UInt8(ascii: "'")
        static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), star = UInt8(ascii: "*")
        static let plus = UInt8(ascii: "+"), comma = UInt8(ascii: ","), minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
        static let zero = UInt8(ascii: "0"), colon = UInt8(ascii: ":"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
        static let question = UInt8(ascii: "?"), at = UInt8(ascii: "@"), openBracket = UInt8(ascii: "[")
        static let backslash = UInt8(ascii: "\\"), closeBracket = UInt8(ascii: "]"), underscore = UInt8(ascii: "_")
        static let backtick = UInt8(ascii: "`"), openBrace = UInt8(ascii: "{"), pipe = UInt8(ascii: "|")
        static let closeBrace = UInt8(ascii: "}")

        static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
        static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 102) }
        static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == newline || byte == carriageReturn }
    }
}
