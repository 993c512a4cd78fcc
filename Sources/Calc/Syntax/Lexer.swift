import Diagnostics

/// Splits calc source into tokens. Newlines separate statements except inside `( )` and
/// `[ ]`, where an expression may continue on the next line.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private var bracketDepth = 0

    public init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// Every token, ending with `.end`; comments only with `keepComments` (for highlighting).
    public static func tokens(_ source: String, keepComments: Bool = false) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            if token.kind == .comment, !keepComments { continue }
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    mutating func next() throws(Diagnostic) -> Token {
        skipSpaces()
        guard position < bytes.count else { return Token(kind: .end, range: position..<position) }
        let start = position
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: ";"):
            position += 1
            if byte == UInt8(ascii: "\n"), bracketDepth > 0 { return try next() }
            return Token(kind: .separator, range: start..<position)
        case UInt8(ascii: "#"):
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            return Token(kind: .comment, range: start..<position)
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
            if byte == UInt8(ascii: "."), !(position + 1 < bytes.count && isDigit(bytes[position + 1])) { break }
            return try number()
        default:
            if isNameStart(byte) { return name() }
        }
        return try symbol()
    }

    private mutating func skipSpaces() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 32 || byte == 9 || byte == 13 {
                position += 1
            } else if byte == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") {
                position += 2 // an explicit line continuation
            } else {
                return
            }
        }
    }

    private mutating func number() throws(Diagnostic) -> Token {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") { position += 1 }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            var probe = position + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < bytes.count, isDigit(bytes[probe]) {
                position = probe
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if position < bytes.count, isNameStart(bytes[position]) {
            var end = position
            while end < bytes.count, isNameContinue(bytes[end]) { end += 1 }
            throw .error("invalid number '\(String(decoding: bytes[start..<end], as: UTF8.self))'", at: start..<end)
        }
        guard let value = Double(text) else { throw .error("invalid number '\(text)'", at: start..<position) }
        return Token(kind: .number(value), range: start..<position)
    }

    private mutating func string() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        var scalars: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return Token(kind: .string(String(decoding: scalars, as: UTF8.self)), range: start..<position)
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "n"): scalars.append(10)
                case UInt8(ascii: "t"): scalars.append(9)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): scalars.append(escaped)
                default:
                    throw .error("unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a string", at: position..<position + 2,
                                 note: "strings know \\n, \\t, \\\" and \\\\")
                }
                position += 2
                continue
            }
            scalars.append(byte)
            position += 1
        }
        throw .error("unterminated string", at: start..<position, note: "close it with \" on the same line")
    }

    /// Compared as bytes: a `String` raw-value lookup per name costs more than the rest of lexing it.
    private static let keywords = Token.Keyword.allCases.map { (bytes: Array($0.rawValue.utf8), keyword: $0) }

    private mutating func name() -> Token {
        let start = position
        while position < bytes.count, isNameContinue(bytes[position]) { position += 1 }
        let word = bytes[start..<position]
        if let keyword = Self.keywords.first(where: { $0.bytes.elementsEqual(word) })?.keyword {
            return Token(kind: .keyword(keyword), range: start..<position)
        }
        return Token(kind: .name(String(decoding: word, as: UTF8.self)), range: start..<position)
    }

    private mutating func symbol() throws(Diagnostic) -> Token {
        let start = position
        let next = position + 1 < bytes.count ? bytes[position + 1] : 0
        let symbol: Token.Symbol?
        var length = 1
        switch bytes[position] {
        case UInt8(ascii: "+"): symbol = .plus
        case UInt8(ascii: "-"): symbol = .minus
        case UInt8(ascii: "*"):
            if next == UInt8(ascii: "*") { (symbol, length) = (.power, 2) } else { symbol = .star }
        case UInt8(ascii: "/"): symbol = .slash
        case UInt8(ascii: "@"): symbol = .at
        case UInt8(ascii: "^"): symbol = .caret
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { (symbol, length) = (.equal, 2) } else { symbol = .assign }
        case UInt8(ascii: "!"):
            symbol = next == UInt8(ascii: "=") ? .notEqual : nil
            length = 2
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { (symbol, length) = (.lessEqual, 2) } else { symbol = .less }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { (symbol, length) = (.greaterEqual, 2) } else { symbol = .greater }
        case UInt8(ascii: ","): symbol = .comma
        case UInt8(ascii: ":"): symbol = .colon
        case UInt8(ascii: "("): symbol = .leftParen
        case UInt8(ascii: ")"): symbol = .rightParen
        case UInt8(ascii: "["): symbol = .leftBracket
        case UInt8(ascii: "]"): symbol = .rightBracket
        case UInt8(ascii: "{"): symbol = .leftBrace
        case UInt8(ascii: "}"): symbol = .rightBrace
        default: symbol = nil
        }
        if let symbol {
            position += length
            switch symbol {
            case .leftParen, .leftBracket: bracketDepth += 1
            case .rightParen, .rightBracket: bracketDepth = max(0, bracketDepth - 1)
            default: break
            }
            return Token(kind: .symbol(symbol), range: start..<position)
        }
        // One whole (possibly multi-byte) character, for the message.
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[position..<end], as: UTF8.self)
        throw .error("unexpected character '\(character)'", at: start..<end)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private func isNameStart(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte == 95 }
    private func isNameContinue(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }
}
