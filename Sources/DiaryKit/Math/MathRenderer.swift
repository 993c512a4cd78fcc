import Diagnostics
import Synchronization

/// A math span rendered for HTML: inline within text, and standalone when a display
/// formula is a paragraph of its own.
struct RenderedMath: Sendable {
    var span: MathSpan
    var inline: String
    var standalone: String
}

/// Turns math spans into MathML at build time. A formula the converter cannot render is
/// shown as its escaped TeX source with class `math-error`, and a warning says where.
struct MathRenderer: Sendable {
    /// Formulas recur (μ, σ², the update rule of every note): each is converted once per run.
    let cache = MathCache()

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

/// Converted formulas by TeX and mode, shared by the threads of a run.
final class MathCache: Sendable {
    /// Enough for the formulas a diary repeats; a site of 10,000 notes with distinct
    /// formulas must not keep them all (about 1 KB of MathML each).
    static let capacity = 4096

    private let entries = Mutex<[String: Result<String, TeXError>]>([:])

    /// How many formulas are kept.
    var count: Int { entries.withLock { $0.count } }

    func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        let key = (display ? "D" : "I") + tex
        if let cached = entries.withLock({ $0[key] }) { return try cached.get() }
        let result: Result<String, TeXError>
        do {
            result = .success(try TeXParser.mathML(tex, display: display))
        } catch {
            result = .failure(error)
        }
        entries.withLock { if $0.count < Self.capacity { $0[key] = result } }
        return try result.get()
    }
}
