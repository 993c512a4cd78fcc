/// TeX's math fonts as Unicode Mathematical Alphanumeric Symbols: Chromium's MathML Core
/// ignores `mathvariant` (except `normal`), so `\mathbf{x}` must be the character 𝐱.
enum MathAlphabet: Sendable {
    case bold, italic, boldItalic, doubleStruck, script, fraktur, sansSerif, sansSerifItalic, monospace

    /// The styled form of a character, or the character itself when the alphabet has no
    /// letter for it.
    func map(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        let upper = value >= 65 && value <= 90
        let lower = value >= 97 && value <= 122
        let digit = value >= 48 && value <= 57
        let index = upper ? value - 65 : lower ? value - 97 : 0
        if let hole = holes[scalar] { return String(hole) }
        switch self {
        case .bold:
            if upper { return Self.scalar(0x1D400 + index) }
            if lower { return Self.scalar(0x1D41A + index) }
            if digit { return Self.scalar(0x1D7CE + value - 48) }
            if let greek = Self.greekOffset(scalar) { return Self.scalar(0x1D6A8 + greek) }
        case .italic:
            if upper { return Self.scalar(0x1D434 + index) }
            if lower { return Self.scalar(0x1D44E + index) }
        case .boldItalic:
            if upper { return Self.scalar(0x1D468 + index) }
            if lower { return Self.scalar(0x1D482 + index) }
            if digit { return Self.scalar(0x1D7CE + value - 48) }
            if let greek = Self.greekOffset(scalar) { return Self.scalar(0x1D71C + greek) }
        case .doubleStruck:
            if upper { return Self.scalar(0x1D538 + index) }
            if lower { return Self.scalar(0x1D552 + index) }
            if digit { return Self.scalar(0x1D7D8 + value - 48) }
        case .script:
            if upper { return Self.scalar(0x1D49C + index) }
            if lower { return Self.scalar(0x1D4B6 + index) }
        case .fraktur:
            if upper { return Self.scalar(0x1D504 + index) }
            if lower { return Self.scalar(0x1D51E + index) }
        case .sansSerif:
            if upper { return Self.scalar(0x1D5A0 + index) }
            if lower { return Self.scalar(0x1D5BA + index) }
            if digit { return Self.scalar(0x1D7E2 + value - 48) }
        case .sansSerifItalic:
            if upper { return Self.scalar(0x1D608 + index) }
            if lower { return Self.scalar(0x1D622 + index) }
            if digit { return Self.scalar(0x1D7E2 + value - 48) }
        case .monospace:
            if upper { return Self.scalar(0x1D670 + index) }
            if lower { return Self.scalar(0x1D68A + index) }
            if digit { return Self.scalar(0x1D7F6 + value - 48) }
        }
        return String(scalar)
    }

    /// Letters that were in Unicode before the math alphabets: the alphabets leave holes.
    private var holes: [Unicode.Scalar: Character] {
        switch self {
        case .italic: return ["h": "ℎ"]
        case .doubleStruck: return ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        case .script:
            return ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                    "e": "ℯ", "g": "ℊ", "o": "ℴ"]
        case .fraktur: return ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"]
        default: return [:]
        }
    }

    /// Position of a Greek letter in the math alphabets' Greek block (Α…Ω, ∇, α…ω, ∂, variants).
    private static func greekOffset(_ scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        if value >= 0x391 && value <= 0x3A9, value != 0x3A2 { return value - 0x391 }
        if value >= 0x3B1 && value <= 0x3C9 { return value - 0x3B1 + 26 }
        switch scalar {
        case "∇": return 25
        case "∂": return 51
        case "ϵ": return 52
        case "ϑ": return 53
        case "ϰ": return 54
        case "ϕ": return 55
        case "ϱ": return 56
        case "ϖ": return 57
        default: return nil
        }
    }

    private static func scalar(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String($0) } ?? ""
    }
}
