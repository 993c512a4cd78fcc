import DiaryMath

/// A value laid out for display, with every number already formatted: what a cell shows.
public enum Display: Sendable, Equatable {
    /// A one-line result: `label = text`.
    case line(label: String, text: String)
    /// Printed text, one string per line.
    case text([String])
    case table(TableLayout)
    case chart(Chart)
}

/// A table with formatted cells and the alignment of each column.
public struct TableLayout: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns holding only numbers: right-aligned.
    public var numeric: [Bool]

    public init(headers: [String], rows: [[String]], numeric: [Bool]) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }
}

extension Display {
    /// How a displayed value looks: scalars as a line, vectors and matrices as tables
    /// (numbers with `digits` decimals), strings as text.
    public static func of(_ value: Value, label: String, digits: Int) -> Display? {
        switch value {
        case .none: return nil
        case .string(let text): return .text(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        case .number, .bool, .list, .range: return .line(label: label, text: value.inlineText(digits: digits))
        case .table(let table): return .table(TableLayout(table, digits: digits))
        case .chart(let chart): return .chart(chart)
        case .tensor(let tensor): return .table(TableLayout(tensor, label: label, digits: digits))
        }
    }
}

extension TableLayout {
    /// A table value: each column formatted on its own (see ``format(column:digits:)``).
    public init(_ table: Table, digits: Int) {
        headers = table.columns
        let columns = table.columns.indices.map { index in table.rows.map { index < $0.count ? $0[index] : .none } }
        let formatted = columns.map { TableLayout.format(column: $0, digits: digits) }
        rows = table.rows.indices.map { row in formatted.map { $0.texts[row] } }
        numeric = formatted.map(\.numeric)
    }

    /// A vector as one column with its index; a matrix with a column per index; higher
    /// ranks as rows of their last axis, labelled with the leading indices.
    public init(_ tensor: Tensor, label: String, digits: Int) {
        let shape = tensor.shape
        let values = tensor.scalars
        let columns = shape.count == 1 ? 1 : shape[shape.count - 1]
        let rowCount = columns == 0 ? 0 : values.count / columns
        var leading: [String] = []
        for row in 0..<rowCount {
            var index: [Int] = []
            var rest = row
            for length in shape.dropLast(shape.count == 1 ? 0 : 1).reversed() {
                index.insert(rest % length, at: 0)
                rest /= length
            }
            leading.append(index.map(String.init).joined(separator: ", "))
        }
        let dataColumns = (0..<columns).map { j in (0..<rowCount).map { Value.number(values[$0 * columns + j]) } }
        let formatted = dataColumns.map { TableLayout.format(column: $0, digits: digits) }
        headers = [""] + (shape.count == 1 ? [label] : (0..<columns).map(String.init))
        rows = (0..<rowCount).map { row in [leading[row]] + formatted.map { $0.texts[row] } }
        numeric = [true] + formatted.map(\.numeric)
        if shape.count > 1 { headers[0] = label }
    }

    /// Formats a column: numbers with `digits` decimals, or without decimals when every
    /// number of the column is whole; NaN and infinities as `NaN`, `inf`, `-inf`.
    static func format(column: [Value], digits: Int) -> (texts: [String], numeric: Bool) {
        let numbers = column.compactMap { value -> Double? in
            if case .number(let x) = value { return x }
            return nil
        }
        let numeric = !column.isEmpty && numbers.count == column.count
        let whole = numbers.allSatisfy { !$0.isFinite || ($0 == $0.rounded() && abs($0) < 1e15) }
        let texts = column.map { value -> String in
            if case .number(let x) = value { return NumberFormat.fixed(x, digits: whole ? 0 : digits) }
            return value.inlineText(digits: digits)
        }
        return (texts, numeric)
    }
}
