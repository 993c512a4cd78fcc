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

    public var text: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
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
        return convert(node, offset: offset)
    }

    private static func convert(_ node: Node, offset: (Mark?) -> Int) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            let kind = scalar.style == .plain ? ScalarKind.resolve(scalar.string) : .string
            return .scalar(scalar.string, kind: kind, offset: offset(scalar.mark))
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, offset: offset) }, offset: offset(sequence.mark))
        case .mapping(let mapping):
            let pairs = mapping.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value, offset: offset)) }
            return .mapping(pairs, offset: offset(mapping.mark))
        case .alias(let alias):
            return .scalar("", kind: .null, offset: offset(alias.mark))
        }
    }
}
