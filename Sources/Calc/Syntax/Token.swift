/// A token of the calc language, with its byte range in the source.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case name(String)
        case keyword(Keyword)
        case symbol(Symbol)
        /// A statement separator: a newline outside brackets, or `;`.
        case separator
        case comment
        case end
    }

    public enum Keyword: String, Sendable, CaseIterable {
        case `for`, `in`, `if`, `else`, and, or, not, `true`, `false`, none = "None"
    }

    public enum Symbol: String, Sendable, CaseIterable {
        case plus = "+", minus = "-", star = "*", slash = "/", at = "@", caret = "^", power = "**"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case assign = "=", comma = ",", colon = ":"
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case leftBrace = "{", rightBrace = "}"
    }

    public var kind: Kind
    public var range: Range<Int>
}
