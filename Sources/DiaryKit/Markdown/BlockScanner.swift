/// The code blocks, HTML blocks and block quotes of a note's body, found with CommonMark's
/// block rules instead of a cmark-gfm parse, and reported the way cmark-gfm 0.29 reports
/// them (its line ranges included).
///
/// A note's HTML needs two parses: one to learn which lines are code (where math and
/// placeholders are not looked for), one of the text with those replaced. This scanner
/// stands in for the first. It returns nil for what it does not model (a tab in
/// indentation, a carriage return, a vertical tab or form feed, an entity or backslash in
/// an info string, blocks inside a footnote definition), and the HTML writer compares its
/// blocks with the second parse's; on any difference the note is rendered again the slow
/// way. So it need only be right for ordinary notes.
struct BlockScanner {
    private enum Container {
        case quote(index: Int)
        /// A list item whose content starts `width` columns in; `empty` until a line
        /// gives it content.
        case item(width: Int, empty: Bool)
        case footnote
    }

    private enum Leaf {
        case none
        case paragraph
        case fenced(index: Int, indent: Int)
        case indented(index: Int)
        case html(index: Int, type: Int)
    }

    private let bytes: [UInt8]
    /// Byte offset of every body line's start, and of the body's end.
    private let lineStarts: [Int]
    private var containers: [Container] = []
    private var leaf = Leaf.none
    private var blocks: [MarkdownBlock] = []
    /// Literal lines of the open code block.
    private var literal: [UInt8] = []
    /// Body line being read (1-based), and the position in it.
    private var line = 0
    private var position = 0
    private var lineEnd = 0
    private var failed = false

    /// Blocks of the body in document order (block quotes, code blocks, HTML blocks, with
    /// cmark-gfm's 1-based body line numbers), or nil.
    static func blocks(in note: Note) -> [MarkdownBlock]? {
        var text = note.text
        let bytes = text.withUTF8 { Array($0[note.bodyStart...]) }
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 10 && index + 1 < buffer.count { starts.append(index + 1) }
        }
        starts.append(bytes.count)
        var scanner = BlockScanner(bytes: bytes, lineStarts: starts)
        return scanner.run()
    }

    private init(bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }

    private mutating func run() -> [MarkdownBlock]? {
        // Carriage returns, NUL (which cmark-gfm replaces by U+FFFD), vertical tabs and form
        // feeds (whitespace in its HTML rules) are not modelled.
        guard !bytes.contains(where: { $0 == 13 || $0 == 0 || $0 == 11 || $0 == 12 }), !bytes.isEmpty else { return bytes.isEmpty ? [] : nil }
        for number in 1..<lineStarts.count {
            line = number
            position = lineStarts[number - 1]
            lineEnd = lineStarts[number]
            if lineEnd > position, bytes[lineEnd - 1] == 10 { lineEnd -= 1 }
            read()
            if failed { return nil }
        }
        // End of input: everything still open ends on the last line.
        line = lineStarts.count - 1
        closeLeaf(endLine: line)
        while !containers.isEmpty { closeContainer(endLine: line) }
        return failed ? nil : blocks
    }

    // MARK: One line

    private mutating func read() {
        let matched = matchContainers()
        let allMatched = matched == containers.count
        if allMatched, continueLeaf() { return }
        // Tabs count to the next multiple of four columns: not modelled outside code.
        if bytes[position..<lineEnd].contains(9) {
            failed = true
            return
        }

        var open = matched
        var lazyCandidate = !allMatched && isParagraph
        while true {
            let indent = spaces(from: position)
            let first = position + indent
            if first >= lineEnd {
                // A blank line: unmatched containers end, and so does a paragraph.
                closeUnmatched(keeping: open)
                if case .indented = leaf {
                    literal.append(10)
                } else {
                    closeLeaf(endLine: line - 1)
                }
                return
            }
            if indent >= 4 {
                if isParagraph { break } // continuation text, maybe lazy
                endOpenBlocks(keeping: open)
                startIndented(at: position + 4)
                return
            }
            let byte = bytes[first]
            if byte == UInt8(ascii: ">") {
                declineInFootnote(containers.prefix(open))
                blocks.append(MarkdownBlock(kind: .blockQuote, startLine: line, startColumn: first + 1 - lineStarts[line - 1],
                                            endLine: line, endColumn: 0))
                var content = first + 1
                if content < lineEnd, bytes[content] == 32 { content += 1 }
                open = push(.quote(index: blocks.count - 1), contentAt: content, keeping: open)
                lazyCandidate = false
                continue
            }
            if let fence = fenceOpening(at: first) {
                endOpenBlocks(keeping: open)
                startFenced(fence, indent: indent, at: first)
                return
            }
            if let type = htmlStart(at: first), type != 7 || !isParagraph || open < containers.count {
                endOpenBlocks(keeping: open)
                startHTML(type: type, at: first)
                return
            }
            if isParagraph, open == containers.count, !lazyCandidate, isSetextUnderline(at: first) {
                leaf = .none
                return
            }
            if isThematicBreak(at: first) || isATXHeading(at: first) {
                endOpenBlocks(keeping: open)
                return
            }
            if let (markerEnd, ordered, startsWithOne) = listMarker(at: first) {
                let after = spaces(from: markerEnd)
                let emptyItem = markerEnd + after >= lineEnd
                // Only a paragraph of the innermost matched container is interrupted by
                // these rules (cmark-gfm: the container is the paragraph); on a lazy line an
                // empty item or a list starting at 5 opens a list.
                if !isParagraph || open < containers.count || (!emptyItem && (!ordered || startsWithOne)) {
                    let markerWidth = markerEnd - first
                    let padding = emptyItem || after >= 5 ? markerWidth + 1 : markerWidth + after
                    open = push(.item(width: indent + padding, empty: emptyItem), contentAt: emptyItem ? lineEnd : first + padding,
                                keeping: open)
                    lazyCandidate = false
                    continue
                }
            }
            if let end = footnoteLabelEnd(at: first) {
                open = push(.footnote, contentAt: end, keeping: open)
                lazyCandidate = false
                continue
            }
            break
        }
        // Paragraph text.
        if lazyCandidate, open < containers.count {
            markItemsFilled()
            return // a lazy continuation line: every container stays open
        }
        closeUnmatched(keeping: open)
        if !isParagraph {
            closeLeaf(endLine: line - 1)
            leaf = .paragraph
        }
        markItemsFilled()
    }

    /// How many open containers this line continues; moves `position` past their markers.
    private mutating func matchContainers() -> Int {
        var matched = 0
        for (index, container) in containers.enumerated() {
            let indent = spaces(from: position)
            let blank = position + indent >= lineEnd
            switch container {
            case .quote:
                guard indent <= 3, !blank, bytes[position + indent] == UInt8(ascii: ">") else { return matched }
                position += indent + 1
                if position < lineEnd, bytes[position] == 32 { position += 1 }
                if position < lineEnd, bytes[position] == 9 { failed = true }
            case .item(let width, let empty):
                // As cmark-gfm: enough indentation continues the item, even on a blank
                // line; a blank line with less ends an item that has no content yet.
                if indent >= width {
                    position += width
                } else if blank {
                    guard !empty else { return matched }
                    position = lineEnd
                } else {
                    return matched
                }
            case .footnote:
                // cmark-gfm continues a footnote definition on four columns of indentation
                // or on an empty line; a line of fewer spaces ends it, although blank.
                if indent >= 4 {
                    position += 4
                } else if lineStarts[line - 1] == lineEnd {
                    position = lineEnd
                } else {
                    return matched
                }
            }
            matched = index + 1
        }
        return matched
    }

    /// Adds the line to an open code or HTML block when it belongs there.
    private mutating func continueLeaf() -> Bool {
        switch leaf {
        case .fenced(let index, let indent):
            let block = blocks[index]
            let leading = spaces(from: position)
            if leading <= 3, isClosingFence(at: position + leading, character: block.fenceCharacter, length: block.fenceLength) {
                finishCode(index: index, endLine: line)
                leaf = .none
                return true
            }
            var start = position
            while start < lineEnd, start - position < indent, bytes[start] == 32 { start += 1 }
            if start < lineEnd, start - position < indent, bytes[start] == 9 { failed = true }
            literal.append(contentsOf: bytes[start..<lineEnd])
            literal.append(10)
            return true
        case .indented:
            let indent = spaces(from: position)
            if indent >= 4 {
                literal.append(contentsOf: bytes[(position + 4)..<lineEnd])
                literal.append(10)
                return true
            }
            if position + indent >= lineEnd {
                literal.append(10)
                return true
            }
            return false
        case .html(let index, let type):
            if type >= 6, position + spaces(from: position) >= lineEnd {
                blocks[index].endLine = line - 1
                leaf = .none
                return false // the blank line is read as one
            }
            if type <= 5, htmlEnds(type: type, from: position) {
                blocks[index].endLine = line - 1
                leaf = .none
            }
            return true
        case .none, .paragraph:
            return false
        }
    }

    // MARK: Opening and closing

    private var isParagraph: Bool {
        if case .paragraph = leaf { return true }
        return false
    }

    private mutating func startFenced(_ fence: (character: UInt8, length: Int, infoStart: Int), indent: Int, at first: Int) {
        var info = bytes[fence.infoStart..<lineEnd]
        while let byte = info.first, byte == 32 { info = info.dropFirst() }
        while let byte = info.last, byte == 32 { info = info.dropLast() }
        if info.contains(UInt8(ascii: "&")) || info.contains(UInt8(ascii: "\\")) || info.contains(9) { failed = true }
        var block = MarkdownBlock(kind: .codeBlock, startLine: line, startColumn: first + 1 - lineStarts[line - 1],
                                  endLine: line, endColumn: 0)
        block.isFenced = true
        block.fenceCharacter = fence.character
        block.fenceLength = fence.length
        block.info = String(decoding: info, as: UTF8.self)
        leaf = .fenced(index: blocks.count, indent: indent)
        declineInFootnote(containers[...])
        blocks.append(block)
        literal = []
        markItemsFilled()
    }

    /// cmark-gfm drops a footnote definition that nothing refers to, with the blocks in
    /// it; which are referred to is only known after the inline pass. A note with a quote,
    /// code or HTML block inside a footnote definition is left to the parser.
    private mutating func declineInFootnote(_ open: ArraySlice<Container>) {
        if open.contains(where: { if case .footnote = $0 { true } else { false } }) { failed = true }
    }

    private mutating func startIndented(at start: Int) {
        let block = MarkdownBlock(kind: .codeBlock, startLine: line, startColumn: start + 1 - lineStarts[line - 1],
                                  endLine: line, endColumn: 0)
        leaf = .indented(index: blocks.count)
        declineInFootnote(containers[...])
        blocks.append(block)
        literal = Array(bytes[start..<lineEnd]) + [10]
        markItemsFilled()
    }

    private mutating func startHTML(type: Int, at first: Int) {
        leaf = .html(index: blocks.count, type: type)
        declineInFootnote(containers[...])
        blocks.append(MarkdownBlock(kind: .htmlBlock, startLine: line, startColumn: first + 1 - lineStarts[line - 1],
                                    endLine: line, endColumn: 0))
        markItemsFilled()
        // Types 1-5 may end on the line that opens them; cmark-gfm looks for the end from
        // the `<` on, so `<?>` and `<!-->` open and close at once.
        if type <= 5, htmlEnds(type: type, from: first) {
            blocks[blocks.count - 1].endLine = line - 1
            leaf = .none
        }
    }

    /// Ends the open leaf. cmark-gfm ends a fenced block on the line that closes it (even
    /// when a container's end does) and other blocks on the line before.
    private mutating func closeLeaf(endLine: Int) {
        switch leaf {
        case .fenced(let index, _):
            finishCode(index: index, endLine: min(endLine + 1, lineStarts.count - 1))
        case .indented(let index):
            finishCode(index: index, endLine: endLine)
        case .html(let index, _):
            blocks[index].endLine = endLine
        case .none, .paragraph:
            break
        }
        leaf = .none
    }

    private mutating func finishCode(index: Int, endLine: Int) {
        blocks[index].endLine = endLine
        if !blocks[index].isFenced {
            // Trailing blank lines are not content, even those with spaces beyond the indent.
            var end = literal.count
            while end > 0, literal[end - 1] == 10 {
                var lineStart = end - 1
                while lineStart > 0, literal[lineStart - 1] != 10 { lineStart -= 1 }
                guard lineStart > 0, literal[lineStart..<(end - 1)].allSatisfy({ $0 == 32 }) else { break }
                end = lineStart
            }
            literal.removeSubrange(end...)
        }
        blocks[index].literal = String(decoding: literal, as: UTF8.self)
        literal = []
    }

    /// A new block starts: what this line did not continue ends, and so does the open leaf.
    private mutating func endOpenBlocks(keeping count: Int) {
        closeUnmatched(keeping: count)
        closeLeaf(endLine: line - 1)
    }

    /// Opens a container whose content starts at `content`; returns the open count.
    private mutating func push(_ container: Container, contentAt content: Int, keeping count: Int) -> Int {
        endOpenBlocks(keeping: count)
        containers.append(container)
        position = content
        return containers.count
    }

    private mutating func closeUnmatched(keeping count: Int) {
        guard containers.count > count else { return }
        closeLeaf(endLine: line - 1)
        while containers.count > count { closeContainer(endLine: line - 1) }
    }

    private mutating func closeContainer(endLine: Int) {
        if case .quote(let index)? = containers.popLast() { blocks[index].endLine = max(blocks[index].startLine, endLine) }
    }

    private mutating func markItemsFilled() {
        for index in containers.indices {
            if case .item(let width, true) = containers[index] { containers[index] = .item(width: width, empty: false) }
        }
    }


    // MARK: Line syntax

    /// Spaces from `start`; a tab there is beyond this scanner.
    private mutating func spaces(from start: Int) -> Int {
        var index = start
        while index < lineEnd, bytes[index] == 32 { index += 1 }
        if index < lineEnd, bytes[index] == 9 { failed = true }
        return index - start
    }

    private func fenceOpening(at first: Int) -> (character: UInt8, length: Int, infoStart: Int)? {
        let character = bytes[first]
        guard character == UInt8(ascii: "`") || character == UInt8(ascii: "~") else { return nil }
        var end = first
        while end < lineEnd, bytes[end] == character { end += 1 }
        guard end - first >= 3 else { return nil }
        if character == UInt8(ascii: "`"), bytes[end..<lineEnd].contains(character) { return nil }
        return (character, end - first, end)
    }

    private func isClosingFence(at first: Int, character: UInt8, length: Int) -> Bool {
        var end = first
        while end < lineEnd, bytes[end] == character { end += 1 }
        guard end - first >= length else { return false }
        // Spaces or tabs may follow (the fence's own line is not checked for tabs).
        return bytes[end..<lineEnd].allSatisfy { $0 == 32 || $0 == 9 }
    }

    private func isSetextUnderline(at first: Int) -> Bool {
        let character = bytes[first]
        guard character == UInt8(ascii: "=") || character == UInt8(ascii: "-") else { return false }
        var end = first
        while end < lineEnd, bytes[end] == character { end += 1 }
        return bytes[end..<lineEnd].allSatisfy { $0 == 32 }
    }

    private func isThematicBreak(at first: Int) -> Bool {
        let character = bytes[first]
        guard character == UInt8(ascii: "*") || character == UInt8(ascii: "-") || character == UInt8(ascii: "_") else { return false }
        var count = 0
        for byte in bytes[first..<lineEnd] {
            if byte == character { count += 1 } else if byte != 32 { return false }
        }
        return count >= 3
    }

    private func isATXHeading(at first: Int) -> Bool {
        var end = first
        while end < lineEnd, bytes[end] == UInt8(ascii: "#") { end += 1 }
        return (1...6).contains(end - first) && (end == lineEnd || bytes[end] == 32)
    }

    /// The end of a list marker followed by a space or the line's end.
    private func listMarker(at first: Int) -> (end: Int, ordered: Bool, startsWithOne: Bool)? {
        let byte = bytes[first]
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") {
            let end = first + 1
            return end == lineEnd || bytes[end] == 32 ? (end, false, false) : nil
        }
        var end = first
        while end < lineEnd, end - first < 10, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
        guard end > first, end - first <= 9, end < lineEnd,
              bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")") else { return nil }
        let digits = bytes[first..<end]
        let startsWithOne = digits.drop { $0 == 48 }.elementsEqual([49])
        end += 1
        return end == lineEnd || bytes[end] == 32 ? (end, true, startsWithOne) : nil
    }

    /// `[^label]:` opening a footnote definition.
    private func footnoteLabelEnd(at first: Int) -> Int? {
        guard first + 3 < lineEnd, bytes[first] == UInt8(ascii: "["), bytes[first + 1] == UInt8(ascii: "^") else { return nil }
        var index = first + 2
        while index < lineEnd, bytes[index] != UInt8(ascii: "]") {
            // cmark-gfm's label is anything but `]`, spaces, tabs and line ends (`[` and `\` too).
            if bytes[index] == 32 || bytes[index] == 9 { return nil }
            index += 1
        }
        guard index > first + 2, index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
        return index + 2
    }

    // MARK: HTML blocks

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "section", "source", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    /// CommonMark's HTML block start conditions 1-7.
    private func htmlStart(at first: Int) -> Int? {
        guard bytes[first] == UInt8(ascii: "<"), first + 1 < lineEnd else { return nil }
        let rest = bytes[(first + 1)..<lineEnd]
        func startsWith(_ text: String, caseInsensitive: Bool = true) -> Bool {
            let needle = Array(text.utf8)
            guard rest.count >= needle.count else { return false }
            return zip(rest.prefix(needle.count), needle).allSatisfy { caseInsensitive ? $0.equalsIgnoringCase($1) : $0 == $1 }
        }
        for tag in ["script", "pre", "style"] where startsWith(tag) {
            let after = first + 1 + tag.utf8.count
            if after == lineEnd || bytes[after] == 32 || bytes[after] == UInt8(ascii: ">") { return 1 }
        }
        if startsWith("!--") { return 2 }
        if startsWith("?") { return 3 }
        if startsWith("![CDATA[", caseInsensitive: false) { return 5 }
        if rest.count >= 2, rest.first == UInt8(ascii: "!"), (65...90).contains(rest[rest.startIndex + 1]) { return 4 }
        var index = first + 1
        if index < lineEnd, bytes[index] == UInt8(ascii: "/") { index += 1 }
        let nameStart = index
        while index < lineEnd, bytes[index].isASCIIAlphanumeric { index += 1 }
        let name = String(decoding: bytes[nameStart..<index].map { $0 | 0x20 }, as: UTF8.self)
        if Self.blockTags.contains(name),
           index == lineEnd || bytes[index] == 32 || bytes[index] == UInt8(ascii: ">")
            || (bytes[index] == UInt8(ascii: "/") && index + 1 < lineEnd && bytes[index + 1] == UInt8(ascii: ">")) {
            return 6
        }
        if let end = completeTagEnd(at: first), bytes[end..<lineEnd].allSatisfy({ $0 == 32 }) { return 7 }
        return nil
    }

    /// Where a complete open or closing tag starting at `first` ends.
    private func completeTagEnd(at first: Int) -> Int? {
        var index = first + 1
        let closing = index < lineEnd && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        guard index < lineEnd, bytes[index].isASCIILetter else { return nil }
        while index < lineEnd, bytes[index].isASCIIAlphanumeric || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if closing {
            while index < lineEnd, bytes[index] == 32 { index += 1 }
            return index < lineEnd && bytes[index] == UInt8(ascii: ">") ? index + 1 : nil
        }
        while true {
            let spaceStart = index
            while index < lineEnd, bytes[index] == 32 { index += 1 }
            guard index < lineEnd else { return nil }
            if bytes[index] == UInt8(ascii: ">") { return index + 1 }
            if bytes[index] == UInt8(ascii: "/") {
                return index + 1 < lineEnd && bytes[index + 1] == UInt8(ascii: ">") ? index + 2 : nil
            }
            // An attribute needs whitespace before it.
            guard index > spaceStart, bytes[index].isASCIILetter || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: ":") else {
                return nil
            }
            while index < lineEnd, bytes[index].isASCIIAlphanumeric || [95, 46, 58, 45].contains(bytes[index]) { index += 1 }
            var look = index
            while look < lineEnd, bytes[look] == 32 { look += 1 }
            guard look < lineEnd, bytes[look] == UInt8(ascii: "=") else { continue }
            index = look + 1
            while index < lineEnd, bytes[index] == 32 { index += 1 }
            guard index < lineEnd else { return nil }
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = bytes[(index + 1)..<lineEnd].firstIndex(of: quote) else { return nil }
                index = close + 1
            } else {
                let valueStart = index
                while index < lineEnd, ![32, 34, 39, 61, 60, 62, 96].contains(bytes[index]) { index += 1 }
                guard index > valueStart else { return nil }
            }
        }
    }

    /// Whether the end condition of an HTML block of type 1-5 occurs from `start` on.
    private func htmlEnds(type: Int, from start: Int) -> Bool {
        let text = bytes[min(start, lineEnd)..<lineEnd]
        func contains(_ needle: String, caseInsensitive: Bool = false) -> Bool {
            let needle = Array(needle.utf8)
            guard text.count >= needle.count else { return false }
            var index = text.startIndex
            while index + needle.count <= text.endIndex {
                if zip(text[index..<index + needle.count], needle).allSatisfy({ caseInsensitive ? $0.equalsIgnoringCase($1) : $0 == $1 }) {
                    return true
                }
                index += 1
            }
            return false
        }
        switch type {
        case 1: return contains("</script>", caseInsensitive: true) || contains("</pre>", caseInsensitive: true)
            || contains("</style>", caseInsensitive: true)
        case 2: return contains("-->")
        case 3: return contains("?>")
        case 4: return contains(">")
        default: return contains("]]>")
        }
    }

}
