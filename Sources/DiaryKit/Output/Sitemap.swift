/// `sitemap.xml` (sitemaps.org 0.9): every page of the site with an absolute address, and
/// for a note the day it last changed.
enum Sitemap {
    static func xml(baseURL: String, files: some Sequence<String>, notes: [RenderedNote]) -> String {
        var changed: [String: CalendarDate] = [:]
        for note in notes {
            guard let path = note.outputPath, let date = note.date else { continue }
            changed[path] = max(date, note.note.frontMatter.updated ?? date)
        }
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        // Pages only, not the 404 page; the home page by its folder's address.
        for path in files.filter({ $0.hasSuffix(".html") && $0 != "404.html" }).sorted() {
            let address = baseURL + (path == "index.html" ? "" : path)
            out += "  <url><loc>\(Escaping.xml(address))</loc>"
            if let date = changed[path] { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
