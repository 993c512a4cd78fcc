/// Escaping of inserted text, so that a value is always shown as the text it is.
///
/// One byte-level implementation serves HTML bodies, template values, MathML, SVG and
/// Atom; each output picks the rules it needs.
public enum Escaping {
    struct Rules: OptionSet, Sendable {
        let rawValue: UInt8
        /// `'` as `&#39;`, as swift-mustache writes it (template values keep its output).
        static let apostrophe = Rules(rawValue: 1)
        /// Drop what XML 1.0 forbids (control characters but tab and line ends,
        /// U+FFFE, U+FFFF): one stray byte would make a feed or MathML unreadable.
        static let xml = Rules(rawValue: 2)
    }

    /// `& < > "` as entities: text in HTML bodies and attributes.
    public static func html(_ text: some StringProtocol) -> String { escaped(text) }

    /// XML text (Atom, SVG, MathML): markup characters escaped, forbidden characters dropped.
    static func xml(_ text: some StringProtocol) -> String { escaped(text, .xml) }

    /// The text escaped by `rules`.
    static func escaped(_ text: some StringProtocol, _ rules: Rules = []) -> String {
        var string = String(text)
        return string.withUTF8 { bytes in
            // Most text needs nothing: one scan, no copy.
            guard bytes.contains(where: { needsWork($0, rules) }) else { return String(text) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            append(bytes, to: &out, rules)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends UTF-8 `bytes`, escaped by `rules`, to `out`.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], _ rules: Rules = []) {
        guard bytes.contains(where: { needsWork($0, rules) }) else {
            out.append(contentsOf: bytes)
            return
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: [38, 97, 109, 112, 59])                    // &amp;
            case UInt8(ascii: "<"): out.append(contentsOf: [38, 108, 116, 59])                        // &lt;
            case UInt8(ascii: ">"): out.append(contentsOf: [38, 103, 116, 59])                        // &gt;
            case UInt8(ascii: "\""): out.append(contentsOf: [38, 113, 117, 111, 116, 59])             // &quot;
            case UInt8(ascii: "'") where rules.contains(.apostrophe): out.append(contentsOf: [38, 35, 51, 57, 59]) // &#39;
            case 0..<0x20 where rules.contains(.xml) && byte != 9 && byte != 10 && byte != 13:
                continue
            case 0xEF where rules.contains(.xml) && index + 1 < bytes.count && bytes[index] == 0xBF
                && (bytes[index + 1] == 0xBE || bytes[index + 1] == 0xBF):
                index += 2 // U+FFFE, U+FFFF
            default:
                out.append(byte)
            }
        }
    }

    /// Appends a string escaped by `rules` to `out`.
    static func append(_ text: String, to out: inout [UInt8], _ rules: Rules = []) {
        var text = text
        text.withUTF8 { append($0, to: &out, rules) }
    }

    /// Appends UTF-8 `bytes` escaped by `rules` to `out`.
    static func append(_ bytes: [UInt8], to out: inout [UInt8], _ rules: Rules = []) {
        bytes.withUnsafeBufferPointer { append($0, to: &out, rules) }
    }

    private static func needsWork(_ byte: UInt8, _ rules: Rules) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""): true
        case UInt8(ascii: "'"): rules.contains(.apostrophe)
        case 0..<0x20, 0xEF: rules.contains(.xml)
        default: false
        }
    }

    /// A backslash before every character that could start markdown inline syntax, math,
    /// a placeholder or a table-cell boundary, and no other: `batch_mean` stays readable
    /// (an underscore inside a word cannot emphasise). A newline becomes a space.
    static func markdown(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && (scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil)
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "[", "]", "<", "|", "$", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "_" where !(isWordCharacter(index - 1) && isWordCharacter(index + 1)):
                out += "\\_"
            case "&" where index + 1 < scalars.count && (isWordCharacter(index + 1) || scalars[index + 1] == "#"):
                out += "\\&"
            case "{" where index + 1 < scalars.count && scalars[index + 1] == "{":
                out += "\\{"
            case "#" where index == 0:
                out += "\\#"
            case "\n", "\r":
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
