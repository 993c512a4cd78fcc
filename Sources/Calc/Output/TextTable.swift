extension TableLayout {
    /// The table as aligned plain text for a terminal: numeric columns right-aligned,
    /// a dashed rule under the header.
    public func plainText() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return numeric[column] ? padding + text : text + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        let rule = widths.map { String(repeating: "-", count: max($0, 1)) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

extension Display {
    /// The display as terminal text (`diary eval`): a line shows only its value.
    public func plainText() -> String {
        switch self {
        case .line(_, let text): return text
        case .text(let lines): return lines.joined(separator: "\n")
        case .table(let table): return table.plainText()
        case .chart(let chart): return chart.summary
        }
    }
}
