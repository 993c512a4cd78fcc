/// A replacement of a byte range of a note's text.
struct TextEdit: Sendable {
    var range: Range<Int>
    var replacement: String

    /// Edits in the order `apply` takes them: by start, an insertion (an empty range)
    /// before a replacement that starts at the same offset.
    static func sorted(_ edits: [TextEdit]) -> [TextEdit] {
        edits.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }

    /// `text[range]` with the edits applied. Edits must be ``sorted(_:)``, must not
    /// overlap and must lie inside `range`: the scanners that make them guarantee it, so
    /// anything else is a programming error, not a user's. UTF-8 bytes, ready for
    /// cmark-gfm (no second validation).
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
            for edit in edits {
                precondition(edit.range.lowerBound >= position && edit.range.upperBound <= range.upperBound,
                             "text edits overlap or leave the edited range")
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
