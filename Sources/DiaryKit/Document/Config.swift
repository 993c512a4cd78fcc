import Diagnostics
import Foundation

/// A named date whose day counts are `DAYS_SINCE_<NAME>` and `DAYS_UNTIL_<NAME>`.
public struct Counter: Sendable, Equatable {
    /// Upper-cased, as placeholders spell it.
    public var name: String
    public var date: CalendarDate
}

/// A TeX macro from `diary.yml` or front matter: `\\R: "\\mathbb{R}"`, or with its number
/// of arguments, `\\KL: ["D_{KL}(#1 \\| #2)", 2]`.
public struct MacroDefinition: Sendable, Equatable {
    /// The command's name without the backslash.
    public var name: String
    public var body: String
    /// nil: the highest `#n` of the body.
    public var parameters: Int?
    /// Where the definition is, in its file.
    public var offset: Int
}

/// `diary.yml`: site-wide settings. Every key is optional.
public struct Config: Sendable {
    public var title = "Diary"
    public var baseURL: String?
    public var author: String?
    public var timeZone: TimeZone?
    /// Unicode date pattern of `DATE_PRETTY`.
    public var dateFormat = "EEEE, MMMM d, yyyy"
    public var locale = "en_US"
    public var repoStart: CalendarDate?
    public var counters: [Counter] = []
    /// Default decimals in result tables.
    public var digits = 4
    /// TeX macros for every note's math.
    public var macros: [MacroDefinition] = []
    /// Tables of contents: always, never, or (nil, the default) for notes with four
    /// headings or more.
    public var toc: Bool?
    /// An icon file for the site (relative to `diary.yml`), instead of the built-in one.
    public var favicon: String?
    /// What the diary is about, for the index's `<meta name="description">`.
    public var description: String?
    /// How many of the newest notes the index shows (the archive has them all).
    public var indexNotes = 20
    /// The file the settings came from, to locate errors found later (a macro's body).
    public var file: SourceFile?
    /// Every key, known or not, for templates.
    public var values: YAMLValue?

    public init() {}

    /// Reads `diary.yml`; every bad value is a located error.
    public init(file: SourceFile) throws(FileDiagnostics) {
        var diagnostics: [Diagnostic] = []
        var yaml: YAMLValue?
        do {
            yaml = try YAMLValue.parse(file.text, in: file, baseOffset: 0)
        } catch {
            throw FileDiagnostics(file, error.diagnostics)
        }
        values = yaml
        self.file = file
        if let yaml, !yaml.isNull {
            guard case .mapping(let pairs, _) = yaml else {
                throw FileDiagnostics(file, [.error("diary.yml must be a mapping of keys to values", at: yaml.offset..<yaml.offset)])
            }
            // Every known key has a type; `~` (null) leaves the default.
            for (key, value) in pairs where !value.isNull {
                switch key {
                case "title": title = ConfigReader.text(value, key: key, diagnostics: &diagnostics) ?? title
                case "base_url": baseURL = ConfigReader.baseURL(value, diagnostics: &diagnostics)
                case "author": author = ConfigReader.text(value, key: key, diagnostics: &diagnostics)
                case "timezone": timeZone = ConfigReader.timeZone(value, diagnostics: &diagnostics)
                case "date_format": dateFormat = ConfigReader.text(value, key: key, diagnostics: &diagnostics) ?? dateFormat
                case "locale": locale = ConfigReader.text(value, key: key, diagnostics: &diagnostics) ?? locale
                case "repo_start": repoStart = ConfigReader.date(value, key: key, diagnostics: &diagnostics)
                case "counters": counters = ConfigReader.counters(value, diagnostics: &diagnostics)
                case "digits": digits = ConfigReader.digits(value, diagnostics: &diagnostics) ?? digits
                case "macros": macros = ConfigReader.macros(value, diagnostics: &diagnostics)
                case "toc":
                    if value.text == "auto" {
                        toc = nil
                    } else if let bool = value.bool {
                        toc = bool
                    } else {
                        diagnostics.append(.error("'toc' must be true, false or auto", at: value.offset..<value.offset))
                    }
                case "favicon": favicon = ConfigReader.text(value, key: key, diagnostics: &diagnostics)
                case "description": description = ConfigReader.text(value, key: key, diagnostics: &diagnostics)
                case "index_notes":
                    if let count = value.int, (1...1000).contains(count) { indexNotes = count } else {
                        diagnostics.append(.error("'index_notes' must be a whole number from 1 to 1000", at: value.offset..<value.offset))
                    }
                default: break
                }
            }
        }
        if !diagnostics.isEmpty { throw FileDiagnostics(file, diagnostics) }
    }
}

/// Shared readers for values of `diary.yml` and front matter: each reads one type and
/// reports any other as an error at the value.
enum ConfigReader {
    /// A scalar's text (a number or a boolean reads as written); a list or a mapping is an error.
    static func text(_ value: YAMLValue, key: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let text = value.text else {
            diagnostics.append(.error("'\(key)' must be text, not \(value.typeDescription)", at: value.offset..<value.offset))
            return nil
        }
        return text
    }

    /// `macros:` — a mapping of command names (with or without the backslash) to bodies,
    /// or to `[body, number of arguments]`.
    static func macros(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> [MacroDefinition] {
        guard case .mapping(let pairs, _) = value else {
            diagnostics.append(.error("'macros' must map command names to TeX, e.g. '\\R: \"\\mathbb{R}\"'", at: value.offset..<value.offset))
            return []
        }
        var macros: [MacroDefinition] = []
        for (key, definition) in pairs {
            let name = key.hasPrefix("\\") ? String(key.dropFirst()) : key
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else {
                diagnostics.append(.error("macro name '\(key)' must be letters, such as \\R", at: definition.offset..<definition.offset))
                continue
            }
            switch definition {
            case .scalar(let body, _, _):
                macros.append(MacroDefinition(name: name, body: body, parameters: nil, offset: definition.offset))
            case .sequence(let items, _) where items.count == 2:
                guard let body = items[0].text, let count = items[1].int, (0...9).contains(count) else {
                    diagnostics.append(.error("macro '\(key)' must be [body, number of arguments 0 to 9]", at: definition.offset..<definition.offset))
                    continue
                }
                macros.append(MacroDefinition(name: name, body: body, parameters: count, offset: definition.offset))
            default:
                diagnostics.append(.error("macro '\(key)' must be TeX text, or [body, number of arguments]", at: definition.offset..<definition.offset))
            }
        }
        return macros
    }

    /// A list of tags (`[a, b]`, one per line with `- `), or one text of comma-separated tags.
    static func tags(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> [String] {
        var tags: [String] = []
        func add(_ text: String) {
            let tag = text.trimmingWhitespaceAndNewlines()
            if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
        }
        switch value {
        case .sequence(let items, _):
            for item in items where !item.isNull {
                guard let text = item.text else {
                    diagnostics.append(.error("a tag must be text, not \(item.typeDescription)", at: item.offset..<item.offset))
                    continue
                }
                add(text)
            }
        case .scalar(let text, _, _):
            text.split(separator: ",").forEach { add(String($0)) }
        case .mapping:
            diagnostics.append(.error("'tags' must be a list, such as [batch-norm, notes], not a mapping", at: value.offset..<value.offset))
        }
        return tags
    }

    static func date(_ value: YAMLValue, key: String, diagnostics: inout [Diagnostic], allowTime: Bool = false) -> CalendarDate? {
        let range = value.offset..<value.offset
        guard let text = value.text else {
            diagnostics.append(.error("'\(key)' must be a date written YYYY-MM-DD, not \(value.typeDescription)", at: range))
            return nil
        }
        // A timestamp's calendar date is the date it names, whatever its time or offset.
        let hasTime = allowTime && text.utf8.count > 10 && [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(Array(text.utf8)[10])
        let datePart = hasTime ? String(text.prefix(10)) : text
        guard let date = CalendarDate(parsing: datePart), !hasTime || isTimeOfDay(text.dropFirst(11)) else {
            diagnostics.append(.error("'\(key)' is not a valid date: '\(text)'", at: range, note: "write dates as YYYY-MM-DD"))
            return nil
        }
        return date
    }

    /// The time after a timestamp's date, as YAML writes it: `21:59`, `21:59:43.10`, with
    /// an optional zone (`Z`, `+01:00`, ` -5`); its hours, minutes and seconds in range.
    static func isTimeOfDay(_ text: Substring) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|z|[+-]\d{1,2}(?::?\d{2})?)?/) else {
            return false
        }
        let hour = Int(match.1) ?? 99, minute = Int(match.2) ?? 99, second = match.3.flatMap { Int($0) } ?? 0
        return hour <= 23 && minute <= 59 && second <= 60
    }

    static func bool(_ value: YAMLValue, key: String, diagnostics: inout [Diagnostic]) -> Bool? {
        if let bool = value.bool { return bool }
        diagnostics.append(.error("'\(key)' must be true or false", at: value.offset..<value.offset))
        return nil
    }

    static func digits(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> Int? {
        if let digits = value.int, (0...15).contains(digits) { return digits }
        diagnostics.append(.error("'digits' must be a whole number from 0 to 15", at: value.offset..<value.offset))
        return nil
    }

    static func counters(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> [Counter] {
        guard case .mapping(let pairs, _) = value else {
            diagnostics.append(.error("'counters' must map names to dates, e.g. 'diary: 2025-08-18'", at: value.offset..<value.offset))
            return []
        }
        var counters: [Counter] = []
        for (name, date) in pairs {
            let upper = name.uppercased()
            guard !upper.isEmpty, upper.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }),
                  !(upper.first?.isNumber ?? true) else {
                diagnostics.append(.error("counter name '\(name)' must be letters, digits and '_'", at: date.offset..<date.offset))
                continue
            }
            if let parsed = self.date(date, key: name, diagnostics: &diagnostics) {
                counters.append(Counter(name: upper, date: parsed))
            }
        }
        return counters
    }

    static func timeZone(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> TimeZone? {
        guard let name = value.text, let zone = TimeZone(identifier: name) else {
            diagnostics.append(.error("unknown time zone '\(value.text ?? "")'", at: value.offset..<value.offset,
                                      note: "use an IANA name such as Europe/Berlin or UTC"))
            return nil
        }
        return zone
    }

    static func baseURL(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> String? {
        guard let text = value.text, let url = URL(string: text), let scheme = url.scheme,
              ["http", "https"].contains(scheme.lowercased()), url.host != nil else {
            diagnostics.append(.error("'base_url' must be an absolute http(s) URL", at: value.offset..<value.offset))
            return nil
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// A slug names an output file: one path segment of safe characters, so that no
    /// output can escape the output folder.
    static func slug(_ value: YAMLValue, diagnostics: inout [Diagnostic]) -> String? {
        guard let text = value.text, !text.isEmpty, text != ".", text != "..",
              text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0) }),
              !text.hasPrefix(".") else {
            diagnostics.append(.error("'slug' must be one file name made of letters, digits, '-', '_' and '.'", at: value.offset..<value.offset))
            return nil
        }
        return text
    }
}
