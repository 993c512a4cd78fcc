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
    /// A table of more rows than this shows its first and last ``edgeRows`` rows around
    /// a row of `…`; likewise for columns. A page (and a terminal) stays readable, and a
    /// tensor of 10^8 elements formats forty numbers, not 10^8.
    public static let maximumRows = 100
    public static let maximumColumns = 20
    static let edgeRows = 10
    static let edgeColumns = 10
    static let ellipsis = "…"

    /// The positions of `count` items that are shown: all of them, or the edges with nil
    /// where the cut is.
    static func shown(_ count: Int, limit: Int, edge: Int) -> [Int?] {
        count <= limit ? Array(0..<count) : Array(0..<edge) + [nil] + Array((count - edge)..<count)
    }

    /// A table value: each column formatted on its own (see ``format(column:digits:)``).
    public init(_ table: Table, digits: Int) {
        let rowPositions = Self.shown(table.rows.count, limit: Self.maximumRows, edge: Self.edgeRows)
        let columnPositions = Self.shown(table.columns.count, limit: Self.maximumColumns, edge: Self.edgeColumns)
        headers = columnPositions.map { $0.map { table.columns[$0] } ?? Self.ellipsis }
        var columns: [(texts: [String], numeric: Bool)] = []
        for position in columnPositions {
            guard let position else {
                columns.append((rowPositions.map { _ in Self.ellipsis }, false))
                continue
            }
            let cells = table.rows.map { position < $0.count ? $0[position] : .none }
            columns.append(Self.format(column: cells, digits: digits, rows: rowPositions))
        }
        rows = rowPositions.indices.map { row in columns.map { $0.texts[row] } }
        numeric = columns.map(\.numeric)
    }

    /// A vector as one column with its index; a matrix with a column per index; higher
    /// ranks as rows of their last axis, labelled with the leading indices. The tensor is
    /// one array: its numbers print without decimals only when all of them are whole.
    public init(_ tensor: Tensor, label: String, digits: Int) {
        let shape = tensor.shape
        let columnCount = shape.count == 1 ? 1 : shape[shape.count - 1]
        let rowCount = columnCount == 0 ? 0 : tensor.count / columnCount
        let rowPositions = Self.shown(rowCount, limit: Self.maximumRows, edge: Self.edgeRows)
        let columnPositions = Self.shown(columnCount, limit: Self.maximumColumns, edge: Self.edgeColumns)
        let decimals = tensor.withUnsafeBufferPointer { values in
            values.allSatisfy { !$0.isFinite || ($0 == $0.rounded() && abs($0) < 1e15) } ? 0 : digits
        }
        headers = [shape.count == 1 ? "" : label]
            + (shape.count == 1 ? [label] : columnPositions.map { $0.map(String.init) ?? Self.ellipsis })
        rows = tensor.withUnsafeBufferPointer { values in
            rowPositions.map { row -> [String] in
                guard let row else { return Array(repeating: Self.ellipsis, count: columnPositions.count + 1) }
                // The leading indices of the row, as NumPy would index it.
                var index: [Int] = []
                var rest = row
                for length in shape.dropLast(shape.count == 1 ? 0 : 1).reversed() {
                    index.insert(rest % length, at: 0)
                    rest /= length
                }
                return [index.map(String.init).joined(separator: ", ")] + columnPositions.map { column in
                    column.map { NumberFormat.readable(values[row * columnCount + $0], digits: decimals, trailingZeros: true) }
                        ?? Self.ellipsis
                }
            }
        }
        numeric = Array(repeating: true, count: headers.count)
    }

    /// Formats the cells at `rows` (nil: a `…` row) of a column: numbers with `digits`
    /// decimals, or without decimals when every number of the column is whole; NaN and
    /// infinities as `NaN`, `inf`, `-inf`; see ``NumberFormat/readable(_:digits:trailingZeros:)``.
    static func format(column: [Value], digits: Int, rows: [Int?]) -> (texts: [String], numeric: Bool) {
        var numbers = 0
        var whole = true
        for value in column {
            guard case .number(let x) = value else { continue }
            numbers += 1
            if x.isFinite, x != x.rounded() || abs(x) >= 1e15 { whole = false }
        }
        let numeric = !column.isEmpty && numbers == column.count
        let texts = rows.map { row -> String in
            guard let row else { return Self.ellipsis }
            if case .number(let x) = column[row] { return NumberFormat.readable(x, digits: whole ? 0 : digits, trailingZeros: true) }
            return column[row].inlineText(digits: digits)
        }
        return (texts, numeric)
    }
}
