/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest notes, with absolute links
/// from the config's `base_url`. Its bytes depend only on the notes, so re-running with
/// the same inputs leaves it untouched.
struct AtomFeed {
    static let maximumEntries = 50

    struct Entry {
        var title: String
        var path: String
        var date: CalendarDate
        var summary: String
        var content: String
    }

    static func xml(title: String, author: String, baseURL: String, entries: [Entry]) -> String {
        let entries = entries.prefix(maximumEntries)
        let updated = entries.map(\.date).max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>\(escape(title))</title>
          <id>\(escape(baseURL))</id>
          <link rel="alternate" type="text/html" href="\(escape(baseURL))"/>
          <link rel="self" type="application/atom+xml" href="\(escape(baseURL))feed.xml"/>
          <updated>\(updated)</updated>
          <author><name>\(escape(author))</name></author>
          <generator>diary</generator>

        """
        for entry in entries {
            let url = baseURL + entry.path
            let folder = String(url[..<(url.lastIndex(of: "/").map { url.index(after: $0) } ?? url.endIndex)])
            out += """
              <entry>
                <title>\(escape(entry.title))</title>
                <id>\(escape(url))</id>
                <link rel="alternate" type="text/html" href="\(escape(url))"/>
                <updated>\(timestamp(entry.date))</updated>
                <summary>\(escape(entry.summary))</summary>
                <content type="html" xml:base="\(escape(folder))">\(escape(entry.content))</content>
              </entry>

            """
        }
        return out + "</feed>\n"
    }

    /// Notes have calendar dates; the feed states them as midnight UTC.
    static func timestamp(_ date: CalendarDate) -> String { date.description + "T00:00:00Z" }

    /// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
