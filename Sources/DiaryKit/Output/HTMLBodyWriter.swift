import Diagnostics

/// HTML output of a note's body.
///
/// Math and other pre-rendered parts cannot go through cmark-gfm (it would add emphasis,
/// eat backslashes, split table cells), so each is replaced by a token before parsing
/// and swapped for its HTML afterwards. A token is one code point from Unicode's
/// Supplementary Private Use Area-B: cmark treats it as an ordinary letter and copies it
/// through unchanged. Values of placeholders are plain text, so they are inserted into
/// the markdown, escaped, before parsing, exactly as in markdown output.
struct HTMLBodyWriter {
    /// What a token stands for.
    enum Fragment {
        /// Rendered math, with the span's TeX for attributes and plain text.
        case math(RenderedMath)
        /// A block that replaces the whole `<pre>` of the fenced block holding the token.
        case block(html: String)
        /// Inline HTML (a failed value shown with `--keep-going`); its text in attributes.
        case inline(html: String, text: String)
        /// A code point of the token range that was already in the note.
        case literal(Unicode.Scalar)
    }

    struct Body {
        var html: [UInt8]
        /// Plain text of the first heading, tokens resolved (for the page title).
        var firstHeading: String?
        /// Plain text of the first paragraph (for the index).
        var firstParagraph: String?
        /// The first paragraph as HTML (formulas and values in place; links kept as text),
        /// for a list of notes.
        var firstParagraphHTML: String?
        /// Warnings about math the converter does not know; an error when the note has
        /// more computed parts than tokens.
        var diagnostics: [Diagnostic]
        /// The blocks of this parse in the note's body lines: what confirms a block map
        /// the scanner made (see ``BlockMapProvider``).
        var parsedBlocks: [MarkdownBlock]
        /// The headings, with the ids the HTML gives them (a table of contents).
        var headings: [HeadingAnchors.Heading] = []
        /// Files the note links to beside it: output path → source path.
        var linkedFiles: [String: String] = [:]
        /// Whether the page shows any formula (then it needs the math font).
        var hasMath = false
        /// Words of prose (a formula counts as one), for the reading time.
        var words = 0
    }

    /// Tokens are the code points U+100000 to U+10FFFD: 65,534 of them per note.
    static let tokenBase: UInt32 = 0x100000
    static let tokenLimit: UInt32 = 0x10FFFD

    let math: MathRenderer
    /// The site's macros (`diary.yml`); a note's front matter adds its own.
    var macros = TeXMacros.builtIn

    /// The body's HTML.
    func write(_ evaluated: EvaluatedNote) -> Body {
        let (note, map, scan, evaluation) = (evaluated.note, evaluated.map, evaluated.scan, evaluated.evaluation)
        var diagnostics: [Diagnostic] = []
        var fragments: [Fragment] = []
        var edits: [TextEdit] = []
        var overflow: Int?
        /// The token standing for `fragment`, or nil (and an error, once) when the note has used them all.
        func token(for fragment: Fragment, at offset: Int) -> String? {
            guard let scalar = Unicode.Scalar(Self.tokenBase + UInt32(fragments.count)), scalar.value <= Self.tokenLimit else {
                overflow = overflow ?? offset
                return nil
            }
            fragments.append(fragment)
            return String(scalar)
        }
        for filled in evaluation.placeholders {
            if let value = filled.text {
                var text = filled.placeholder.inHTML ? Escaping.html(value) : Escaping.markdown(value)
                // A value holding the code points tokens use (a calc string can) keeps them
                // as literal tokens, as the note's own text does, or they would be read as tokens.
                if text.unicodeScalars.contains(where: { $0.value >= Self.tokenBase }) {
                    var kept = ""
                    for scalar in text.unicodeScalars {
                        if scalar.value < Self.tokenBase {
                            kept.unicodeScalars.append(scalar)
                        } else if let literal = token(for: .literal(scalar), at: filled.placeholder.range.lowerBound) {
                            kept += literal
                        }
                    }
                    text = kept
                }
                edits.append(TextEdit(range: filled.placeholder.range, replacement: text))
            } else if let error = filled.error,
                      let token = token(for: .inline(html: CellWriter.inlineErrorHTML(error), text: "error: \(error.message)"),
                                        at: filled.placeholder.range.lowerBound) {
                edits.append(TextEdit(range: filled.placeholder.range, replacement: token))
            }
        }
        var charts = ChartFiles(outputPath: note.relativePath)
        for cell in evaluation.cells {
            guard let content = Self.contentRange(of: cell.block, in: note.file) else { continue }
            let displays = cell.options.output ? cell.displays : []
            let html = cell.options.echo || !displays.isEmpty || cell.error != nil
                ? CellWriter.html(source: cell.options.echo ? cell.block.literal : nil, displays, error: cell.error, file: note.file,
                                  charts: &charts)
                : ""
            if let token = token(for: .block(html: html), at: content.lowerBound) {
                edits.append(TextEdit(range: content, replacement: token))
            }
        }
        // Fenced code in a language the highlighter knows: highlighted at build time.
        for block in map.codeBlocks where block.isFenced && !block.isCell && !block.isMathFence {
            guard let content = Self.contentRange(of: block, in: note.file),
                  let highlighted = CodeHighlighter.html(block.literal, language: block.language) else { continue }
            let language = Escaping.html(block.language)
            let html = "<pre><code class=\"language-\(language)\">\(highlighted)</code></pre>\n"
            if let token = token(for: .block(html: html), at: content.lowerBound) {
                edits.append(TextEdit(range: content, replacement: token))
            }
        }
        edits += scan.escapes.filter(\.inHTML).map { TextEdit(range: $0.range, replacement: "{{") }
        // Formulas in document order (a macro applies after its definition), then the
        // note's equation numbers and references.
        var noteMacros = MathRenderer.macros(note.frontMatter.macros, base: macros, diagnostics: &diagnostics)
        var formulas = scan.math.map { math.render($0, macros: &noteMacros, diagnostics: &diagnostics) }
        MathNumbering.apply(&formulas, diagnostics: &diagnostics)
        for rendered in formulas {
            let span = rendered.span
            if span.style == .fence {
                guard let block = map.codeBlocks.first(where: { note.file.lineStarts[$0.lines.lowerBound - 1] == span.range.lowerBound }),
                      let content = Self.contentRange(of: block, in: note.file) else { continue }
                if let token = token(for: .block(html: rendered.standalone), at: span.range.lowerBound) {
                    edits.append(TextEdit(range: content, replacement: token))
                }
            } else if let token = token(for: .math(rendered), at: span.range.lowerBound) {
                edits.append(TextEdit(range: span.range, replacement: token))
            }
        }
        edits = TextEdit.sorted(edits)
        edits += literalTokens(in: note, avoiding: edits) { token(for: $0, at: $1) }
        edits = TextEdit.sorted(edits)
        if let overflow {
            let limit = Int(Self.tokenLimit - Self.tokenBase) + 1
            diagnostics.append(.error("this note has more than \(limit) formulas, cells and inline values, more than a page can hold",
                                      at: overflow..<overflow, note: "split the note into several"))
        }

        var lineOrigins: [Int]? = []
        let markdown = TextEdit.applyBytes(edits, to: note.text, in: note.bodyStart..<note.text.utf8.count, lineOrigins: &lineOrigins)
        let document = MarkdownDocument(
            parsing: markdown, options: [.footnotes, .unsafe],
            extensions: [.table, .strikethrough, .autolink, .tagfilter, .tasklist])
        let parsedBlocks = Self.bodyLines(of: document.blocks(), lineOrigins: lineOrigins ?? [], note: note)
        let linkedFiles = LinkedFiles.resolve(document.linkDestinations(), of: note)
        document.rewriteLinks(Self.noteLinkToPage)
        // Headings and words are found before the formulas' MathML is put in: a pass over
        // the short text with tokens, not over the long MathML.
        let parsedHTML = document.renderHTMLBytes()
        let words = HeadingAnchors.wordCount(parsedHTML)
        let (anchored, headings) = HeadingAnchors.process(parsedHTML) { inner in
            HeadingAnchors.plainText(Self.detokenize(Array(inner), fragments: fragments, plain: true)[...])
        }
        let html = Self.detokenize(anchored, fragments: fragments)
        let plain = { (text: String?) in
            text.map { String(decoding: Self.detokenize(Array($0.utf8), fragments: fragments, plain: true), as: UTF8.self) }
        }
        return Body(html: html, firstHeading: plain(document.firstPlainText(of: .heading)),
                    firstParagraph: plain(document.firstPlainText(of: .paragraph)),
                    firstParagraphHTML: document.firstHTML(of: .paragraph).map {
                        String(decoding: SummaryHTML.clean(Self.detokenize($0, fragments: fragments)), as: UTF8.self)
                    },
                    diagnostics: diagnostics,
                    parsedBlocks: parsedBlocks, headings: headings, linkedFiles: linkedFiles, hasMath: formulas.contains { !$0.failed }, words: words)
    }

    /// Blocks of the edited text with their lines mapped back to the note's body lines
    /// through the edits (`lineOrigins`: for every edited line, the file offset it came from).
    private static func bodyLines(of blocks: [MarkdownBlock], lineOrigins: [Int], note: Note) -> [MarkdownBlock] {
        guard !lineOrigins.isEmpty else { return blocks }
        let file = note.file
        let bodyLine = file.line(of: note.bodyStart)
        func bodyLineNumber(_ editedLine: Int) -> Int {
            let origin = lineOrigins[min(max(editedLine, 1), lineOrigins.count) - 1]
            return file.line(of: origin) - bodyLine + 1
        }
        return blocks.map { block in
            var block = block
            block.startLine = bodyLineNumber(block.startLine)
            block.endLine = bodyLineNumber(block.endLine)
            return block
        }
    }

    /// A relative link to a note (`other.md`, `../2026/x.md#part`) points at its page.
    static func noteLinkToPage(_ url: String) -> String? {
        guard !url.contains("://"), !url.hasPrefix("/"), !url.hasPrefix("mailto:") else { return nil }
        let (path, fragment) = url.firstIndex(of: "#").map { (url[..<$0], url[$0...]) } ?? (url[...], "")
        guard path.hasSuffix(".md") else { return nil }
        return path.dropLast(3) + ".html" + fragment
    }

    /// The bytes of a fenced block's content lines, when it has any.
    static func contentRange(of block: BlockMap.CodeBlock, in file: SourceFile) -> Range<Int>? {
        guard block.isFenced, !block.contentLines.isEmpty, let start = block.contentLineStarts.first else { return nil }
        let last = block.contentLines.upperBound - 1
        let end = last < file.lineStarts.count ? file.lineStarts[last] - 1 : file.text.utf8.count
        return start..<max(start, end)
    }

    /// Code points of the token range already in the note become tokens of themselves,
    /// so no text can be mistaken for a token.
    private func literalTokens(in note: Note, avoiding edits: [TextEdit], token: (Fragment, Int) -> String?) -> [TextEdit] {
        var text = note.text
        guard text.withUTF8({ $0.contains(0xF4) }) else { return [] }
        var result: [TextEdit] = []
        var offset = 0
        var editIndex = 0
        for scalar in note.text.unicodeScalars {
            let length = UTF8.width(scalar)
            defer { offset += length }
            guard offset >= note.bodyStart, scalar.value >= Self.tokenBase else { continue }
            while editIndex < edits.count, edits[editIndex].range.upperBound <= offset { editIndex += 1 }
            if editIndex < edits.count, edits[editIndex].range.contains(offset) { continue }
            guard let replacement = token(.literal(scalar), offset) else { continue }
            result.append(TextEdit(range: offset..<offset + length, replacement: replacement))
        }
        return result
    }

    /// Replaces every token of `html` by its fragment. Inside a tag (an `alt` or `title`
    /// attribute) math becomes its escaped TeX source; a display formula alone in a
    /// paragraph replaces the paragraph. `plain` gives text for titles and summaries.
    static func detokenize(_ bytes: [UInt8], fragments: [Fragment], plain: Bool = false) -> [UInt8] {
        guard !fragments.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        // Inside a tag (an alt or title attribute) when the last '<' or '>' written was
        // '<': tracked as bytes are written, so that many tokens stay linear.
        var inTag = false
        func write(_ chunk: some BidirectionalCollection<UInt8>) {
            out.append(contentsOf: chunk)
            // Only the chunk's last '<' or '>' matters: found from its end (a MathML chunk ends with '>').
            if let last = chunk.last(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) { inTag = last == UInt8(ascii: "<") }
        }
        func write(_ text: String) { write(text.utf8) }
        var i = 0
        // U+100000...U+10FFFF is F4 80-8F xx xx in UTF-8: copy the text between tokens whole.
        while let start = bytes[i...].firstIndex(of: 0xF4) {
            write(bytes[i..<start])
            i = start
            guard i + 3 < bytes.count, bytes[i + 1] & 0xF0 == 0x80 else {
                write(bytes[i..<i + 1])
                i += 1
                continue
            }
            let value = UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                | 0x100000
            let number = Int(value - tokenBase)
            guard number < fragments.count else {
                write(bytes[i..<i + 4])
                i += 4
                continue
            }
            i += 4
            switch fragments[number] {
            case .literal(let original):
                write(String(original))
            case .inline(let html, let text):
                write(plain ? text : inTag ? Escaping.html(text) : html)
            case .math(let math):
                if plain {
                    write(math.span.tex)
                } else if inTag {
                    write(Escaping.html(math.span.tex))
                } else if math.span.isDisplay, out.ends(with: "<p>"), bytes[i...].starts(with: "</p>".utf8) {
                    // A display formula alone in its paragraph replaces the paragraph.
                    out.removeLast(3)
                    i += 4
                    write(math.standalone)
                } else {
                    write(math.inline)
                }
            case .block(let blockHTML):
                guard !plain else { continue }
                // The token is the whole content of a fenced block: its <pre> goes.
                if let pre = out.lastIndex(of: "<pre") {
                    out.removeSubrange(pre...)
                    inTag = false
                }
                if let close = bytes.firstIndex(of: "</pre>", from: i) { i = close + 6 }
                // The block brings its own line end.
                if i < bytes.count, bytes[i] == UInt8(ascii: "\n"), blockHTML.isEmpty || blockHTML.hasSuffix("\n") { i += 1 }
                write(blockHTML)
            }
        }
        write(bytes[i...])
        return out
    }
}

private extension Array where Element == UInt8 {
    func ends(with text: String) -> Bool {
        let tail = Array(text.utf8)
        return count >= tail.count && self[(count - tail.count)...].elementsEqual(tail)
    }

    func lastIndex(of text: String) -> Int? {
        let needle = Array(text.utf8)
        var start = count - needle.count
        while start >= 0 {
            if self[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }

    func firstIndex(of text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        var index = start
        while index + needle.count <= count {
            if self[index] == needle[0], self[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
