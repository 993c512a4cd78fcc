import Diagnostics

/// The options of a calc cell's info string: ```` ```calc echo=false digits=2 ````.
struct CellOptions: Sendable, Equatable {
    /// Show the cell's source.
    var echo = true
    /// Show the cell's results.
    var output = true
    /// Decimals in result tables; nil: the note's or the config's.
    var digits: Int?

    init() {}

    /// Reads `key=value` words after `calc`; an unknown key or a bad value is an error at `range`.
    init(info: String, at range: Range<Int>) throws(Diagnostic) {
        let words = info.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw .error("cell option '\(word)' must be written key=value", at: range, note: "options: echo=false, output=false, digits=N")
            }
            switch parts[0] {
            case "echo", "output":
                guard let value = Bool(parts[1]) else {
                    throw .error("cell option '\(parts[0])' must be true or false, not '\(parts[1])'", at: range)
                }
                if parts[0] == "echo" { echo = value } else { output = value }
            case "digits":
                guard let value = Int(parts[1]), (0...15).contains(value) else {
                    throw .error("cell option 'digits' must be a whole number from 0 to 15, not '\(parts[1])'", at: range)
                }
                digits = value
            default:
                var message = "unknown cell option '\(parts[0])'"
                if let suggestion = Suggestion.closest(to: parts[0], among: ["echo", "output", "digits"]) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw .error(message, at: range, note: "options: echo=false, output=false, digits=N")
            }
        }
    }
}
