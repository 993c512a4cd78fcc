import Calc
import Diagnostics

/// A calc cell's results in either output format.
enum CellWriter {
    // MARK: Markdown

    /// The displays as GFM blocks separated by blank lines, every line starting with
    /// `prefix` (the container prefix of the cell, such as `> `).
    static func markdown(_ displays: [Display], error: Diagnostic?, file: SourceFile, prefix: String, charts: inout ChartFiles) -> String {
        var blocks = displays.map { markdown($0, charts: &charts) }
        if let error { blocks.append(markdownError(error, file: file)) }
        let blank = prefix.trimmingWhitespaceAndNewlines().isEmpty ? "" : prefix.trimmingWhitespaceAndNewlines()
        return blocks.map { block in
            block.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
        }.joined(separator: "\n" + blank + "\n")
    }

    static func markdown(_ display: Display, charts: inout ChartFiles) -> String {
        switch display {
        case .chart(let chart):
            let link = charts.file(for: chart)
            let title = (chart.title ?? chart.summary).replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "[", with: "\\[")
            return "![\(title)](\(link))"
        case .line(let label, let text):
            return label.isEmpty ? Escaping.markdown(text) : "`\(label)` = \(Escaping.markdown(text))"
        case .text(let lines):
            let fence = String(repeating: "`", count: max(3, (lines.map(longestBacktickRun).max() ?? 0) + 1))
            return ([fence + "text"] + lines + [fence]).joined(separator: "\n")
        case .table(let table):
            func row(_ cells: [String]) -> String { "| " + cells.map(markdownCell).joined(separator: " | ") + " |" }
            let rule = "|" + table.numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|"
            return ([row(table.headers), rule] + table.rows.map(row)).joined(separator: "\n")
        }
    }

    static func markdownError(_ error: Diagnostic, file: SourceFile) -> String {
        let (line, column) = file.location(of: error.range.lowerBound)
        return "> **Error** at \(Escaping.markdown(file.path)):\(line):\(column): \(Escaping.markdown(error.message))"
    }

    /// A table cell: markdown escaped, so a `|` never splits the row.
    private static func markdownCell(_ text: String) -> String {
        text.isEmpty ? " " : Escaping.markdown(text)
    }

    private static func longestBacktickRun(_ line: String) -> Int {
        var longest = 0, current = 0
        for character in line.utf8 {
            current = character == UInt8(ascii: "`") ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    // MARK: HTML

    static func html(source: String?, _ displays: [Display], error: Diagnostic?, file: SourceFile, charts: inout ChartFiles) -> String {
        var out = "<div class=\"calc-cell\">\n"
        if let source { out += "<pre class=\"calc-source\"><code class=\"language-calc\">\(Highlighter.html(source))</code></pre>\n" }
        if !displays.isEmpty || error != nil {
            out += "<div class=\"calc-output\">\n"
            for display in displays { out += html(display, charts: &charts) }
            if let error { out += htmlError(error, file: file) }
            out += "</div>\n"
        }
        return out + "</div>\n"
    }

    static func html(_ display: Display, charts: inout ChartFiles) -> String {
        switch display {
        case .chart(let chart):
            return "<figure class=\"calc-chart\">\n" + ChartSVG(chart: chart, id: charts.nextID()).svg() + "</figure>\n"
        case .line(let label, let text):
            let value = "<span class=\"calc-value\">\(Escaping.html(text))</span>"
            return label.isEmpty ? "<p class=\"calc-line\">\(value)</p>\n"
                : "<p class=\"calc-line\"><code>\(Escaping.html(label))</code> = \(value)</p>\n"
        case .text(let lines):
            return "<pre class=\"calc-print\">\(Escaping.html(lines.joined(separator: "\n")))</pre>\n"
        case .table(let table):
            func cell(_ tag: String, _ text: String, _ column: Int) -> String {
                let numeric = column < table.numeric.count && table.numeric[column]
                return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(Escaping.html(text))</\(tag)>"
            }
            var out = "<table class=\"calc-table\">\n<thead>\n<tr>"
            out += table.headers.enumerated().map { cell("th", $0.element, $0.offset) }.joined()
            out += "</tr>\n</thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>" + row.enumerated().map { cell("td", $0.element, $0.offset) }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        }
    }

    static func htmlError(_ error: Diagnostic, file: SourceFile) -> String {
        let (line, column) = file.location(of: error.range.lowerBound)
        return "<div class=\"calc-error\" role=\"alert\"><strong>Error</strong> at \(Escaping.html(file.path)):\(line):\(column): \(Escaping.html(error.message))</div>\n"
    }

    /// An inline value that failed (with `--keep-going`).
    static func inlineErrorHTML(_ error: Diagnostic) -> String {
        "<span class=\"calc-error\" role=\"alert\">\(Escaping.html(error.message))</span>"
    }
}

/// Syntax highlighting of calc source, from the language's own lexer.
enum Highlighter {
    static func html(_ source: String) -> String {
        guard let tokens = try? Lexer.tokens(source, keepComments: true) else { return Escaping.html(source) }
        let bytes = Array(source.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        var position = 0
        func copyEscaped(_ range: Range<Int>) {
            bytes.withUnsafeBufferPointer { Escaping.append(UnsafeBufferPointer(rebasing: $0[range]), to: &out) }
        }
        for (index, token) in tokens.enumerated() {
            let range = token.range
            guard range.lowerBound >= position, range.upperBound <= bytes.count else { continue }
            copyEscaped(position..<range.lowerBound)
            let kind: String?
            switch token.kind {
            case .number: kind = "num"
            case .string: kind = "str"
            case .comment: kind = "com"
            case .keyword: kind = "kw"
            case .name: kind = index + 1 < tokens.count && tokens[index + 1].kind == .symbol(.leftParen) ? "fn" : nil
            case .symbol(let symbol):
                // Operators stand out; brackets and punctuation stay plain.
                switch symbol {
                case .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .comma, .colon: kind = nil
                default: kind = "op"
                }
            case .separator, .end: kind = nil
            }
            if let kind {
                out.appendUTF8(of: "<span class=\"tok-")
                out.appendUTF8(of: kind)
                out.appendUTF8(of: "\">")
                copyEscaped(range)
                out.appendUTF8(of: "</span>")
            } else {
                copyEscaped(range)
            }
            position = range.upperBound
        }
        copyEscaped(min(position, bytes.count)..<bytes.count)
        return String(decoding: out, as: UTF8.self)
    }
}
