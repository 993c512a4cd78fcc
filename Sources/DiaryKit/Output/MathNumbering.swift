import Diagnostics

/// Equation numbers and references of one note, filled into its rendered formulas: the
/// numbered equations count 1, 2, 3… in document order (numbers restart per note); a
/// `\label` names its equation's number; `\ref` and `\eqref` show that number and link to
/// the equation, before or after it. An unknown label is a warning with "did you mean".
enum MathNumbering {
    static func apply(_ formulas: inout [RenderedMath], diagnostics: inout [Diagnostic]) {
        guard formulas.contains(where: { $0.markup.containsBytes(of: MathMarker.prefix, anchor: 1) }) else { return }
        var next = 1
        var numbers: [String: String] = [:]
        // Numbers first, so that a reference may come before its equation.
        for index in formulas.indices where formulas[index].markup.containsBytes(of: MathMarker.prefix, anchor: 1) {
            formulas[index].markup = replacingMarkers(in: formulas[index].markup) { marker in
                guard case let .number(label, tag, parenthesized) = marker else { return nil }
                let number: String
                if let tag {
                    number = tag
                } else {
                    number = String(next)
                    next += 1
                }
                if let label {
                    if numbers[label] != nil {
                        let span = formulas[index].span
                        diagnostics.append(.warning("the label '\(label)' is defined twice; references show the first", kind: .general,
                                                    at: span.range.lowerBound..<span.range.lowerBound + 1))
                    } else {
                        numbers[label] = number
                    }
                }
                let shown = Escaping.xml(parenthesized ? "(\(number))" : number)
                let id = label.map { " id=\"\(anchor($0))\"" } ?? ""
                return "<mtext\(id)>\(shown)</mtext>"
            }
        }
        for index in formulas.indices where formulas[index].markup.containsBytes(of: MathMarker.prefix, anchor: 1) {
            formulas[index].markup = replacingMarkers(in: formulas[index].markup) { marker in
                guard case let .reference(label, parenthesized) = marker else { return nil }
                guard let number = numbers[label] else {
                    var message = "no equation has the label '\(label)'"
                    if let suggestion = Suggestion.closest(to: label, among: numbers.keys) { message += "; did you mean '\(suggestion)'?" }
                    let span = formulas[index].span
                    diagnostics.append(.warning(message, kind: .unknownLabel(label), at: span.range.lowerBound..<span.range.lowerBound + 1))
                    return "<span class=\"math-error\">(??)</span>"
                }
                let shown = Escaping.xml(parenthesized ? "(\(number))" : number)
                return "<a href=\"#\(anchor(label))\">\(shown)</a>"
            }
        }
    }

    /// The id of a labelled equation: `eq-` and the label (`eq-eq:loss`), characters
    /// outside letters, digits, `-`, `_` and `:` written as `.XX` (their UTF-8 in hex), so
    /// ids never collide.
    static func anchor(_ label: String) -> String {
        var id = "eq-"
        for byte in label.utf8 {
            if byte.isASCIIAlphanumeric || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") {
                id.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                id += "." + String(byte, radix: 16, uppercase: true)
            }
        }
        return id
    }

    /// The markup with each marker that `replacement` answers for replaced.
    private static func replacingMarkers(in markup: String, _ replacement: (MathMarker) -> String?) -> String {
        var out = ""
        var rest = markup[...]
        while let start = rest.range(of: MathMarker.prefix) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: MathMarker.suffix) else { break }
            let body = rest[start.upperBound..<end.lowerBound]
            if let marker = MathMarker(body: body), let text = replacement(marker) {
                out += text
            } else {
                out += rest[start.lowerBound..<end.upperBound]
            }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
