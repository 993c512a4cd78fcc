import Calc

/// A math span rendered for HTML: inline within text, and standalone when a display
/// formula is a paragraph of its own.
struct RenderedMath: Sendable {
    var span: MathSpan
    var inline: String
    var standalone: String
}

/// Turns math spans into HTML.
struct MathRenderer: Sendable {
    func render(_ span: MathSpan, diagnostics: inout [Diagnostic]) -> RenderedMath {
        let tex = Escaping.html(span.tex)
        let kind = span.isDisplay ? "display" : "inline"
        return RenderedMath(span: span,
                            inline: "<span class=\"math \(kind)\">\(tex)</span>",
                            standalone: "<div class=\"math \(kind)\">\(tex)</div>")
    }
}
