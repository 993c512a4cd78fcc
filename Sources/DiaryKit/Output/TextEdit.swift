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
        var origins: [Int]?
        return applyBytes(edits, to: text, in: range, lineOrigins: &origins)
    }

    /// The same, and when `lineOrigins` is not nil, for every line of the result the
    /// offset in `text` of where that line comes from (a line starting inside a
    /// replacement comes from the replaced range's start).
    static func applyBytes(_ edits: [TextEdit], to text: String, in range: Range<Int>, lineOrigins: inout [Int]?) -> [UInt8] {
        var text = text
        let tracking = lineOrigins != nil
        var origins = [range.lowerBound]
        let out = text.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(range.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
            func copy(_ segment: Range<Int>) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment]))
                guard tracking else { return }
                for index in segment where bytes[index] == 10 { origins.append(index + 1) }
            }
            var position = range.lowerBound
            for edit in edits where edit.range.lowerBound >= position && edit.range.upperBound <= range.upperBound {
                copy(position..<edit.range.lowerBound)
                out.appendUTF8(of: edit.replacement)
                if tracking {
                    for byte in edit.replacement.utf8 where byte == 10 { origins.append(edit.range.lowerBound) }
                }
                position = edit.range.upperBound
            }
            copy(position..<range.upperBound)
            return out
        }
        if tracking { lineOrigins = origins }
        return out
    }
}
