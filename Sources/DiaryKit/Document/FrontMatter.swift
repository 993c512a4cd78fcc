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
    /// Every key, known or not, for templates.
    public var values: YAMLValue?

    public init() {}

    /// Reads the known keys of a parsed front matter; bad values are located errors.
    init(_ yaml: YAMLValue?, diagnostics: inout [Diagnostic]) {
        values = yaml
        guard let yaml else { return }
        guard case .mapping(let pairs, _) = yaml else {
            diagnostics.append(.error("front matter must be a mapping of keys to values", at: yaml.offset..<yaml.offset))
            return
        }
        for (key, value) in pairs {
            switch key {
            case "title": title = value.text
            case "date":
                date = ConfigReader.date(value, key: key, diagnostics: &diagnostics, allowTime: true)
            case "tags":
                switch value {
                case .sequence(let items, _): tags = items.compactMap(\.text)
                case .scalar(let text, _, _): tags = text.split(separator: ",").map { $0.trimmingWhitespaceAndNewlines() }
                default: break
                }
            case "draft": draft = ConfigReader.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "digits": digits = ConfigReader.digits(value, diagnostics: &diagnostics)
            case "counters": counters = ConfigReader.counters(value, diagnostics: &diagnostics)
            case "slug": slug = ConfigReader.slug(value, diagnostics: &diagnostics)
            default: break
            }
        }
    }
}
