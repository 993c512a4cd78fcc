import Diagnostics

/// What a note's lines are, as cmark-gfm's block parser sees them: code blocks
/// (including calc cells and math fences), raw HTML blocks, and the prose around them.
///
/// cmark decides what is code (the blocks come from ``BlockMapProvider``); the
/// ``ProseScanner`` then looks only at prose lines.
struct BlockMap: Sendable {
    enum LineKind: Sendable, Equatable {
        case frontMatter, prose, code, html
    }

    /// A fenced or indented code block.
    struct CodeBlock: Sendable, Equatable {
        var isFenced: Bool
        /// The info string, entity-decoded (`calc digits=2`).
        var info: String
        /// File lines (1-based, inclusive) from the opening to the closing fence.
        var lines: ClosedRange<Int>
        /// File lines of the content; empty for an empty block.
        var contentLines: Range<Int>
        /// The content with container prefixes removed, as cmark gives it.
        var literal: String
        /// For every content line, the byte offset in the file where its literal text starts.
        var contentLineStarts: [Int]

        /// The first word of the info string.
        var language: Substring { BlockMap.language(ofInfo: info) }

        /// A calc cell: a fenced block whose info string starts with the word `calc`.
        var isCell: Bool { isFenced && BlockMap.isCell(info: info) }

        /// A ```` ```math ```` fence: display math.
        var isMathFence: Bool { isFenced && language == "math" }

        /// Maps a byte offset in ``literal`` to the file.
        func fileOffset(ofLiteralOffset offset: Int) -> Int {
            var lineStart = 0
            var line = 0
            for (index, byte) in literal.utf8.enumerated() {
                if index >= offset { break }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
            }
            guard !contentLineStarts.isEmpty else { return 0 }
            return contentLineStarts[min(line, contentLineStarts.count - 1)] + (offset - lineStart)
        }
    }

    /// Per file line (index 0 is line 1).
    private(set) var lineKinds: [LineKind]
    /// Blockquote nesting of each file line.
    private(set) var quoteDepth: [Int]
    private(set) var codeBlocks: [CodeBlock] = []

    /// Builds the map from the blocks of the note's body (body line numbers), as cmark-gfm
    /// or ``BlockScanner`` gives them.
    init(note: Note, blocks: [MarkdownBlock]) {
        let file = note.file
        let lineCount = file.lineStarts.count
        lineKinds = Array(repeating: .prose, count: lineCount)
        quoteDepth = Array(repeating: 0, count: lineCount)
        let bodyLine = file.line(of: note.bodyStart)
        for line in 1..<bodyLine { lineKinds[line - 1] = .frontMatter }
        let lastLine = lineCount
        func fileLine(_ bodyLineNumber: Int) -> Int { min(max(bodyLine + bodyLineNumber - 1, 1), lastLine) }

        for block in blocks {
            let first = fileLine(block.startLine)
            let last = max(first, fileLine(block.endLine))
            switch block.kind {
            case .blockQuote:
                for line in first...last { quoteDepth[line - 1] += 1 }
            case .htmlBlock:
                // A line is code or HTML, never both (code wins): edits over code content
                // and over HTML text must never overlap.
                for line in first...last where lineKinds[line - 1] != .code { lineKinds[line - 1] = .html }
            case .codeBlock:
                let code = makeCodeBlock(block, first: first, last: last, file: file)
                for line in code.lines { lineKinds[line - 1] = .code }
                codeBlocks.append(code)
            default:
                break
            }
        }
    }

    /// Whether a fenced block's info string makes it a cell (its first word is `calc`).
    static func isCell(info: String) -> Bool {
        info == "calc" || info.hasPrefix("calc ") || info.hasPrefix("calc\t") || info.hasPrefix("calc,")
    }

    /// Whether the writers replace a fenced block's content (a cell's by its results,
    /// a math fence's by its formula), so a parse of the written text has other content.
    static func isReplaced(_ block: MarkdownBlock) -> Bool {
        block.isFenced && (isCell(info: block.info) || language(ofInfo: block.info) == "math")
    }

    /// The first word of a fence's info string (`calc` of `calc digits=2`).
    static func language(ofInfo info: String) -> Substring {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first ?? ""
    }

    /// What decides a map, from a parse's blocks: block quotes, code and HTML blocks with
    /// their lines (and a code block's fence, info and, unless `ignoringLiteral` says it
    /// was replaced, its literal).
    static func structure(of blocks: [MarkdownBlock], ignoringLiteral: (MarkdownBlock) -> Bool = { _ in false }) -> [MarkdownBlock] {
        blocks.compactMap { block in
            guard block.kind == .blockQuote || block.kind == .codeBlock || block.kind == .htmlBlock else { return nil }
            var kept = block
            kept.startColumn = 0
            kept.endColumn = 0
            if ignoringLiteral(block) { kept.literal = "" }
            return kept
        }
    }

    /// The block's lines come from its literal, which cmark-gfm gives exactly: its
    /// reported end line can run one line too far (a fence that its container's end
    /// closes, in a block quote followed by an unquoted line).
    private func makeCodeBlock(_ block: MarkdownBlock, first: Int, last reported: Int, file: SourceFile) -> CodeBlock {
        let contentFirst = block.isFenced ? first + 1 : first
        var literalLines = block.literal.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        if let end = block.literal.utf8.last, end != 10 { literalLines += 1 }
        let contentEnd = min(max(contentFirst, contentFirst + literalLines), reported + 1)
        // A fenced block ends at its closing fence when that is the line after its content.
        var last = max(first, contentEnd - 1)
        if block.isFenced, contentEnd <= reported, isClosingFence(file.lineText(contentEnd), block: block) { last = contentEnd }
        // Each literal line is the end of its file line, after the container prefix.
        var starts: [Int] = []
        var text = file.text
        var literal = block.literal
        text.withUTF8 { bytes in
            literal.withUTF8 { literal in
                var literalStart = 0
                for line in contentFirst..<contentEnd {
                    var literalEnd = literalStart
                    while literalEnd < literal.count, literal[literalEnd] != 10 { literalEnd += 1 }
                    let literalLine = UnsafeBufferPointer(rebasing: literal[literalStart..<literalEnd])
                    literalStart = min(literalEnd + 1, literal.count)
                    let lineStart = file.lineStarts[line - 1]
                    var lineEnd = line < file.lineStarts.count ? file.lineStarts[line] - 1 : bytes.count
                    if lineEnd > lineStart, bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
                    let raw = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                    if raw.count >= literalLine.count, raw[(raw.count - literalLine.count)...].elementsEqual(literalLine) {
                        starts.append(lineEnd - literalLine.count)
                    } else {
                        // A tab in the prefix was expanded to spaces: point after the prefix.
                        starts.append(lineStart + raw.prefix { $0 == 32 || $0 == 9 || $0 == 62 }.count)
                    }
                }
            }
        }
        return CodeBlock(isFenced: block.isFenced, info: block.info, lines: first...last,
                         contentLines: contentFirst..<contentEnd, literal: block.literal, contentLineStarts: starts)
    }

    private func isClosingFence(_ line: Substring, block: MarkdownBlock) -> Bool {
        var bytes = line.utf8[...]
        // Strip container prefixes: blockquote markers and indentation.
        while let first = bytes.first, first == 32 || first == 9 || first == 62 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 32 || last == 9 { bytes = bytes.dropLast() }
        return bytes.count >= block.fenceLength && bytes.allSatisfy { $0 == block.fenceCharacter }
    }

    func kind(ofLine line: Int) -> LineKind { lineKinds[line - 1] }
}
