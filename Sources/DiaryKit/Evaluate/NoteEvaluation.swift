import Calc

/// The computed parts of one note: the text of every placeholder, in document order.
struct NoteEvaluation: Sendable {
    struct Filled: Sendable {
        var placeholder: Placeholder
        /// The value as text, not yet escaped for any output format.
        var text: String
    }

    var placeholders: [Filled] = []
    var diagnostics: [Diagnostic] = []
}

/// Evaluates a note's placeholders in document order.
///
/// An expression is resolved against the built-in names; the calc language will widen
/// `{{ }}` to full expressions with these names as predefined read-only variables.
struct NoteEvaluator {
    let names: BuiltinNames
    let file: SourceFile
    let digits: Int

    init(context: RenderContext, note: Note) {
        names = BuiltinNames(context: context, note: note)
        file = note.file
        digits = note.frontMatter.digits ?? context.config.digits
    }

    func evaluate(_ scan: ProseScanner.Result) -> NoteEvaluation {
        var evaluation = NoteEvaluation()
        for placeholder in scan.placeholders {
            switch value(of: placeholder) {
            case .success(let value):
                evaluation.placeholders.append(.init(placeholder: placeholder, text: value.inlineText(digits: digits)))
            case .failure(let diagnostic):
                evaluation.diagnostics.append(diagnostic)
            }
        }
        return evaluation
    }

    private func value(of placeholder: Placeholder) -> Result<Value, Diagnostic> {
        let source = file.text(in: placeholder.expression)
        let name = source.trimmingWhitespaceAndNewlines()
        let leading = source.utf8.prefix { isWhitespace($0) }.count
        let start = placeholder.expression.lowerBound + leading
        let range = start..<start + name.utf8.count
        guard !name.isEmpty else {
            return .failure(.error("empty placeholder '{{}}'", at: placeholder.range,
                                   note: "write '\\{{' for literal braces"))
        }
        guard name.utf8.allSatisfy({ isASCIILetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }),
              let first = name.utf8.first, !isDigit(first) else {
            return .failure(.error("expected a name such as DATE_PRETTY in '{{ }}', found '\(name)'", at: range))
        }
        switch names.resolve(name) {
        case .value(let value):
            return .success(value)
        case .failure(let message, let note):
            return .failure(.error(message, at: range, note: note))
        case .unknown:
            var message = "unknown name '\(name)'"
            if let suggestion = Suggestion.closest(to: name, among: names.candidates(near: name)) {
                message += "; did you mean '\(suggestion)'?"
            }
            return .failure(.error(message, at: range))
        }
    }
}
