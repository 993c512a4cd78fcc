/// A token of TeX math source, with its byte offset in the source.
struct TeXToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `\name`, or `\` and one non-letter (`\,`, `\{`, `\\`).
        case command(String)
        case character(Unicode.Scalar)
        case beginGroup, endGroup, caret, underscore, alignment
        /// `#1` … `#9` in a macro's body.
        case parameter(Int)
        case space
        case end
    }

    var kind: Kind
    var offset: Int
}

/// Splits TeX math into tokens; `%` comments are dropped, `~` is a non-breaking space.
enum TeXLexer {
    /// Plain TeX's spellings of what the parser reads as tokens: `\cr` and `\newline` end a
    /// row like `\\`, `\bgroup` and `\egroup` are braces.
    private static let synonyms: [String: TeXToken.Kind] = [
        "cr": .command("\\"), "newline": .command("\\"), "bgroup": .beginGroup, "egroup": .endGroup,
    ]

    static func tokens(_ tex: String) -> [TeXToken] {
        var tokens: [TeXToken] = []
        let scalars = Array(tex.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let start = offsets[i]
            switch scalar {
            case "\\":
                var end = i + 1
                if end < scalars.count, scalars[end].properties.isAlphabetic, scalars[end].isASCII {
                    while end < scalars.count, scalars[end].isASCII, scalars[end].properties.isAlphabetic { end += 1 }
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
                    tokens.append(TeXToken(kind: Self.synonyms[name] ?? .command(name), offset: start))
                    i = end
                } else if end < scalars.count {
                    tokens.append(TeXToken(kind: .command(String(scalars[end])), offset: start))
                    i = end + 1
                } else {
                    tokens.append(TeXToken(kind: .character("\\"), offset: start))
                    i = end
                }
                continue
            case "%":
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                continue
            case "{": tokens.append(TeXToken(kind: .beginGroup, offset: start))
            case "}": tokens.append(TeXToken(kind: .endGroup, offset: start))
            case "^": tokens.append(TeXToken(kind: .caret, offset: start))
            case "_": tokens.append(TeXToken(kind: .underscore, offset: start))
            case "&": tokens.append(TeXToken(kind: .alignment, offset: start))
            case "#" where i + 1 < scalars.count && ("1"..."9").contains(scalars[i + 1]):
                tokens.append(TeXToken(kind: .parameter(Int(scalars[i + 1].value) - 48), offset: start))
                i += 2
                continue
            case "~": tokens.append(TeXToken(kind: .command("nobreakspace"), offset: start))
            case " ", "\t", "\n", "\r":
                if tokens.last?.kind != .space { tokens.append(TeXToken(kind: .space, offset: start)) }
            default:
                tokens.append(TeXToken(kind: .character(scalar), offset: start))
            }
            i += 1
        }
        tokens.append(TeXToken(kind: .end, offset: offset))
        return tokens
    }
}
