import Diagnostics
import Foundation

/// One markdown note as read from disk: its text, its front matter, and where the
/// markdown body starts (so every diagnostic points at the real line of the file).
public struct Note: Sendable {
    /// Path relative to the notes root, with `/` separators (`2026/bn.md`).
    public let relativePath: String
    public let file: SourceFile
    public let frontMatter: FrontMatter
    /// Byte offset of the body: after the front matter's closing line, or 0.
    public let bodyStart: Int
    /// When the file was last modified: the note's date of last resort in the index.
    public var modified: Date?

    public var text: String { file.text }

    /// The note's date: front matter `date`, else a `YYYY-MM-DD` file-name prefix.
    public var date: CalendarDate? {
        frontMatter.date ?? CalendarDate(parsing: fileName.prefix(10))
    }

    /// `index.md` at the root of the notes: in a site, the home text of the index page.
    public var isHomeText: Bool { relativePath == "index.md" }

    public var fileName: Substring { file.path.split(separator: "/").last ?? Substring(file.path) }

    /// The folder holding the note's file (`.` for a bare file name).
    public var directory: String {
        guard let slash = file.path.lastIndex(of: "/") else { return "." }
        return slash == file.path.startIndex ? "/" : String(file.path[..<slash])
    }
    public var body: Substring { file.text(in: bodyStart..<file.text.utf8.count) }

    /// Decodes and splits a note. Invalid UTF-8 and malformed front matter are errors.
    public init(path: String, relativePath: String, bytes: [UInt8]) throws(FileDiagnostics) {
        self.relativePath = relativePath
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Up to the first bad byte the lossy text has the same offsets.
            let bad = Note.firstInvalidUTF8Offset(bytes)
            let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
            throw FileDiagnostics(file, [.error("the file is not valid UTF-8", at: bad..<bad, note: "save the note as UTF-8")])
        }
        let file = SourceFile(path: path, text: text)
        // Markdown ends a line at a carriage return alone (classic Mac OS files, or one
        // pasted in), where every other reader of the note counts lines by line feeds:
        // refused, where it is, rather than read as two different notes.
        if let lone = bytes.indices.first(where: { bytes[$0] == 13 && ($0 + 1 == bytes.count || bytes[$0 + 1] != 10) }) {
            throw FileDiagnostics(file, [.error("a carriage return without a line feed", at: lone..<lone + 1,
                                                note: "save the note with LF or CRLF line endings, or remove the stray character")])
        }
        self.file = file
        var diagnostics: [Diagnostic] = []
        if let split = Note.frontMatterRange(in: text) {
            let yaml = String(file.text(in: split.yaml))
            var parsed: YAMLValue?
            do {
                parsed = try YAMLValue.parse(yaml, in: file, baseOffset: split.yaml.lowerBound)
            } catch {
                diagnostics += error.diagnostics
            }
            frontMatter = FrontMatter(parsed, diagnostics: &diagnostics)
            bodyStart = split.body
        } else {
            frontMatter = FrontMatter()
            bodyStart = 0
            if let opening = Note.unclosedFrontMatter(in: text) {
                diagnostics.append(.error("the front matter that starts here is never closed", at: opening,
                                          note: "end it with a line '---'; a note that starts with a rule needs a blank line after it"))
            }
        }
        if !diagnostics.isEmpty { throw FileDiagnostics(file, diagnostics) }
    }

    /// Byte ranges of the YAML text and the start of the body, when the text opens with a
    /// `---` line that a later `---` or `...` line closes. An unclosed `---` is a
    /// thematic break, as in plain markdown.
    static func frontMatterRange(in text: String) -> (yaml: Range<Int>, body: Int)? {
        let bytes = Array(text.utf8)
        func lineEnd(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            return index
        }
        func isDelimiter(_ start: Int, _ end: Int, allowDots: Bool) -> Bool {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t")
                || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard end - start == 3 else { return false }
            let line = bytes[start..<end]
            return line.allSatisfy { $0 == UInt8(ascii: "-") } || (allowDots && line.allSatisfy { $0 == UInt8(ascii: ".") })
        }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let firstEnd = lineEnd(from: start)
        guard firstEnd < bytes.count, isDelimiter(start, firstEnd, allowDots: false) else { return nil }
        let yamlStart = firstEnd + 1
        var lineStart = yamlStart
        while lineStart < bytes.count {
            let end = lineEnd(from: lineStart)
            if isDelimiter(lineStart, end, allowDots: true) {
                return (yamlStart..<lineStart, min(end + 1, bytes.count))
            }
            lineStart = end + 1
        }
        return nil
    }

    /// The opening `---` line of front matter that no `---` line closes: a `---` first line
    /// followed directly by text. (A `---` followed by a blank line is a thematic break.)
    static func unclosedFrontMatter(in text: String) -> Range<Int>? {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count >= 2,
              lines[0].elementsEqual("---".utf8) || lines[0].elementsEqual("---\r".utf8) || lines[0].elementsEqual("\u{FEFF}---".utf8) else { return nil }
        let second = lines[1].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }
        return second.isEmpty ? nil : 0..<lines[0].count
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            offset += scalar.count
        }
        return offset
    }
}
