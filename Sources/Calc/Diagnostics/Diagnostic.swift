/// A problem found in a user's file: an error or a warning with its byte range.
///
/// Every stage, from the calc lexer to the site layer, reports problems with this one
/// type. The range is in UTF-8 byte offsets of the text the producer was given; a
/// ``SourceFile`` turns it into `path:line:column` when the diagnostic is printed.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    /// UTF-8 byte offsets; an empty range points between two bytes.
    public var range: Range<Int>
    /// An extra line printed under the caret (`note: ...`).
    public var note: String?

    public init(_ severity: Severity = .error, _ message: String, at range: Range<Int>, note: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.note = note
    }

    public static func error(_ message: String, at range: Range<Int>, note: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: range, note: note)
    }

    public static func warning(_ message: String, at range: Range<Int>, note: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: range, note: note)
    }

    /// The same diagnostic with its range moved by `offset` bytes, for text that was
    /// analysed on its own and sits inside a larger file.
    public func shifted(by offset: Int) -> Diagnostic {
        var copy = self
        copy.range = (range.lowerBound + offset)..<(range.upperBound + offset)
        return copy
    }
}

/// Several diagnostics thrown together, so that a stage can report all its problems.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// The diagnostics of one file, with the file that locates them.
public struct FileDiagnostics: Error, Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]

    public init(_ file: SourceFile, _ diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Every diagnostic, rendered as a compiler would, in file order.
    public func rendered() -> String {
        diagnostics.sorted { $0.range.lowerBound < $1.range.lowerBound }.map(file.render).joined()
    }
}
