import Diagnostics
import Yams

/// A YAML node as a plain, `Sendable` value, with the file offset of where it starts.
///
/// Scalars keep their text exactly as written: `date: 2026-11-26` stays the string
/// `2026-11-26` and is never turned into an instant (which a time zone west of
/// Greenwich would move to the 25th).
public indirect enum YAMLValue: Sendable, Equatable {
    case scalar(String, kind: ScalarKind, offset: Int)
    case sequence([YAMLValue], offset: Int)
    case mapping([(key: String, value: YAMLValue)], offset: Int)

    /// What YAML's core schema resolves a plain scalar to.
    public enum ScalarKind: Sendable, Equatable {
        case string, int, float, bool, null, timestamp

        /// YAML 1.1's implicit types of a plain scalar, as Yams' default resolver has them.
        static func resolve(_ text: String) -> ScalarKind {
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO",
                 "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
                return .bool
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
                return .float
            default: break
            }
            let bytes = Array(text.utf8)
            let unsigned = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
            guard let first = unsigned.first else { return .string }
            if first >= 48 && first <= 57 {
                if unsigned.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }) { return .int }
                if unsigned.starts(with: Array("0x".utf8)), unsigned.count > 2,
                   unsigned.dropFirst(2).allSatisfy({ $0.isASCIIHexDigit || $0 == UInt8(ascii: "_") }) { return .int }
                if CalendarDate(parsing: text.prefix(10)) != nil { return .timestamp }
            }
            if first == UInt8(ascii: ".") || (first >= 48 && first <= 57), Double(text.replacingOccurrences(of: "_", with: "")) != nil {
                return .float
            }
            return .string
        }
    }

    public var offset: Int {
        switch self {
        case .scalar(_, _, let offset), .sequence(_, let offset), .mapping(_, let offset): return offset
        }
    }

    /// A scalar's text; nil for a list or a mapping.
    public var text: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// `~`, `null` or nothing: a key given no value.
    public var isNull: Bool {
        if case .scalar(_, .null, _) = self { return true }
        return false
    }

    /// What the value is, for messages: "a list", "a mapping".
    var typeDescription: String {
        switch self {
        case .scalar: "text"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    public var bool: Bool? {
        guard case .scalar(let text, .bool, _) = self else { return nil }
        return ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(text)
    }

    public var int: Int? {
        guard case .scalar(let text, .int, _) = self else { return nil }
        return Int(text)
    }

    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, k1, o1), .scalar(b, k2, o2)): return a == b && k1 == k2 && o1 == o2
        case let (.sequence(a, o1), .sequence(b, o2)): return a == b && o1 == o2
        case let (.mapping(a, o1), .mapping(b, o2)):
            return o1 == o2 && a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

extension YAMLValue {
    /// Parses YAML text that sits at `baseOffset` of `file`; errors are located in `file`.
    static func parse(_ yaml: String, in file: SourceFile, baseOffset: Int) throws(DiagnosticList) -> YAMLValue? {
        let baseLine = file.line(of: baseOffset)
        func offset(_ mark: Mark?) -> Int {
            guard let mark else { return baseOffset }
            return file.offset(line: baseLine + mark.line - 1, column: mark.column)
        }
        // Yams compares mapping keys by value while composing: an alias as a key would be
        // compared with its whole expansion, before any bound below can apply.
        if let key = aliasUsedAsKey(in: yaml) {
            throw DiagnosticList([.error("an alias cannot be a mapping key here", at: baseOffset + key..<baseOffset + key + 1,
                                         note: "front matter and diary.yml hold settings, not data")])
        }
        let node: Node?
        do {
            // Yams' default resolver runs a regular expression on every scalar; the YAML 1.1
            // core types are resolved here instead (see `ScalarKind.resolve`).
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            let (problem, mark): (String, Mark?) = switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                (problem, mark)
            case .duplicatedKeysInMapping(let duplicates, let context):
                ("duplicate key '\(duplicates.joined(separator: "', '"))'", context.mark)
            default:
                ("\(error)", nil)
            }
            throw DiagnosticList([.error("malformed YAML: \(problem)", at: offset(mark)..<offset(mark))])
        } catch {
            throw DiagnosticList([.error("malformed YAML: \(error)", at: baseOffset..<baseOffset)])
        }
        guard let node else { return nil }
        var values = 0
        do {
            return try convert(node, offset: offset, depth: 0, values: &values)
        } catch {
            throw DiagnosticList([.error(error.message, at: offset(error.mark)..<offset(error.mark),
                                         note: "front matter and diary.yml hold settings, not data")])
        }
    }

    /// The UTF-8 offset of an alias (`*name`) used as a mapping key (`*a: x`, `? *a`),
    /// outside quoted and block scalars and comments, if any.
    static func aliasUsedAsKey(in yaml: String) -> Int? {
        let bytes = Array(yaml.utf8)
        var lineStart = 0
        var blockIndent: Int?  // inside a block scalar (`|` or `>`): lines indented more than this
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var indent = lineStart
            while indent < lineEnd, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
            let blank = indent == lineEnd
            if let block = blockIndent, blank || indent - lineStart > block {
                lineStart = lineEnd + 1
                continue
            }
            blockIndent = nil
            var i = indent
            var previous: UInt8 = UInt8(ascii: " ")  // the last byte that is not a space
            while i < lineEnd {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    // A quoted scalar (on this line): skip to its closing quote.
                    i += 1
                    while i < lineEnd, bytes[i] != byte { i += bytes[i] == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") ? 2 : 1 }
                case UInt8(ascii: "#") where i == lineStart || bytes[i - 1] == UInt8(ascii: " "):
                    i = lineEnd
                    continue
                case UInt8(ascii: "*") where [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
                                               UInt8(ascii: "?"), UInt8(ascii: "-")].contains(i == lineStart ? UInt8(ascii: " ") : bytes[i - 1]):
                    var end = i + 1
                    while end < lineEnd, ![UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                                           UInt8(ascii: "{"), UInt8(ascii: "}")].contains(bytes[end]) { end += 1 }
                    var next = end
                    while next < lineEnd, bytes[next] == UInt8(ascii: " ") { next += 1 }
                    let colonFollows = next < lineEnd && bytes[next] == UInt8(ascii: ":")
                        && (next + 1 == lineEnd || [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[next + 1]))
                    // `*a:` with no space is a name ending in ':' followed by the value indicator.
                    let colonInName = end > i + 1 && bytes[end - 1] == UInt8(ascii: ":")
                    if previous == UInt8(ascii: "?") || colonFollows || colonInName { return i }
                    i = end
                    continue
                case _ where (byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">"))
                    && (previous == UInt8(ascii: ":") || previous == UInt8(ascii: "-")):
                    blockIndent = indent - lineStart
                default:
                    break
                }
                if byte != UInt8(ascii: " ") { previous = byte }
                i += 1
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Bounds on a YAML document once its aliases are expanded: an alias repeats the node
    /// it names, so nine levels of ten aliases ("billion laughs") would make 10^9 values
    /// from a few lines. Nesting is bounded too (every level is a recursion).
    static let maximumValues = 100_000
    static let maximumDepth = 64

    private struct TooLarge: Error {
        var message: String
        var mark: Mark?
    }

    private static func convert(_ node: Node, offset: (Mark?) -> Int, depth: Int, values: inout Int) throws(TooLarge) -> YAMLValue {
        values += 1
        guard values <= maximumValues else {
            throw TooLarge(message: "the YAML holds more than \(maximumValues) values once its aliases are expanded", mark: node.mark)
        }
        guard depth <= maximumDepth else {
            throw TooLarge(message: "the YAML nests more than \(maximumDepth) levels deep", mark: node.mark)
        }
        switch node {
        case .scalar(let scalar):
            let kind = scalar.style == .plain ? ScalarKind.resolve(scalar.string) : .string
            return .scalar(scalar.string, kind: kind, offset: offset(scalar.mark))
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try convert(item, offset: offset, depth: depth + 1, values: &values)) }
            return .sequence(items, offset: offset(sequence.mark))
        case .mapping(let mapping):
            var pairs: [(key: String, value: YAMLValue)] = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw TooLarge(message: "a key must be text, not a list or a mapping", mark: key.mark)
                }
                pairs.append((name, try convert(value, offset: offset, depth: depth + 1, values: &values)))
            }
            return .mapping(pairs, offset: offset(mapping.mark))
        case .alias(let alias):
            return .scalar("", kind: .null, offset: offset(alias.mark))
        }
    }
}
