/// A value a template can show: what front matter, `diary.yml` and the renderer hand to
/// the Mustache templates. Typed, so that a page's shape is read without dynamic casts.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    /// Text given as its UTF-8 bytes (a rendered body): no decoding on the way to the page.
    case utf8([UInt8])
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case map([String: TemplateValue])

    /// The form swift-mustache reads.
    var mustache: Any {
        switch self {
        case .string(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .bool(let flag): flag
        case .int(let number): number
        case .double(let number): number
        case .list(let items): items.map(\.mustache)
        case .map(let entries): entries.mapValues(\.mustache)
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral text: String) { self = .string(text) }
    public init(booleanLiteral flag: Bool) { self = .bool(flag) }
}

extension YAMLValue {
    /// The value as the templates see it.
    public var templateValue: TemplateValue {
        switch self {
        case .scalar(let text, let kind, _):
            switch kind {
            case .bool: return .bool(bool ?? false)
            case .int: return Int(text).map(TemplateValue.int) ?? .string(text)
            case .float: return Double(text).map(TemplateValue.double) ?? .string(text)
            case .null: return .string("")
            case .string, .timestamp: return .string(text)
            }
        case .sequence(let items, _): return .list(items.map(\.templateValue))
        case .mapping(let pairs, _):
            var dictionary: [String: TemplateValue] = [:]
            for (key, value) in pairs { dictionary[key] = value.templateValue }
            return .map(dictionary)
        }
    }
}
