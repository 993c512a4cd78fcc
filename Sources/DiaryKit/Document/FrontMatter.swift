import Diagnostics

/// The YAML block at the top of a note, between `---` lines.
public struct FrontMatter: Sendable {
    public var title: String?
    /// A calendar date read from the scalar's text, never through a time zone.
    public var date: CalendarDate?
    public var tags: [String] = []
    public var draft = false
    public var digits: Int?
    public var counters: [Counter] = []
    public var slug: String?
    /// When the note was last revised (shown beside its date, and the feed's `updated`).
    public var updated: CalendarDate?
    /// A table of contents: on, off, or nil for the config's choice.
    public var toc: Bool?
    /// What the note is about, for `<meta name="description">` (else its first paragraph).
    public var description: String?
    /// TeX macros for the note's math (`macros: {\\R: "\\mathbb{R}"}`).
    public var macros: [MacroDefinition] = []
    /// Every key, known or not, for templates.
    public var values: YAMLValue?

    public init() {}

    /// Reads the known keys of a parsed front matter. Every known key has a type, and a
    /// value of another type is a located error; `~` (null) means "not set".
    init(_ yaml: YAMLValue?, diagnostics: inout [Diagnostic]) {
        values = yaml
        guard let yaml, !yaml.isNull else { return }
        guard case .mapping(let pairs, _) = yaml else {
            diagnostics.append(.error("front matter must be a mapping of keys to values", at: yaml.offset..<yaml.offset,
                                      note: "write one 'key: value' per line"))
            return
        }
        for (key, value) in pairs where !value.isNull {
            switch key {
            case "title": title = ConfigReader.text(value, key: key, diagnostics: &diagnostics)
            case "date": date = ConfigReader.date(value, key: key, diagnostics: &diagnostics, allowTime: true)
            case "tags": tags = ConfigReader.tags(value, diagnostics: &diagnostics)
            case "draft": draft = ConfigReader.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "digits": digits = ConfigReader.digits(value, diagnostics: &diagnostics)
            case "counters": counters = ConfigReader.counters(value, diagnostics: &diagnostics)
            case "slug": slug = ConfigReader.slug(value, diagnostics: &diagnostics)
            case "macros": macros = ConfigReader.macros(value, diagnostics: &diagnostics)
            case "updated": updated = ConfigReader.date(value, key: key, diagnostics: &diagnostics, allowTime: true)
            case "toc": toc = ConfigReader.bool(value, key: key, diagnostics: &diagnostics)
            case "description": description = ConfigReader.text(value, key: key, diagnostics: &diagnostics)
            default: break
            }
        }
    }
}
