/// A problem found in a user's file: an error or a warning with its byte range.
///
/// Every layer, from the calc lexer to the site and the preview server, reports problems
/// with this one type. The range is in UTF-8 byte offsets of the text the producer was
/// given; a ``SourceFile`` turns it into `path:line:column` when the diagnostic is printed.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// What a diagnostic is about, where something else than the message depends on it:
    /// which errors only follow from an earlier one, and which repeat one another.
    public enum Kind: Sendable, Hashable {
        /// Anything without a more specific kind.
        case general
        /// A name that is not defined (`unknown name 'x'`): after a cell failed, an error
        /// about a name it would have assigned is only a consequence.
        case unknownName(String)
        /// TeX the converter cannot render: the formula is shown as its source.
        case unsupportedMath
        /// A `\ref` or `\eqref` to a label the note does not define.
        case unknownLabel(String)
        /// Chart points with NaN or infinities that were not drawn.
        case skippedPoints
    }

    public var severity: Severity
    public var kind: Kind
    public var message: String
    /// UTF-8 byte offsets; an empty range points between two bytes.
    public var range: Range<Int>
    /// An extra line printed under the caret (`note: ...`).
    public var note: String?

    public init(_ severity: Severity = .error, _ kind: Kind = .general, _ message: String, at range: Range<Int>,
                note: String? = nil) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.range = range
        self.note = note
    }

    public static func error(_ message: String, kind: Kind = .general, at range: Range<Int>, note: String? = nil) -> Diagnostic {
        Diagnostic(.error, kind, message, at: range, note: note)
    }

    public static func warning(_ message: String, kind: Kind = .general, at range: Range<Int>, note: String? = nil) -> Diagnostic {
        Diagnostic(.warning, kind, message, at: range, note: note)
    }

    /// The same diagnostic with its range moved by `offset` bytes, for text that was
    /// analysed on its own and sits inside a larger file.
    public func shifted(by offset: Int) -> Diagnostic {
        var copy = self
        copy.range = (range.lowerBound + offset)..<(range.upperBound + offset)
        return copy
    }

    /// Diagnostics that say the same thing again: one kind (or, for general ones, one
    /// message) and one severity. Printing caps how many of a family are shown.
    var family: Family {
        switch kind {
        case .general: Family(severity: severity, kind: .general, message: message)
        case .unknownName: Family(severity: severity, kind: .unknownName(""), message: "")
        case .unknownLabel: Family(severity: severity, kind: .unknownLabel(""), message: "")
        case .unsupportedMath, .skippedPoints: Family(severity: severity, kind: kind, message: "")
        }
    }

    struct Family: Hashable {
        var severity: Severity
        var kind: Kind
        var message: String
    }
}

/// Several diagnostics thrown together, so that a stage can report all its problems.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
