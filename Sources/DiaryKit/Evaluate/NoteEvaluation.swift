import Calc
import Diagnostics

/// The computed parts of one note, in document order.
struct NoteEvaluation: Sendable {
    struct Filled: Sendable {
        var placeholder: Placeholder
        /// The value as text, not yet escaped for any output format; nil when it failed.
        var text: String?
        /// The error, located in the file, when evaluation failed.
        var error: Diagnostic?
    }

    struct Cell: Sendable {
        var block: BlockMap.CodeBlock
        var options: CellOptions
        /// What the cell shows, formatted.
        var displays: [Display]
        /// The error that stopped the cell, located in the file.
        var error: Diagnostic?
    }

    /// What was run: the cells and values, in document order.
    struct Inputs: Sendable, Equatable {
        var cells: [BlockMap.CodeBlock]
        var placeholders: [Placeholder]
    }

    var inputs: Inputs
    var placeholders: [Filled] = []
    var cells: [Cell] = []
    /// Every error and warning, located in the file.
    var diagnostics: [Diagnostic] = []
}

/// Runs a note's calc cells and `{{ }}` values in document order in one session: a value
/// sees the variables of the cells above it. The note's built-in names (dates, counters)
/// are predefined, read-only variables.
struct NoteEvaluator {
    let names: BuiltinNames
    let file: SourceFile
    let digits: Int
    let limits: Limits

    init(context: RenderContext, note: Note, limits: Limits = Limits()) {
        names = BuiltinNames(context: context, note: note)
        file = note.file
        digits = note.frontMatter.digits ?? context.config.digits
        self.limits = limits
    }

    /// The cells and values of a note, as a scan of its prose on `map` finds them.
    func inputs(_ scan: ProseScanner.Result, map: BlockMap) -> NoteEvaluation.Inputs {
        NoteEvaluation.Inputs(cells: map.codeBlocks.filter(\.isCell), placeholders: scan.placeholders)
    }

    func evaluate(_ scan: ProseScanner.Result, map: BlockMap) -> NoteEvaluation {
        let inputs = inputs(scan, map: map)
        var evaluation = NoteEvaluation(inputs: inputs)
        var session = Session(names: names, limits: limits)
        // Names a failed cell would have set: errors about them later are consequences.
        var poisoned: Set<String> = []
        var cells = inputs.cells.makeIterator()
        var placeholders = inputs.placeholders.makeIterator()
        var nextCell = cells.next(), nextPlaceholder = placeholders.next()
        while nextCell != nil || nextPlaceholder != nil {
            if let cell = nextCell, nextPlaceholder.map({ file.lineStarts[cell.lines.lowerBound - 1] < $0.range.lowerBound }) ?? true {
                evaluation.run(cell, in: &session, evaluator: self, poisoned: &poisoned)
                nextCell = cells.next()
            } else if let placeholder = nextPlaceholder {
                evaluation.fill(placeholder, in: &session, evaluator: self, poisoned: poisoned)
                nextPlaceholder = placeholders.next()
            }
        }
        return evaluation
    }

    /// Whether a diagnostic only follows from an earlier failed cell.
    static func isConsequence(_ diagnostic: Diagnostic, of poisoned: Set<String>) -> Bool {
        guard case .unknownName(let name) = diagnostic.kind else { return false }
        return poisoned.contains(name)
    }
}

private extension NoteEvaluation {
    mutating func run(_ block: BlockMap.CodeBlock, in session: inout Session, evaluator: NoteEvaluator,
                      poisoned: inout Set<String>) {
        let fenceStart = evaluator.file.lineStarts[block.lines.lowerBound - 1]
        let fenceLine = fenceStart..<fenceStart + evaluator.file.lineText(block.lines.lowerBound).utf8.count
        var cell = Cell(block: block, options: CellOptions(), displays: [], error: nil)
        do {
            cell.options = try CellOptions(info: block.info, at: fenceLine)
        } catch {
            cell.error = error
            diagnostics.append(error)
            poisoned.formUnion(Session.assignedNames(in: block.literal))
            cells.append(cell)
            return
        }
        let digits = cell.options.digits ?? evaluator.digits
        session.digits = digits
        let run = session.run(cell: block.literal)
        for output in run.outputs {
            switch output {
            case .value(let label, let value):
                if let display = Display.of(value, label: label, digits: digits) { cell.displays.append(display) }
            case .text(let line):
                // Consecutive printed lines are one block of text, gathered in place (a
                // copy per line would make 100,000 prints quadratic).
                if case .text(var lines) = cell.displays.last {
                    cell.displays[cell.displays.count - 1] = .text([])
                    lines.append(line)
                    cell.displays[cell.displays.count - 1] = .text(lines)
                } else {
                    cell.displays.append(.text([line]))
                }
            }
        }
        if let log = run.log { cell.displays.append(.table(TableLayout(log, digits: digits))) }
        for warning in run.warnings { diagnostics.append(warning.located(in: block)) }
        if let error = run.error.map({ $0.located(in: block) }) {
            if !NoteEvaluator.isConsequence(error, of: poisoned) { diagnostics.append(error) }
            cell.error = error
            poisoned.formUnion(Session.assignedNames(in: block.literal))
        }
        cells.append(cell)
    }

    mutating func fill(_ placeholder: Placeholder, in session: inout Session, evaluator: NoteEvaluator, poisoned: Set<String>) {
        let source = String(evaluator.file.text(in: placeholder.expression))
        var result: Result<Value, Diagnostic> = session.evaluate(expression: source)
        if case .success(.table) = result {
            result = .failure(.error("a table cannot be written inline; display it in a calc cell", at: 0..<source.utf8.count))
        }
        switch result {
        case .success(let value):
            placeholders.append(Filled(placeholder: placeholder, text: value.inlineText(digits: evaluator.digits)))
        case .failure(let diagnostic):
            var located = diagnostic.shifted(by: placeholder.expression.lowerBound)
            if source.trimmingWhitespaceAndNewlines().isEmpty {
                located = .error("empty placeholder '{{}}'", at: placeholder.range, note: "write '\\{{' for literal braces")
            }
            if !NoteEvaluator.isConsequence(located, of: poisoned) { diagnostics.append(located) }
            placeholders.append(Filled(placeholder: placeholder, text: nil, error: located))
        }
    }
}

private extension Diagnostic {
    /// The diagnostic of a cell's source, moved to the cell's place in the file.
    func located(in block: BlockMap.CodeBlock) -> Diagnostic {
        var moved = self
        let start = block.fileOffset(ofLiteralOffset: range.lowerBound)
        let end = block.fileOffset(ofLiteralOffset: max(range.lowerBound, range.upperBound))
        moved.range = start..<max(start, end)
        return moved
    }
}
