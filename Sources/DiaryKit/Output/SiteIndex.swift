/// The order and groupings of a site's notes: what the index, the archive, the tag pages
/// and each page's newer/older links are made from.
struct SiteIndex: Sendable {
    struct Tag: Sendable {
        /// The tag as first written (by the newest note that has it).
        var name: String
        /// Its page's file name: `tags/<slug>.html` (see ``SiteIndex/slug(ofTag:)``).
        var slug: String
        /// Newest first.
        var notes: [RenderedNote]
    }

    /// The notes that have pages, newest first; notes of one day by path, undated notes last.
    let pages: [RenderedNote]
    /// The home text (`index.md` at the root of the notes).
    let home: RenderedNote?
    /// By name, case-insensitively.
    let tags: [Tag]
    /// Years with notes, newest first.
    let years: [(year: Int, notes: [RenderedNote])]
    private let positions: [String: Int]
    private let slugs: [String: String]

    init(_ notes: [RenderedNote]) {
        home = notes.first { $0.outputPath == nil }
        let pages = notes.filter { $0.outputPath != nil }.sorted { a, b in
            switch (a.date, b.date) {
            case let (first?, second?) where first != second: return first > second
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.note.relativePath < b.note.relativePath
            }
        }
        self.pages = pages
        var positions: [String: Int] = [:]
        for (position, note) in pages.enumerated() { positions[note.note.relativePath] = position }
        self.positions = positions

        var byKey: [String: Tag] = [:]
        var order: [String] = []
        var slugs: [String: String] = [:]
        for note in pages {
            for name in note.note.frontMatter.tags {
                let key = Self.slug(ofTag: name)
                if byKey[key] == nil {
                    byKey[key] = Tag(name: name, slug: key, notes: [])
                    order.append(key)
                }
                if byKey[key]?.notes.last?.note.relativePath != note.note.relativePath { byKey[key]?.notes.append(note) }
            }
        }
        var tags = order.compactMap { byKey[$0] }.sorted {
            $0.name.lowercased() == $1.name.lowercased() ? $0.name < $1.name : $0.name.lowercased() < $1.name.lowercased()
        }
        // A tag with no letters or digits (`???`) still needs a file name, one no other tag has.
        let used = Set(tags.map(\.slug))
        var next = 1
        for i in tags.indices where tags[i].slug.isEmpty {
            while used.contains("tag-\(next)") { next += 1 }
            tags[i].slug = "tag-\(next)"
            next += 1
        }
        for tag in tags { slugs[Self.slug(ofTag: tag.name)] = tag.slug }
        self.tags = tags
        self.slugs = slugs

        var years: [(year: Int, notes: [RenderedNote])] = []
        for note in pages {
            guard let date = note.date else { continue }
            if years.last?.year == date.year { years[years.count - 1].notes.append(note) } else { years.append((date.year, [note])) }
        }
        self.years = years
    }

    /// The pages before and after a note in the site's order: the newer and the older note.
    func neighbours(of note: RenderedNote) -> (newer: RenderedNote?, older: RenderedNote?) {
        guard let position = positions[note.note.relativePath] else { return (nil, nil) }
        return (position > 0 ? pages[position - 1] : nil, position + 1 < pages.count ? pages[position + 1] : nil)
    }

    /// A note's tags, each with its page's address relative to the site's root.
    func tagLinks(of note: RenderedNote) -> [(name: String, url: String)] {
        var seen: Set<String> = []
        return note.note.frontMatter.tags.compactMap { name in
            guard let slug = slugs[Self.slug(ofTag: name)], seen.insert(slug).inserted else { return nil }
            return (name, "tags/\(slug).html")
        }
    }

    /// A tag's page name, which tags written differently share: lower case, letters and
    /// digits kept, `+` as `plus` and `#` as `sharp` (so `C++` and `C#` are not `c`), and
    /// every other run of characters one `-`. `ML` and `ml` share a page, as do
    /// `Deep Learning`, `deep-learning` and `deep_learning`.
    static func slug(ofTag name: String) -> String {
        var words: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        for character in name.lowercased() {
            if character == "+" || character == "#" {
                endWord()
                words.append(character == "+" ? "plus" : "sharp")
            } else if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                endWord()
            }
        }
        endWord()
        return words.joined(separator: "-")
    }

    /// Notes (in the order given) grouped by month; undated notes form one group, "Undated".
    static func months(of notes: [RenderedNote], format: (CalendarDate) -> String) -> [(label: String, notes: [RenderedNote])] {
        var groups: [(key: Int, label: String, notes: [RenderedNote])] = []
        for note in notes {
            let key = note.date.map { $0.year * 12 + $0.month } ?? -1
            if groups.last?.key == key {
                groups[groups.count - 1].notes.append(note)
            } else {
                groups.append((key, note.date.map(format) ?? "Undated", [note]))
            }
        }
        return groups.map { ($0.label, $0.notes) }
    }
}
