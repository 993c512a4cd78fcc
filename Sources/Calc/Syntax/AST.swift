/// The syntax tree of calc source. Every node carries its byte range in the source.
public indirect enum Expression: Sendable {
    case number(Double, Range<Int>)
    case string(String, Range<Int>)
    case bool(Bool, Range<Int>)
    case none(Range<Int>)
    case name(String, Range<Int>)
    /// `[a, b, ...]`
    case list([Expression], Range<Int>)
    case unary(UnaryOperator, Expression, Range<Int>)
    case binary(BinaryOperator, Expression, Expression, operatorRange: Range<Int>, Range<Int>)
    case call(name: String, nameRange: Range<Int>, arguments: [Argument], Range<Int>)
    case index(Expression, [IndexItem], Range<Int>)

    public var range: Range<Int> {
        switch self {
        case .number(_, let r), .string(_, let r), .bool(_, let r), .none(let r), .name(_, let r), .list(_, let r),
             .unary(_, _, let r), .binary(_, _, _, _, let r), .call(_, _, _, let r), .index(_, _, let r):
            return r
        }
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-", not
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or
}

/// A call argument, positional or `name = value`.
public struct Argument: Sendable {
    public var label: String?
    public var labelRange: Range<Int>?
    public var value: Expression
}

/// One item inside `x[...]`.
public enum IndexItem: Sendable {
    case single(Expression)
    case slice(start: Expression?, stop: Expression?, step: Expression?, Range<Int>)
}

public indirect enum Statement: Sendable {
    case assign(name: String, nameRange: Range<Int>, value: Expression)
    case expression(Expression)
    case forLoop(variable: String, variableRange: Range<Int>, sequence: Expression, body: [Statement], Range<Int>)
    case ifElse(condition: Expression, then: [Statement], otherwise: [Statement]?, Range<Int>)
}
