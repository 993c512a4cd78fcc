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
    static func process(_ html: [UInt8]) -> (html: [UInt8], headings: [Heading]) {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var headings: [Heading] = []
        var used: [String: Int] = [:]
        var i = 0
        while i < html.count {
            // `<h` digit `>` at a tag start.
            guard html[i] == UInt8(ascii: "<"), i + 3 < html.count, html[i + 1] == UInt8(ascii: "h"),
                  (49...54).contains(html[i + 2]), html[i + 3] == UInt8(ascii: ">") else {
                out.append(html[i])
                i += 1
                continue
            }
            let level = Int(html[i + 2] - 48)
            let close = Array("</h\(level)>".utf8)
            var end = i + 4
            while end + close.count <= html.count, !html[end..<end + close.count].elementsEqual(close) { end += 1 }
            guard end + close.count <= html.count else {
                out.append(html[i])
                i += 1
                continue
            }
            let inner = html[(i + 4)..<end]
            let text = plainText(inner)
            var id = slug(text)
            if id.isEmpty { id = "section" }
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count)"
            } else {
                used[id] = 1
            }
            headings.append(Heading(level: level, id: id, text: text))
            out.appendUTF8(of: "<h\(level) id=\"\(id)\">")
            out.append(contentsOf: inner)
            out.appendUTF8(of: "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>")
            out.append(contentsOf: close)
            i = end + close.count
        }
        return (out, headings)
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
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal || scalar == "-" || scalar == "_" {
                slug.unicodeScalars.append(scalar)
            } else if scalar == " " {
                slug += "-"
            }
        }
        return slug
    }
}
