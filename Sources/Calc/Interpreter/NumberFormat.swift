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

    private static func printf(_ x: Double, digits: Int) -> String {
        // snprintf rounds the exact binary value correctly; 400 bytes hold any double.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let count = withVaList([Int32(digits), x]) { vsnprintf(buffer.baseAddress, 400, "%.*f", $0) }
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(max(0, min(count, 399))))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
