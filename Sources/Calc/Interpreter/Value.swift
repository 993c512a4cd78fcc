/// A value of the calc language.
public enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
}

extension Value {
    /// The text of the value inside prose (`{{ }}` and `diary eval`): whole numbers
    /// without decimals (`465`), others with at most `digits` decimals and trailing zeros
    /// trimmed (`1.25`, `1.6667`), strings as they are.
    public func inlineText(digits: Int) -> String {
        switch self {
        case .number(let x): return NumberFormat.trimmed(x, digits: digits)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }
}
