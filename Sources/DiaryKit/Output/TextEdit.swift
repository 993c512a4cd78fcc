/// A replacement of a byte range of a note's text.
struct TextEdit: Sendable {
    var range: Range<Int>
    var replacement: String

    /// `text[range]` with the edits applied. Edits must be sorted and not overlap.
    static func apply(_ edits: [TextEdit], to text: String, in range: Range<Int>) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(range.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
            var position = range.lowerBound
            for edit in edits where edit.range.lowerBound >= position && edit.range.upperBound <= range.upperBound {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<edit.range.lowerBound]))
                out.append(contentsOf: edit.replacement.utf8)
                position = edit.range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<range.upperBound]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
