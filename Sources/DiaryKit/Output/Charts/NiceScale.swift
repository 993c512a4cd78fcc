import Calc
import Foundation

/// Axis ticks at "nice" values, 1, 2 or 5 times a power of ten, covering a data range
/// (Heckbert's algorithm, Graphics Gems, 1990).
struct NiceScale: Sendable, Equatable {
    var low: Double
    var high: Double
    var step: Double

    /// At most `maxTicks`-ish ticks over `minimum...maximum`; `includeZero` for bars.
    init(minimum: Double, maximum: Double, maxTicks: Int = 6, includeZero: Bool = false) {
        var low = includeZero ? min(minimum, 0) : minimum
        var high = includeZero ? max(maximum, 0) : maximum
        if low == high {
            // One value: a unit range around it (or around 0).
            let pad = low == 0 ? 1 : abs(low) * 0.5
            (low, high) = (low - pad, high + pad)
            if includeZero, minimum >= 0 { low = 0 }
        }
        let range = Self.nice(high - low, round: false)
        let step = Self.nice(range / Double(max(1, maxTicks - 1)), round: true)
        let (niceLow, niceHigh) = ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
        // Data near the largest doubles has no nice span (it overflows): its own ends, then.
        if (niceHigh - niceLow).isFinite, niceHigh > niceLow, (niceHigh - niceLow) / step <= 100 {
            (self.low, self.high, self.step) = (niceLow, niceHigh, step)
        } else {
            (self.low, self.high) = (low, high)
            self.step = high / 2 - low / 2
        }
    }

    /// 1, 2, 5 or 10 times a power of ten, near `value`.
    static func nice(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = floor(log10(value))
        let fraction = value / pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }

    /// The tick values, rounded to the step so that 0.1 + 0.2 prints as 0.3.
    var ticks: [Double] {
        let steps = ((high - low) / step).rounded()
        guard steps.isFinite, steps >= 1, steps <= 100 else { return [low, high] }
        return (0...Int(steps)).map { index in
            let value = low + Double(index) * step
            let rounded = (value / step).rounded() * step
            return rounded == 0 ? 0 : rounded
        }
    }

    /// Whether labels are written in scientific notation: for steps below 10⁻⁴ or values
    /// of 10¹⁶ and more, fixed decimals would be long rows of zeros or digits.
    var isScientific: Bool { step < 1e-4 || max(abs(low), abs(high)) >= 1e16 }

    /// Decimals that show the step exactly: 0 for 5, 1 for 0.5, 2 for 0.25... (fixed
    /// labels); in scientific notation, the mantissa's decimals that tell ticks apart.
    var decimals: Int {
        guard step > 0, step.isFinite else { return 0 }
        if isScientific {
            let largest = max(abs(low), abs(high), step)
            return min(17, max(0, Int(floor(log10(largest))) - Int(floor(log10(step)))))
        }
        var decimals = 0
        while decimals < 17 {
            let scaled = step * pow(10, Double(decimals))
            // Whole, relatively: a step of 1e-3 is 1 after three decimals, not 0 after none.
            if scaled.rounded() != 0, abs(scaled.rounded() - scaled) <= 1e-9 * scaled { break }
            decimals += 1
        }
        return decimals
    }

    /// A tick label, negative with a true minus sign; never a non-zero value shown as 0.
    func label(_ value: Double) -> String {
        let text = isScientific && value != 0 ? NumberFormat.scientific(value, digits: decimals) : NumberFormat.fixed(value, digits: decimals)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// The position of `value` between `from` (at `low`) and `to` (at `high`).
    /// Halves are subtracted, so that a span near the largest doubles does not overflow.
    func position(_ value: Double, from: Double, to: Double) -> Double {
        from + (value / 2 - low / 2) / (high / 2 - low / 2) * (to - from)
    }
}
