import DiaryMath

/// A value of the calc language.
public enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// A tensor of rank 1 or more (a 0-d result is always a `.number`).
    case tensor(Tensor)
    /// A list whose elements are not all numbers or tensors of one shape.
    case list([Value])
    case table(Table)
    case chart(Chart)
    /// `range(...)`, kept lazy so that `for i in range(n)` allocates nothing.
    case range(start: Double, stop: Double, step: Double)
    case none

    /// A tensor as a value: 0-d tensors become numbers.
    public init(_ tensor: Tensor) {
        if tensor.isScalar, let value = tensor.scalarValue {
            self = .number(value)
        } else {
            self = .tensor(tensor)
        }
    }

    /// What a user calls this kind of value in messages.
    public var typeName: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .tensor(let t): return "a tensor of shape \(Tensor.describe(shape: t.shape))"
        case .list: return "a list"
        case .table: return "a table"
        case .chart: return "a chart"
        case .range: return "a range"
        case .none: return "None"
        }
    }
}

extension Value {
    /// The most bytes a string value holds.
    public static let maximumStringBytes = 1 << 20
    /// How deep lists nest (a list of lists of lists).
    public static let maximumListDepth = 3

    /// 0 for anything but a list; 1 + the deepest item for a list. Lists never nest
    /// deeper than ``maximumListDepth`` + 1 when this is asked, so it stays cheap.
    var listDepth: Int {
        guard case .list(let items) = self else { return 0 }
        return 1 + (items.lazy.map(\.listDepth).max() ?? 0)
    }

    /// The text of the value inside prose (`{{ }}` and `diary eval`): whole numbers
    /// without decimals (`465`), others with at most `digits` decimals and trailing zeros
    /// trimmed (`1.25`, `1.6667`), vectors as `[1, 2.5, 3]`, strings as they are.
    public func inlineText(digits: Int) -> String {
        switch self {
        case .number(let x): return NumberFormat.readable(x, digits: digits, trailingZeros: false)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .tensor(let t): return Self.nested(t, digits: digits)
        case .list(let items): return "[" + items.map { $0.inlineText(digits: digits) }.joined(separator: ", ") + "]"
        case .table(let table): return "table(\(table.columns.joined(separator: ", ")); \(table.rows.count) rows)"
        case .chart(let chart): return chart.summary
        case .range(let start, let stop, let step):
            let parts = [start, stop, step].map { NumberFormat.readable($0, digits: digits, trailingZeros: false) }
            return "range(\(parts.joined(separator: ", ")))"
        case .none: return "None"
        }
    }

    /// A tensor of more elements than this is summarised in prose, as NumPy prints it:
    /// the first and last three items of every axis around `…`.
    public static let summaryThreshold = 1000

    private static func nested(_ t: Tensor, digits: Int) -> String {
        let shape = t.shape
        let summarise = t.count > summaryThreshold
        return t.withUnsafeBufferPointer { values in
            func render(_ offset: Int, _ axis: Int, _ stride: Int) -> String {
                if axis == shape.count { return NumberFormat.readable(values[offset], digits: digits, trailingZeros: false) }
                let length = shape[axis]
                let inner = stride / max(length, 1)
                let positions: [Int?] = summarise && length > 6 ? [0, 1, 2, nil, length - 3, length - 2, length - 1] : Array(0..<length)
                return "[" + positions.map { $0.map { render(offset + $0 * inner, axis + 1, inner) } ?? "…" }.joined(separator: ", ") + "]"
            }
            return render(0, 0, t.count)
        }
    }
}
