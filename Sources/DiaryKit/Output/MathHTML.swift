import Diagnostics

/// A math span rendered for HTML.
struct RenderedMath: Sendable {
    var span: MathSpan
    /// The `<math>` element (with ``MathMarker``s until ``MathNumbering`` replaces them),
    /// or, when the converter failed, the escaped TeX source.
    var markup: String
    var failed: Bool

    /// Within text. Display math in a paragraph is a block of its own all the same:
    /// a `span` styled as a block, since a `div` cannot sit in a `<p>`.
    var inline: String {
        if failed { return "<code class=\"math-error\">\(markup)</code>" }
        return span.isDisplay ? "<span class=\"math-display\">\(markup)</span>" : markup
    }

    /// A display formula that is a paragraph (or a fence) of its own.
    var standalone: String {
        if failed { return span.isDisplay ? "<pre class=\"math-error\"><code>\(markup)</code></pre>" : "<code class=\"math-error\">\(markup)</code>" }
        return span.isDisplay ? "<div class=\"math-display\">\(markup)</div>" : markup
    }
}

/// Turns a note's math spans into MathML, in document order: a macro a formula defines
/// applies to the formulas after it. A formula the converter cannot render is shown as its
/// escaped TeX source with class `math-error`, and a warning says where.
struct MathRenderer: Sendable {
    let cache: MathCache

    init(cache: MathCache = MathCache()) { self.cache = cache }

    func render(_ span: MathSpan, macros: inout TeXMacros, diagnostics: inout [Diagnostic]) -> RenderedMath {
        do {
            let converted = try cache.convert(span.tex, display: span.isDisplay, macros: macros)
            macros = converted.macros
            return RenderedMath(span: span, markup: converted.markup, failed: false)
        } catch {
            let offset = min(max(span.texStart + error.offset, span.range.lowerBound), max(span.range.lowerBound, span.range.upperBound - 1))
            diagnostics.append(.warning("\(error.message); the formula is shown as TeX source", kind: .unsupportedMath,
                                        at: offset..<offset + 1))
            let source = Escaping.html(span.isDisplay ? "$$\(span.tex)$$" : "$\(span.tex)$")
            return RenderedMath(span: span, markup: source, failed: true)
        }
    }

    /// Macros from `diary.yml` or front matter, checked; a bad one is an error at its definition.
    static func macros(_ definitions: [MacroDefinition], base: TeXMacros = .builtIn,
                       diagnostics: inout [Diagnostic]) -> TeXMacros {
        var macros = base
        for definition in definitions {
            do {
                macros.define(definition.name, try TeXMacros.macro(body: definition.body, parameters: definition.parameters))
            } catch {
                diagnostics.append(.error("macro \\\(definition.name): \(error.message)", at: definition.offset..<definition.offset))
            }
        }
        return macros
    }
}
