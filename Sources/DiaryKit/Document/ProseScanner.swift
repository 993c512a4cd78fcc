import Diagnostics

/// Finds math spans, `{{ }}` placeholders and `\{{` escapes in a note's prose, one pass
/// over the bytes.
///
/// Math follows pandoc's `tex_math_dollars` rules: an opening `$` has a non-space right
/// after it, a closing `$` a non-space before it and no digit right after it, `\x` is a
/// pair (so `\$` never opens or closes), `\text{…}` is read with balanced braces. No span
/// crosses a blank line or leaves the prose (code blocks are never scanned). Code spans
/// are skipped with CommonMark's backtick-run rule.
struct ProseScanner {
    struct Result: Sendable {
        var math: [MathSpan] = []
        var placeholders: [Placeholder] = []
        /// `\{{` escapes, and whether each sits in raw HTML (where the backslash must go).
        var escapes: [(range: Range<Int>, inHTML: Bool)] = []
        var diagnostics: [Diagnostic] = []
    }

    private let bytes: [UInt8]
    private let file: SourceFile
    private let map: BlockMap
    private var result = Result()

    init(file: SourceFile, map: BlockMap) {
        self.file = file
        self.bytes = Array(file.text.utf8)
        self.map = map
    }

    static func scan(file: SourceFile, map: BlockMap) -> Result {
        var scanner = ProseScanner(file: file, map: map)
        for run in scanner.runs() { scanner.scan(run.range, inHTML: run.inHTML) }
        for block in map.codeBlocks where block.isMathFence {
            let start = file.lineStarts[block.lines.lowerBound - 1]
            let end = block.lines.upperBound < file.lineStarts.count ? file.lineStarts[block.lines.upperBound] - 1 : scanner.bytes.count
            let tex = block.literal.trimmingWhitespaceAndNewlines()
            let texStart = (block.contentLineStarts.first ?? start) + block.literal.utf8.prefix { $0.isASCIIWhitespace }.count
            scanner.result.math.append(MathSpan(style: .fence, range: start..<max(start, end), tex: tex, texStart: texStart))
        }
        scanner.result.math.sort { $0.range.lowerBound < $1.range.lowerBound }
        return scanner.result
    }

    /// Maximal ranges of consecutive non-blank lines of one kind (prose or HTML).
    private func runs() -> [(range: Range<Int>, inHTML: Bool)] {
        var runs: [(Range<Int>, Bool)] = []
        var current: (start: Int, end: Int, html: Bool)?
        for line in 1...file.lineStarts.count {
            let kind = map.kind(ofLine: line)
            let start = file.lineStarts[line - 1]
            let end = line < file.lineStarts.count ? file.lineStarts[line] : bytes.count
            let scannable = (kind == .prose || kind == .html) && !isBlank(line: line)
            if scannable, let run = current, run.html == (kind == .html) {
                current = (run.start, end, run.html)
                continue
            }
            if let run = current { runs.append((run.start..<run.end, run.html)) }
            current = scannable ? (start, end, kind == .html) : nil
        }
        if let run = current { runs.append((run.start..<run.end, run.html)) }
        return runs
    }

    /// A line with nothing but whitespace after its blockquote markers.
    private func isBlank(line: Int) -> Bool {
        let start = file.lineStarts[line - 1]
        let end = line < file.lineStarts.count ? file.lineStarts[line] : bytes.count
        var index = skipQuoteMarkers(from: start, depth: map.quoteDepth[line - 1], end: end)
        while index < end, bytes[index].isASCIIWhitespace { index += 1 }
        return index == end
    }

    private mutating func scan(_ range: Range<Int>, inHTML: Bool) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                if i + 2 < end, bytes[i + 1] == UInt8(ascii: "{"), bytes[i + 2] == UInt8(ascii: "{") {
                    result.escapes.append((i..<i + 3, inHTML))
                    i += 3
                } else if !inHTML, i + 1 < end, bytes[i + 1].isASCIIPunctuation {
                    i += 2
                } else {
                    i += 1
                }
            case UInt8(ascii: "{") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "{"):
                if let close = placeholderClose(from: i + 2, end: end) {
                    result.placeholders.append(Placeholder(range: i..<close + 2, expression: i + 2..<close, inHTML: inHTML))
                    i = close + 2
                } else {
                    result.diagnostics.append(.error("'{{' is not closed by '}}'", at: i..<i + 2,
                                                     note: "write '\\{{' for literal braces"))
                    i += 2
                }
            case UInt8(ascii: "`") where !inHTML:
                let count = runLength(of: UInt8(ascii: "`"), at: i, end: end)
                i = backtickRunClose(from: i + count, length: count, end: end).map { $0 + count } ?? i + count
            case UInt8(ascii: "$") where !inHTML:
                if let span = math(at: i, end: end) {
                    result.math.append(span)
                    i = span.range.upperBound
                } else {
                    i += i + 1 < end && bytes[i + 1] == UInt8(ascii: "$") ? 2 : 1
                }
            case UInt8(ascii: "<") where !inHTML:
                if let close = tagEnd(from: i, end: end) {
                    scan(i..<close, inHTML: true)
                    i = close
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
    }

    // MARK: Math

    private func math(at start: Int, end: Int) -> MathSpan? {
        guard start + 1 < end else { return nil }
        switch bytes[start + 1] {
        case UInt8(ascii: "`"):
            let count = runLength(of: UInt8(ascii: "`"), at: start + 1, end: end)
            var search = start + 1 + count
            while let close = backtickRunClose(from: search, length: count, end: end) {
                if close + count < end, bytes[close + count] == UInt8(ascii: "$") {
                    var content = Array(bytes[(start + 1 + count)..<close])
                    content = content.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }
                    if content.count >= 2, content.first == 32, content.last == 32, content.contains(where: { $0 != 32 }) {
                        content = Array(content.dropFirst().dropLast())
                    }
                    let lead = bytes[close - 1] == 32 && bytes[start + 1 + count] == 32 && content.count < close - start - 1 - count ? 1 : 0
                    return MathSpan(style: .inlineBacktick, range: start..<close + count + 1,
                                    tex: String(decoding: content, as: UTF8.self), texStart: start + 1 + count + lead)
                }
                search = close + count
            }
            return nil
        case UInt8(ascii: "$"):
            var i = start + 2
            while i + 1 < end {
                if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                if bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "$") {
                    let tex = content(start + 2..<i).trimmingWhitespaceAndNewlines()
                    return tex.isEmpty ? nil : MathSpan(style: .display, range: start..<i + 2, tex: tex, texStart: texStart(from: start + 2))
                }
                i += 1
            }
            return nil
        default:
            guard !bytes[start + 1].isASCIIWhitespace else { return nil }
            var i = start + 1
            while i < end {
                switch bytes[i] {
                case UInt8(ascii: "\\"):
                    i = textCommandEnd(at: i, end: end) ?? i + 2
                case UInt8(ascii: "$"):
                    if i + 1 < end, bytes[i + 1].isASCIIDigit { return nil }
                    return MathSpan(style: .inline, range: start..<i + 1,
                                    tex: content(start + 1..<i).trimmingWhitespaceAndNewlines(), texStart: start + 1)
                case let byte where byte.isASCIIWhitespace:
                    // Whitespace is content only when something other than the closer follows.
                    var next = i
                    while next < end, bytes[next].isASCIIWhitespace || isQuoteMarkerAfterNewline(next, from: i) { next += 1 }
                    if next < end, bytes[next] == UInt8(ascii: "$") { return nil }
                    i = next
                default:
                    i += 1
                }
            }
            return nil
        }
    }

    /// The first non-whitespace byte from `offset` on: where trimmed TeX starts.
    private func texStart(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i].isASCIIWhitespace || bytes[i] == UInt8(ascii: ">") { i += 1 }
        return i
    }

    /// After `\text{`, the offset just past its balanced closing brace.
    private func textCommandEnd(at start: Int, end: Int) -> Int? {
        let command = Array("\\text{".utf8)
        guard start + command.count <= end, Array(bytes[start..<start + command.count]) == command else { return nil }
        var depth = 1
        var i = start + command.count
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return nil
    }

    private func isQuoteMarkerAfterNewline(_ index: Int, from start: Int) -> Bool {
        bytes[index] == UInt8(ascii: ">") && bytes[start..<index].contains(UInt8(ascii: "\n"))
    }

    /// The TeX between delimiters, with the blockquote markers of continuation lines removed.
    private func content(_ range: Range<Int>) -> String {
        guard bytes[range].contains(UInt8(ascii: "\n")) else {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            out.append(bytes[i])
            if bytes[i] == UInt8(ascii: "\n"), i + 1 < range.upperBound {
                let line = file.line(of: i + 1)
                i = skipQuoteMarkers(from: i + 1, depth: map.quoteDepth[line - 1], end: range.upperBound)
                continue
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func skipQuoteMarkers(from start: Int, depth: Int, end: Int) -> Int {
        var i = start
        for _ in 0..<depth {
            var probe = i
            var spaces = 0
            while probe < end, bytes[probe] == 32, spaces < 3 { probe += 1; spaces += 1 }
            guard probe < end, bytes[probe] == UInt8(ascii: ">") else { break }
            i = probe + 1
            if i < end, bytes[i] == 32 { i += 1 }
        }
        return i
    }

    // MARK: Code spans, tags, placeholders

    private func runLength(of byte: UInt8, at start: Int, end: Int) -> Int {
        var i = start
        while i < end, bytes[i] == byte { i += 1 }
        return i - start
    }

    /// The start of the next backtick run of exactly `length` backticks.
    private func backtickRunClose(from start: Int, length: Int, end: Int) -> Int? {
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "`") {
                let count = runLength(of: UInt8(ascii: "`"), at: i, end: end)
                if count == length { return i }
                i += count
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The end of an inline HTML tag or autolink starting at `<` on this line.
    private func tagEnd(from start: Int, end: Int) -> Int? {
        guard start + 1 < end else { return nil }
        let next = bytes[start + 1]
        guard next.isASCIILetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else {
            return nil
        }
        var i = start + 1
        while i < end, bytes[i] != UInt8(ascii: "\n") {
            if bytes[i] == UInt8(ascii: ">") { return i + 1 }
            if bytes[i] == UInt8(ascii: "<") { return nil }
            i += 1
        }
        return nil
    }

    /// The offset of the `}}` closing a placeholder; string literals may contain braces.
    private func placeholderClose(from start: Int, end: Int) -> Int? {
        var i = start
        while i + 1 < end {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < end, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\n") {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            case UInt8(ascii: "}") where bytes[i + 1] == UInt8(ascii: "}"):
                return i
            default:
                i += 1
            }
        }
        return nil
    }
}
