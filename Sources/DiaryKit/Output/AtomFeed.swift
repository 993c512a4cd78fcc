/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest notes, with absolute links
/// from the config's `base_url`. Its bytes depend only on the notes, so re-running with
/// the same inputs leaves it untouched.
struct AtomFeed {
    static let maximumEntries = 50

    struct Entry {
        var title: String
        var path: String
        var date: CalendarDate
        /// When the note was last revised, if it says so.
        var updated: CalendarDate?
        var summary: String
        var content: String
    }

    static func xml(title: String, author: String, baseURL: String, entries: [Entry]) -> String {
        let entries = entries.prefix(maximumEntries)
        let updated = entries.map { max($0.date, $0.updated ?? $0.date) }.max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>\(Escaping.xml(title))</title>
          <id>\(Escaping.xml(baseURL))</id>
          <link rel="alternate" type="text/html" href="\(Escaping.xml(baseURL))"/>
          <link rel="self" type="application/atom+xml" href="\(Escaping.xml(baseURL))feed.xml"/>
          <updated>\(updated)</updated>
          <author><name>\(Escaping.xml(author))</name></author>
          <generator>diary</generator>

        """
        for entry in entries {
            let url = baseURL + entry.path
            let folder = String(url[..<(url.lastIndex(of: "/").map { url.index(after: $0) } ?? url.endIndex)])
            out += """
              <entry>
                <title>\(Escaping.xml(entry.title))</title>
                <id>\(Escaping.xml(url))</id>
                <link rel="alternate" type="text/html" href="\(Escaping.xml(url))"/>
                <published>\(timestamp(entry.date))</published>
                <updated>\(timestamp(max(entry.date, entry.updated ?? entry.date)))</updated>
                <summary>\(Escaping.xml(entry.summary))</summary>
                <content type="html" xml:base="\(Escaping.xml(folder))">\(Escaping.xml(entry.content))</content>
              </entry>

            """
        }
        return out + "</feed>\n"
    }

    /// Notes have calendar dates; the feed states them as midnight UTC.
    static func timestamp(_ date: CalendarDate) -> String { date.description + "T00:00:00Z" }
}
