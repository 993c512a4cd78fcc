/// Escaping of inserted text, so that a value is always shown as the text it is.
enum Escaping {
    /// `& < > "` as entities.
    static func html(_ text: some StringProtocol) -> String {
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

    /// A backslash before every character that could start markdown inline syntax, math
    /// or a table cell boundary; a newline becomes a space (a value is one line of text).
    static func markdown(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "$", "~", "&", "{", "}":
                out += "\\"
                out.unicodeScalars.append(scalar)
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
