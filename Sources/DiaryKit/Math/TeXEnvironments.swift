/// `\begin{…}` … `\end{…}`: matrices, cases, alignments, arrays and the numbered
/// environments of amsmath.
extension TeXParser {
    /// What an environment is made of.
    private struct Layout {
        /// Display-style cells (alignments, `dcases`).
        var displayCells = false
        /// Columns in pairs, right then left (`align`, `aligned`).
        var aligned = false
        /// Each row gets an equation number unless `\notag` (`align`, `gather`, `equation`).
        var numbered = false
        /// A numbered environment's starred form: no numbers, but a row's `\tag` shows.
        var tagsOnly = false
        /// One number for the whole environment, on its last row (`multline`, `equation`).
        var oneNumber = false
        var fences: (String, String)?
        /// How cells align: l, c or r per column (the last repeats); nil for the defaults.
        var alignment: [Character]?
        /// Takes an argument: a column count (`alignat`) or a column spec (`array`).
        var argument: Argument = .none

        enum Argument { case none, count, columns, optionalAlignment }
    }

    private static func layout(of name: String) -> Layout? {
        let base = name.hasSuffix("*") ? String(name.dropLast()) : name
        let starred = name.hasSuffix("*")
        var layout = Layout()
        switch base {
        case "matrix", "smallmatrix": break
        case "pmatrix": layout.fences = ("(", ")")
        case "bmatrix": layout.fences = ("[", "]")
        case "Bmatrix": layout.fences = ("{", "}")
        case "vmatrix": layout.fences = ("|", "|")
        case "Vmatrix": layout.fences = ("‖", "‖")
        case "cases": layout.fences = ("{", ""); layout.alignment = ["l", "l"]
        case "dcases": layout.fences = ("{", ""); layout.alignment = ["l", "l"]; layout.displayCells = true
        case "rcases": layout.fences = ("", "}"); layout.alignment = ["l", "l"]
        case "drcases": layout.fences = ("", "}"); layout.alignment = ["l", "l"]; layout.displayCells = true
        case "aligned", "split": layout.aligned = true; layout.displayCells = true
        case "alignedat": layout.aligned = true; layout.displayCells = true; layout.argument = .count
        case "align", "flalign", "eqnarray":
            layout.aligned = base != "eqnarray"
            layout.alignment = base == "eqnarray" ? ["r", "c", "l"] : nil
            layout.displayCells = true
            layout.numbered = !starred
        case "alignat": layout.aligned = true; layout.displayCells = true; layout.numbered = !starred; layout.argument = .count
        case "gathered": layout.displayCells = true
        case "gather": layout.displayCells = true; layout.numbered = !starred
        case "multline": layout.displayCells = true; layout.numbered = !starred; layout.oneNumber = true
        case "equation": layout.displayCells = true; layout.numbered = !starred; layout.oneNumber = true
        case "array", "darray": layout.argument = .columns; layout.displayCells = base == "darray"
        case "subarray": layout.argument = .columns
        default: return nil
        }
        if starred, ["align", "flalign", "eqnarray", "alignat", "gather", "multline", "equation"].contains(base) { layout.tagsOnly = true }
        // matrix* and friends take an optional column alignment: [l], [c] or [r].
        if starred, ["matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"].contains(base) {
            layout.argument = .optionalAlignment
        }
        return layout
    }

    mutating func environment(at offset: Int) throws(TeXError) -> TeXAtom {
        let name = try rawGroup().trimmingWhitespaceAndNewlines()
        guard var layout = Self.layout(of: name) else {
            throw TeXError(message: "unknown environment '\(name)'", offset: offset)
        }
        if layout.numbered || layout.tagsOnly, !isDisplay {
            throw TeXError(message: "the \(name) environment is numbered display math: write it between $$ and $$", offset: offset)
        }
        var borders = ColumnBorders()
        switch layout.argument {
        case .none: break
        case .count: _ = try rawGroup()
        case .optionalAlignment:
            if let spec = try optionalRawBracket() { layout.alignment = spec.filter { "lcr".contains($0) }.map { $0 } }
        case .columns:
            (layout.alignment, borders) = Self.columns(try rawGroup())
        }
        let saved = (display, equation)
        display = layout.displayCells
        var body = try nested { (parser: inout TeXParser) throws(TeXError) in
            try parser.tableRows(environment: name, numbering: layout.numbered && !layout.oneNumber ? .automatic
                                 : layout.tagsOnly && !layout.oneNumber ? .tagsOnly : .none, at: offset)
        }
        display = saved.0
        equation = saved.1
        if !layout.numbered, !layout.tagsOnly {
            // A \label or \tag inside an unnumbered environment (aligned in a $$ block)
            // belongs to the equation around it.
            for row in body.equations {
                if equation.label == nil { equation.label = row.label }
                if equation.tag == nil { equation.tag = row.tag }
                if row.suppressed { equation.suppressed = true }
            }
        }
        if name.hasPrefix("equation"), body.rows.count > 1 {
            throw TeXError(message: "an equation has one line: use align or aligned inside it for several", offset: offset)
        }
        if layout.oneNumber, layout.numbered || layout.tagsOnly {
            // One number for the whole environment, the last row's (or any row's label).
            let label = body.equations.compactMap(\.label).first
            let tag = body.equations.compactMap(\.tag).first
            let suppressed = body.equations.contains(where: \.suppressed)
            let marker = layout.numbered ? Equation(label: label, tag: tag, suppressed: suppressed).marker(numbered: true)
                : tag.flatMap { _ in Equation(label: label, tag: tag).marker(numbered: false) }
            body.numbers = body.rows.indices.map { $0 == body.rows.count - 1 ? marker : nil }
        }
        if name.hasPrefix("equation") {
            let content = MathElement.row(body.rows.first?.flatMap { cell -> [TeXAtom] in
                if case .row(let atoms) = cell { return atoms }
                return [TeXAtom(kind: .ordinary, element: cell)]
            } ?? [])
            return try finish(name, [[content]], numbers: body.numbers, columnStyles: { _ in nil }, displayCells: true, fences: nil)
        }
        let cells = layout.aligned ? body.rows.map { row in row.enumerated().map { column, cell -> MathElement in
            // The right half of a pair starts after an empty atom, so `&=` spaces like `a =`.
            guard column % 2 == 1, case .row(let atoms) = cell else { return cell }
            return .row([TeXAtom(kind: .ordinary, element: .row([]))] + atoms)
        } } : body.rows
        let columns = cells.map(\.count).max() ?? 0
        let style: (Int) -> String?
        if layout.aligned {
            style = { column in
                let side = column % 2 == 0 ? "-webkit-right" : "-webkit-left"
                return "text-align:\(side);padding-left:\(column > 0 && column % 2 == 0 ? "1em" : "0em");padding-right:0em"
            }
        } else if let alignment = layout.alignment {
            let fenced = layout.fences != nil
            style = { column in
                let letter = alignment.isEmpty ? "c" : alignment[min(column, alignment.count - 1)]
                var css = "text-align:" + (letter == "l" ? "-webkit-left" : letter == "r" ? "-webkit-right" : "center")
                if fenced { css += ";padding-left:\(column == 0 ? "0em" : "1em");padding-right:0em" }
                return css + borders.css(column: column, of: columns)
            }
        } else {
            // Matrices: no padding outside the first and last columns, so fences sit close.
            style = { column in
                var css: [String] = []
                if column == 0 { css.append("padding-left:0em") }
                if column == columns - 1 { css.append("padding-right:0em") }
                return css.isEmpty ? nil : css.joined(separator: ";")
            }
        }
        let table = try finish(name, cells, numbers: body.numbers, columnStyles: style, displayCells: layout.displayCells, fences: layout.fences,
                               rowBorders: body.rowBorders)
        let small = name == "smallmatrix" || name == "subarray"
        return small ? TeXAtom(kind: table.kind, element: .node("mstyle", [("scriptlevel", "1")], [table.element]), opensWithFence: table.opensWithFence) : table
    }

    /// The table, numbered when any row has a number, and fenced.
    private mutating func finish(_ name: String, _ cells: [[MathElement]], numbers: [MathElement?], columnStyles: (Int) -> String?,
                                 displayCells: Bool, fences: (String, String)?, rowBorders: [String?] = []) throws(TeXError) -> TeXAtom {
        if numbers.contains(where: { $0 != nil }) {
            rowsNumbered = true
            return TeXAtom(kind: .ordinary, element: Self.numbered(cells, numbers: numbers, columnStyles: columnStyles))
        }
        let table = self.table(cells, columnStyles: columnStyles, displayCells: displayCells, rowBorders: rowBorders)
        guard let (open, close) = fences else { return TeXAtom(kind: .ordinary, element: table) }
        var atoms: [TeXAtom] = []
        if !open.isEmpty { atoms.append(TeXAtom(kind: .open, element: .mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")]))) }
        atoms.append(TeXAtom(kind: .ordinary, element: table))
        if !close.isEmpty { atoms.append(TeXAtom(kind: .close, element: .mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")]))) }
        return TeXAtom(kind: .ordinary, element: .row(atoms), opensWithFence: !open.isEmpty)
    }

    /// A table whose rows carry equation numbers at the right margin: a spacer column on
    /// each side, half the width each, centres the equations; the number sits right in the
    /// last (MathML Core has no labelled rows).
    static func numbered(_ rows: [[MathElement]], numbers: [MathElement?], columnStyles: (Int) -> String?) -> MathElement {
        let rowElements = rows.enumerated().map { index, cells -> MathElement in
            let number = index < numbers.count ? numbers[index] : nil
            let content = cells.enumerated().map { column, cell in
                MathElement.node("mtd", columnStyles(column).map { [("style", $0)] } ?? [], [cell])
            }
            return .node("mtr", [], [.node("mtd", [("class", "eqn-pad"), ("style", "width:50%;padding:0")], [])] + content
                + [.node("mtd", [("class", "eqn-num"), ("style", "width:50%;padding:0;text-align:-webkit-right")], number.map { [$0] } ?? [])])
        }
        return .node("mtable", [("displaystyle", "true"), ("class", "eqn"), ("style", "width:100%")], rowElements)
    }

    private struct Rows {
        var rows: [[MathElement]] = []
        var equations: [Equation] = []
        var numbers: [MathElement?] = []
        /// A border above each row (`\hline`), as CSS.
        var rowBorders: [String?] = []
    }

    /// Cells separated by `&`, rows by `\\`, up to `\end{name}`; each row's `\label`,
    /// `\tag` and `\notag`, and `\hline` between rows.
    enum RowNumbering { case none, automatic, tagsOnly }

    private mutating func tableRows(environment name: String, numbering: RowNumbering, at offset: Int) throws(TeXError) -> Rows {
        var result = Rows()
        var cells: [MathElement] = []
        var border: String?
        equation = Equation()
        func endRow(_ parser: inout TeXParser) {
            result.rows.append(cells)
            result.equations.append(parser.equation)
            switch numbering {
            case .automatic: result.numbers.append(parser.equation.marker(numbered: true))
            // Starred forms (align*) still show a \tag.
            case .tagsOnly: result.numbers.append(parser.equation.tag != nil ? parser.equation.marker(numbered: false) : nil)
            case .none: result.numbers.append(nil)
            }
            result.rowBorders.append(border)
            parser.equation = Equation()
            cells = []
            border = nil
        }
        while true {
            skipSpaces()
            if cells.isEmpty, case .command(let rule) = current.kind, rule == "hline" || rule == "hdashline" {
                advance()
                border = "border-top:1px \(rule == "hline" ? "solid" : "dashed") currentColor"
                continue
            }
            let cell = try row(until: { $0 == .alignment || $0 == .command("\\") || $0 == .command("end") || $0 == .command("hline") || $0 == .command("hdashline") })
            cells.append(.row(cell))
            let token = current
            switch token.kind {
            case .alignment:
                advance()
            case .command("\\"):
                advance()
                skipOptionalBracket()
                endRow(&self)
            case .command("hline"), .command("hdashline"):
                // A rule right after a row's last cell belongs above the next row.
                cells.removeLast()
                if !cells.isEmpty { endRow(&self) }
            case .command("end"):
                advance()
                let closing = try rawGroup()
                guard closing == name else {
                    throw TeXError(message: "\\begin{\(name)} is closed by \\end{\(closing)}", offset: token.offset)
                }
                // A trailing \\ leaves an empty last row.
                if !(cells.count == 1 && cell.isEmpty) { endRow(&self) }
                return result
            default:
                throw TeXError(message: "\\begin{\(name)} is not closed", offset: offset)
            }
        }
    }

    /// An `mtable`; `columnStyles` gives each column's CSS (Chromium ignores `columnalign`).
    func table(_ rows: [[MathElement]], columnStyles: (Int) -> String?, displayCells: Bool, rowBorders: [String?] = []) -> MathElement {
        let rowElements = rows.enumerated().map { index, cells -> MathElement in
            let border = index < rowBorders.count ? rowBorders[index] : nil
            return .node("mtr", [], cells.enumerated().map { column, cell in
                let style = [columnStyles(column), border].compactMap { $0 }.joined(separator: ";")
                return .node("mtd", style.isEmpty ? [] : [("style", style)], [cell])
            })
        }
        return .node("mtable", displayCells ? [("displaystyle", "true")] : [], rowElements)
    }

    /// Vertical rules between the columns of an `array` (`|` solid, `:` dashed).
    struct ColumnBorders {
        /// For each column boundary (0 is before the first column), its rule.
        var rules: [Int: String] = [:]

        func css(column: Int, of count: Int) -> String {
            var css = ""
            if let left = rules[column] { css += ";border-left:\(left)" }
            if column == count - 1, let right = rules[count] { css += ";border-right:\(right)" }
            return css
        }
    }

    /// An `array` column spec (`{|rl:c||}`): alignments and rules.
    static func columns(_ spec: String) -> (alignment: [Character], borders: ColumnBorders) {
        var alignment: [Character] = []
        var borders = ColumnBorders()
        var previous: Character?
        for character in spec {
            switch character {
            case "l", "c", "r": alignment.append(character)
            case "|": borders.rules[alignment.count] = previous == "|" ? "3px double currentColor" : "1px solid currentColor"
            case ":": borders.rules[alignment.count] = "1px dashed currentColor"
            default: break
            }
            previous = character
        }
        return (alignment, borders)
    }
}
