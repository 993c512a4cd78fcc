/// A replacement of a byte range of a note's text.
struct TextEdit: Sendable {
    var range: Range<Int>
    var replacement: String

    /// `text[range]` with the edits applied. Edits must be sorted and not overlap.
    static func apply(_ edits: [TextEdit], to text: String, in range: Range<Int>) -> String {
        let bytes = text.utf8
        var out = [UInt8]()
        out.reserveCapacity(range.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var position = range.lowerBound
        let base = bytes.startIndex
        for edit in edits where edit.range.lowerBound >= position && edit.range.upperBound <= range.upperBound {
            out += bytes[bytes.index(base, offsetBy: position)..<bytes.index(base, offsetBy: edit.range.lowerBound)]
            out += edit.replacement.utf8
            position = edit.range.upperBound
        }
        out += bytes[bytes.index(base, offsetBy: position)..<bytes.index(base, offsetBy: range.upperBound)]
        return String(decoding: out, as: UTF8.self)
    }
}
