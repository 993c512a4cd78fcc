/// A note's first paragraph as a list of notes shows it: formulas, values and emphasis
/// kept; what only works on the note's own page dropped. Links become their text (relative
/// links point elsewhere from a list, and a summary is inside a link-rich entry), images
/// and footnote marks go.
enum SummaryHTML {
    static func clean(_ html: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var i = 0
        var skippingFootnote = false
        while i < html.count {
            guard html[i] == UInt8(ascii: "<") else {
                if !skippingFootnote { out.append(html[i]) }
                i += 1
                continue
            }
            var end = i
            while end < html.count, html[end] != UInt8(ascii: ">") { end += 1 }
            let tag = html[i..<min(end + 1, html.count)]
            i = end + 1
            if tag.starts(with: "<sup class=\"footnote-ref\"".utf8) {
                skippingFootnote = true
            } else if skippingFootnote {
                if tag.starts(with: "</sup".utf8) { skippingFootnote = false }
            } else if !(tag.starts(with: "<a ".utf8) || tag.starts(with: "<a>".utf8) || tag.starts(with: "</a>".utf8)
                        || tag.starts(with: "<img ".utf8)) {
                out.append(contentsOf: tag)
            }
        }
        return out
    }
}
