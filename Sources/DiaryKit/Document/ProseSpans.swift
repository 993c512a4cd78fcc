/// A piece of TeX math in a note, found before cmark-gfm parses so that markdown never
/// touches it.
struct MathSpan: Sendable, Equatable {
    enum Style: Sendable, Equatable {
        /// `$x$`
        case inline
        /// GitHub's `` $`x`$ ``
        case inlineBacktick
        /// `$$x$$`
        case display
        /// A ```` ```math ```` fence.
        case fence
    }

    var style: Style
    /// The whole span in the file, delimiters included.
    var range: Range<Int>
    /// The TeX source: delimiters and container prefixes (`> `) removed, trimmed.
    var tex: String
    /// File offset of the TeX's first byte (exact on its first line), for warnings.
    var texStart: Int

    var isDisplay: Bool { style == .display || style == .fence }
}

/// A `{{ EXPR }}` in prose.
struct Placeholder: Sendable, Equatable {
    /// `{{` to `}}` inclusive.
    var range: Range<Int>
    /// The text between the braces.
    var expression: Range<Int>
    /// Inside a raw HTML block or tag: the value is HTML-escaped, not markdown-escaped.
    var inHTML: Bool
}
