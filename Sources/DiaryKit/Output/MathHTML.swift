import Diagnostics

/// A math span rendered for HTML: inline within text, and standalone when a display
/// formula is a paragraph of its own.
struct RenderedMath: Sendable {
    var span: MathSpan
    var inline: String
    var standalone: String
}

/// Turns a note's math spans into MathML. A formula the converter cannot render is shown
/// as its escaped TeX source with class `math-error`, and a warning says where.
struct MathRenderer: Sendable {
    let cache: MathCache

    init(cache: MathCache = MathCache()) { self.cache = cache }

    func render(_ span: MathSpan, diagnostics: inout [Diagnostic]) -> RenderedMath {
        do {
            let math = try cache.mathML(span.tex, display: span.isDisplay)
            return RenderedMath(span: span, inline: math, standalone: span.isDisplay ? "<div class=\"math-display\">\(math)</div>" : math)
        } catch {
            let offset = min(max(span.texStart + error.offset, span.range.lowerBound), max(span.range.lowerBound, span.range.upperBound - 1))
            diagnostics.append(.warning("\(error.message); the formula is shown as TeX source", kind: .unsupportedMath,
                                        at: offset..<offset + 1))
            let source = Escaping.html(span.isDisplay ? "$$\(span.tex)$$" : "$\(span.tex)$")
            return RenderedMath(span: span,
                                inline: "<code class=\"math-error\">\(source)</code>",
                                standalone: "<pre class=\"math-error\"><code>\(source)</code></pre>")
        }
    }
}
