/// A replacement of a byte range of a note's text.
struct TextEdit: Sendable {
    var range: Range<Int>
    var replacement: String

    /// `text[range]` with the edits applied. Edits must be sorted and not overlap.
    static func apply(_ edits: [TextEdit], to text: String, in range: Range<Int>) -> String {
        String(decoding: applyBytes(edits, to: text, in: range), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, for cmark-gfm (no second validation).
    static func applyBytes(_ edits: [TextEdit], to text: String, in range: Range<Int>) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(range.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
            var position = range.lowerBound
            for edit in edits where edit.range.lowerBound >= position && edit.range.upperBound <= range.upperBound {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<edit.range.lowerBound]))
                out.appendUTF8(of: edit.replacement)
                position = edit.range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<range.upperBound]))
            return out
        }
    }
}
