/// Ids for a page's headings, as GitHub makes them (`## Batch norm, again` is
/// `batch-norm-again`), with a link to itself that shows on hover; and the list of headings
/// for a table of contents.
enum HeadingAnchors {
    struct Heading: Sendable, Equatable {
        var level: Int
        var id: String
        /// The heading's text, as plain text.
        var text: String
    }

    /// The HTML with every `<h1>`…`<h6>` given an id and an anchor, and its headings.
    /// cmark-gfm writes headings as bare `<hN>` tags, so the scan looks for exactly those.
    /// `text` makes a heading's plain text from its inner HTML (the writer resolves its
    /// tokens first).
    static func process(_ html: [UInt8], text plain: (ArraySlice<UInt8>) -> String = { plainText($0) }) -> (html: [UInt8], headings: [Heading]) {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var headings: [Heading] = []
        var used: [String: Int] = [:]
        // Bytes before `copied` are in `out`; the rest is copied in one piece at each heading.
        var copied = 0
        var i = 0
        while let tag = html[i...].firstIndex(of: UInt8(ascii: "<")) {
            i = tag + 1
            // `<h` digit `>` at a tag start.
            guard tag + 3 < html.count, html[tag + 1] == UInt8(ascii: "h"),
                  (49...54).contains(html[tag + 2]), html[tag + 3] == UInt8(ascii: ">") else { continue }
            let level = Int(html[tag + 2] - 48)
            let close = Array("</h\(level)>".utf8)
            var end = tag + 4
            while end + close.count <= html.count, !html[end..<end + close.count].elementsEqual(close) { end += 1 }
            guard end + close.count <= html.count else { continue }
            let inner = html[(tag + 4)..<end]
            let text = plain(inner)
            var id = slug(text)
            if id.isEmpty { id = "section" }
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count)"
            } else {
                used[id] = 1
            }
            headings.append(Heading(level: level, id: id, text: text))
            out.append(contentsOf: html[copied..<tag])
            out.appendUTF8(of: "<h\(level) id=\"\(id)\">")
            out.append(contentsOf: inner)
            out.appendUTF8(of: "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>")
            out.append(contentsOf: close)
            i = end + close.count
            copied = i
        }
        out.append(contentsOf: html[copied...])
        return (out, headings)
    }

    private static let annotationStart = Array("<annotation".utf8), annotationEnd = Array("</annotation".utf8)

    /// Words of prose in HTML (runs of non-space text outside tags and formulas' TeX
    /// annotations), for a reading time: one pass over the bytes, nothing allocated.
    static func wordCount(_ html: [UInt8]) -> Int {
        html.withUnsafeBufferPointer { bytes in
            var words = 0
            var inWord = false
            var skipping = false // inside <annotation>…</annotation>
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "<") {
                    var end = i + 1
                    while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                    // `<annotation` and `</annotation`: compared only for tags that can be one.
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "a") || bytes[i + 1] == UInt8(ascii: "/") {
                        let tag = UnsafeBufferPointer(rebasing: bytes[i..<end])
                        if tag.starts(with: annotationStart) { skipping = true } else if tag.starts(with: annotationEnd) { skipping = false }
                    }
                    // A tag does not end a word (`x<sup>2</sup>` is one); spaces do.
                    i = end + 1
                    continue
                }
                if byte.isASCIIWhitespace {
                    inWord = false
                } else if !inWord, !skipping {
                    inWord = true
                    words += 1
                }
                i += 1
            }
            return words
        }
    }

    /// The text of HTML: tags dropped (a formula's TeX annotation too), entities decoded.
    static func plainText(_ html: ArraySlice<UInt8>) -> String {
        var text: [UInt8] = []
        var i = html.startIndex
        var skipping = false // inside <annotation>…</annotation>
        while i < html.endIndex {
            let byte = html[i]
            if byte == UInt8(ascii: "<") {
                var end = i
                while end < html.endIndex, html[end] != UInt8(ascii: ">") { end += 1 }
                let tag = html[i..<min(end + 1, html.endIndex)]
                if tag.starts(with: "<annotation".utf8) { skipping = true }
                if tag.starts(with: "</annotation".utf8) { skipping = false }
                i = end + 1
                continue
            }
            if !skipping {
                if byte == UInt8(ascii: "&") {
                    let entities: [(String, UInt8)] = [("&amp;", 38), ("&lt;", 60), ("&gt;", 62), ("&quot;", 34), ("&#39;", 39)]
                    if let (entity, value) = entities.first(where: { html[i...].starts(with: $0.0.utf8) }) {
                        text.append(value)
                        i += entity.utf8.count
                        continue
                    }
                }
                text.append(byte)
            }
            i += 1
        }
        return String(decoding: text, as: UTF8.self).trimmingWhitespaceAndNewlines()
    }

    /// GitHub's heading slugs: lower case, letters, digits, `-` and `_` kept, spaces to
    /// `-`, everything else dropped.
    static func slug(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 65...90: slug.append(Unicode.Scalar(scalar.value + 32) ?? scalar) // A-Z, lowered
            case 97...122, 48...57, 45, 95: slug.append(scalar) // a-z, 0-9, -, _
            case 32: slug.append("-")
            case 0..<128: continue // other ASCII: dropped
            default:
                for lower in String(scalar).lowercased().unicodeScalars
                where lower.properties.isAlphabetic || lower.properties.numericType == .decimal {
                    slug.append(lower)
                }
            }
        }
        return String(slug)
    }
}
