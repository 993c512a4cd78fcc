/// Escaping of inserted text, so that a value is always shown as the text it is.
enum Escaping {
    /// `& < > "` as entities.
    static func html(_ text: some StringProtocol) -> String {
        // Most text needs nothing: one scan, no copy.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) {
            return String(text)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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

    /// XML text (Atom, SVG): markup characters escaped, characters XML 1.0 forbids dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
