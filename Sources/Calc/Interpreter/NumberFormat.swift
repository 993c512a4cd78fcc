#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal formatting of doubles without Foundation, exact to the printed digit
/// (round half to even on the exact binary value, as `printf` does).
public enum NumberFormat {
    /// How a value reads in a table or in prose: `digits` decimals, unless they would
    /// misrepresent it. A non-zero value smaller than 10^-digits (which would print as 0,
    /// or with a first digit that is not its own) and a value of 10^16 or more (past the
    /// integers a double holds exactly) print in scientific notation as NumPy writes it:
    /// `1e-05`, `2.5e+20`. Tables keep trailing zeros so decimals line up; prose drops them.
    public static func readable(_ x: Double, digits: Int, trailingZeros: Bool) -> String {
        let digits = max(0, min(digits, 17))
        if x != 0, x.isFinite, abs(x) < pow(10, -Double(digits)) || abs(x) >= 1e16 {
            return scientific(x, digits: digits)
        }
        return trailingZeros ? fixed(x, digits: digits) : trimmed(x, digits: digits)
    }

    /// `x` in scientific notation with at most `digits` decimals in the mantissa, trailing
    /// zeros removed, and a signed exponent of at least two digits (`1.5e-08`).
    public static func scientific(_ x: Double, digits: Int) -> String {
        let text = printf(x, digits: digits, conversion: "e")
        guard let e = text.firstIndex(of: "e") else { return text }
        var mantissa = text[..<e]
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return String(mantissa + text[e...])
    }

    /// `x` with exactly `digits` decimals (`1.5000`), never in scientific notation (SVG
    /// coordinates, chart ticks); `NaN`, `inf`, `-inf` as such.
    public static func fixed(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let digits = max(0, min(digits, 17))
        if let text = scaledInteger(x, digits: digits) { return text }
        var text = Self.printf(x, digits: digits, conversion: "f")
        // "-0.0000" reads as a sign error in a table: print zero without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// At most `digits` decimals, trailing zeros (and a bare point) removed; never in
    /// scientific notation (CSS lengths).
    public static func trimmed(_ x: Double, digits: Int) -> String {
        var text = fixed(x, digits: digits)
        guard x.isFinite, text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static let powers: [Double] = (0...9).map { pow10($0) }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The common case without `printf`: x · 10^digits rounded to an integer. It is the
    /// exact decimal rounding whenever the product is far from a tie: the product's own
    /// rounding error (under 2^-13 below 2^40) cannot move it across. Else nil.
    private static func scaledInteger(_ x: Double, digits: Int) -> String? {
        guard digits <= 9 else { return nil }
        let scale = powers[digits]
        let scaled = abs(x) * scale
        guard scaled < 0x1p40 else { return nil }
        let fraction = scaled - scaled.rounded(.towardZero)
        guard abs(fraction - 0.5) > 1e-3 else { return nil }
        let units = Int64(scaled.rounded(.toNearestOrEven))
        let divisor = Int64(scale)
        var text = units == 0 ? "" : (x < 0 ? "-" : "")
        text += String(units / divisor)
        if digits > 0 {
            let fractional = String(units % divisor)
            text += "." + String(repeating: "0", count: digits - fractional.count) + fractional
        }
        return text
    }

    /// `printf("%.*f")` or `printf("%.*e")`: rounds the exact binary value correctly.
    private static func printf(_ x: Double, digits: Int, conversion: Character) -> String {
        // 400 bytes hold any double with up to 17 decimals.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let format = conversion == "e" ? "%.*e" : "%.*f"
            let count = withVaList([Int32(digits), x]) { vsnprintf(buffer.baseAddress, 400, format, $0) }
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(max(0, min(count, 399))))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
