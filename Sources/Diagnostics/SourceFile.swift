/// A file's text with a line index, used to turn byte offsets into `line:column` and to
/// print a diagnostic the way compilers do.
public struct SourceFile: Sendable {
    /// The path as the user gave it (printed in diagnostics).
    public let path: String
    public let text: String
    /// Byte offset of the first byte of every line.
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [0]
        var copy = text
        copy.withUTF8 { bytes in
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        self.lineStarts = starts
    }

    /// 1-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// 1-based line and column of a byte offset; the column counts Unicode scalars, so a
    /// caret lines up under non-ASCII text.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        let utf8 = text.utf8
        var column = 1
        var index = utf8.index(utf8.startIndex, offsetBy: start)
        let end = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        while index < end {
            if utf8[index] & 0xC0 != 0x80 { column += 1 }
            index = utf8.index(after: index)
        }
        return (line, column)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        var end = line < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1)
            : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
            end = utf8.index(before: end)
        }
        return text[start..<end]
    }

    /// Lines longer than this many characters are shown as a window around the caret.
    public static let windowWidth = 100

    /// `path:line:column: error: message`, the source line and a caret under the range.
    /// A long line is cut to a window around the caret (marked with `…`), as compilers
    /// do, so a warning on a 35 KB line prints a hundred characters, not the line.
    public func render(_ diagnostic: Diagnostic) -> String {
        let (line, column) = location(of: diagnostic.range.lowerBound)
        var out = "\(path):\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        let text = lineText(line)
        let source = Array(text.unicodeScalars)
        let lineEnd = lineStarts[line - 1] + text.utf8.count
        // The caret's place in the shown line: a range can start past its end (at a line
        // break, or at a carriage return the line is shown without).
        let caretIndex = min(column - 1, source.count)
        let underlined = max(0, min(diagnostic.range.upperBound, lineEnd) - diagnostic.range.lowerBound)
        // The underline's width in characters.
        var width = 0, bytes = 0
        for scalar in source.dropFirst(caretIndex) where bytes < underlined {
            bytes += UTF8.width(scalar)
            width += 1
        }
        var start = 0, end = source.count
        if source.count > Self.windowWidth {
            start = max(0, min(caretIndex - Self.windowWidth / 3, source.count - Self.windowWidth))
            end = min(source.count, start + Self.windowWidth)
            width = min(width, end - caretIndex)
        }
        let cutBefore = start > 0, cutAfter = end < source.count
        var shown = cutBefore ? "…" : ""
        shown.unicodeScalars.append(contentsOf: source[start..<end])
        if cutAfter { shown += "…" }
        out += shown + "\n"
        // Keep tabs so the caret sits under the same character in a terminal.
        var caret = cutBefore ? " " : ""
        for scalar in source[start..<max(start, caretIndex)] {
            caret.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        caret += "^" + String(repeating: "~", count: max(0, width - 1))
        out += caret + "\n"
        if let note = diagnostic.note { out += "note: \(note)\n" }
        return out
    }
}

extension SourceFile {
    /// The byte offset of a 1-based line and a 1-based column counted in Unicode
    /// scalars (the inverse of ``location(of:)``), clamped to the line.
    public func offset(line: Int, column: Int) -> Int {
        let line = min(max(line, 1), lineStarts.count)
        let text = lineText(line)
        var offset = lineStarts[line - 1]
        for scalar in text.unicodeScalars.prefix(max(0, column - 1)) {
            offset += UTF8.width(scalar)
        }
        return offset
    }
}

extension SourceFile {
    /// The text between two byte offsets (which must fall on scalar boundaries).
    public func text(in range: Range<Int>) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return text[start..<end]
    }
}
