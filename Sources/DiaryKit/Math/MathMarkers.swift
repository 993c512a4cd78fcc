/// Places in a formula's MathML that depend on the rest of its note: equation numbers
/// (counted across the note) and references to labels (defined anywhere in it). The
/// converter writes a marker; ``MathNumbering`` (Output) replaces it per note.
///
/// A marker is an XML comment, `<!--diary:…-->`, which no escaped text can imitate (a
/// user's `<` is always `&lt;`); its fields are hexadecimal UTF-8, so any label fits.
enum MathMarker: Sendable, Equatable {
    /// An equation's number: automatic (`tag` nil) or `\tag{…}`, with the equation's label.
    case number(label: String?, tag: String?, parenthesized: Bool)
    /// `\ref{label}` (the number) or `\eqref{label}` (the number in parentheses).
    case reference(label: String, parenthesized: Bool)

    static let prefix = "<!--diary:"
    static let suffix = "-->"

    var markup: String {
        switch self {
        case let .number(label, tag, parenthesized):
            return Self.prefix + "n:" + Self.hex(label ?? "") + ":" + (tag.map { "t" + Self.hex($0) } ?? "") + ":" + (parenthesized ? "p" : "") + Self.suffix
        case let .reference(label, parenthesized):
            return Self.prefix + "r:" + Self.hex(label) + ":" + (parenthesized ? "p" : "") + Self.suffix
        }
    }

    /// The marker whose text (between prefix and suffix) is `body`, or nil.
    init?(body: Substring) {
        let fields = body.split(separator: ":", omittingEmptySubsequences: false)
        switch fields.first {
        case "n" where fields.count == 4:
            guard let label = Self.text(fields[1]) else { return nil }
            let tag = fields[2].isEmpty ? nil : Self.text(fields[2].dropFirst())
            self = .number(label: label.isEmpty ? nil : label, tag: tag, parenthesized: fields[3] == "p")
        case "r" where fields.count == 3:
            guard let label = Self.text(fields[1]) else { return nil }
            self = .reference(label: label, parenthesized: fields[2] == "p")
        default:
            return nil
        }
    }

    private static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }

    private static func text(_ hex: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = value(high), let l = value(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: digit - 48
        case 97...102: digit - 87
        default: nil
        }
    }
}
