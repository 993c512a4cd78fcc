#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ASCII classes of UTF-8 bytes, for the scanners that work on a note's bytes.
extension UInt8 {
    /// Space, tab, line feed or carriage return: whitespace as CommonMark and TeX see it.
    var isASCIIWhitespace: Bool { self == 32 || self == 9 || self == 10 || self == 13 }
    var isASCIIDigit: Bool { self >= 48 && self <= 57 }
    var isASCIILetter: Bool { (self | 0x20) >= 97 && (self | 0x20) <= 122 }
    var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
    /// Equal to `wanted`, ignoring the case of ASCII letters only (`| 0x20` on any byte
    /// would make U+0001 a `!`).
    func equalsIgnoringCase(_ wanted: UInt8) -> Bool { wanted.isASCIILetter ? self | 0x20 == wanted | 0x20 : self == wanted }
    var isASCIIHexDigit: Bool { isASCIIDigit || ((self | 0x20) >= 97 && (self | 0x20) <= 102) }
    /// CommonMark's ASCII punctuation: what a backslash can escape.
    var isASCIIPunctuation: Bool {
        (33...47).contains(self) || (58...64).contains(self) || (91...96).contains(self) || (123...126).contains(self)
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace.
    func trimmingWhitespaceAndNewlines() -> String {
        let text = String(self)
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !$0.isASCIIWhitespace }),
              let last = utf8.lastIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        return String(text[first...last])
    }
}

extension [UInt8] {
    /// Appends a string's UTF-8 with one copy (the generic `append(contentsOf: text.utf8)`
    /// goes byte by byte).
    mutating func appendUTF8(of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. Foundation's
    /// `contains(_:)` goes through CFString and UTF-16, many times slower on a hot path.
    /// The scan looks for the needle's byte at `anchor` first: pick one that is rare in
    /// the text (not the `<` of a marker in MathML, where every tag starts with one).
    func containsBytes(of needle: String, anchor: Int = 0) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard text.count >= pattern.count, pattern.indices.contains(anchor), let textBase = text.baseAddress,
                      let patternBase = pattern.baseAddress else { return false }
                let key = pattern[anchor]
                var position = anchor
                let last = text.count - pattern.count + anchor
                while position <= last {
                    guard let found = text[position...last].firstIndex(of: key) else { return false }
                    if memcmp(textBase + found - anchor, patternBase, pattern.count) == 0 { return true }
                    position = found + 1
                }
                return false
            }
        }
    }
}
