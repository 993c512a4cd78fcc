#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal formatting of doubles without Foundation, exact to the printed digit
/// (round half to even on the exact binary value, as `printf` does).
public enum NumberFormat {
    /// `x` with exactly `digits` decimals (`1.5000`); `NaN`, `inf`, `-inf` as such.
    public static func fixed(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let digits = max(0, min(digits, 17))
        if let text = scaledInteger(x, digits: digits) { return text }
        var text = Self.printf(x, digits: digits)
        // "-0.0000" reads as a sign error in a table: print zero without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// At most `digits` decimals, trailing zeros (and a bare point) removed.
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

    /// `printf("%.*f")` alone (tests compare the fast path against it).
    public static func viaPrintf(_ x: Double, digits: Int) -> String {
        var text = printf(x, digits: digits)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    private static func printf(_ x: Double, digits: Int) -> String {
        // snprintf rounds the exact binary value correctly; 400 bytes hold any double.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let count = withVaList([Int32(digits), x]) { vsnprintf(buffer.baseAddress, 400, "%.*f", $0) }
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(max(0, min(count, 399))))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
