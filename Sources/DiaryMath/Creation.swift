/// Creating tensors: filled, ranges and evenly spaced values.
extension Tensor {
    public static func full(_ shape: [Int], _ value: Double) throws(MathError) -> Tensor {
        let count = try elementCount(of: shape)
        return try Tensor(shape: shape) { $0.baseAddress?.initialize(repeating: value, count: count) }
    }

    public static func zeros(_ shape: [Int]) throws(MathError) -> Tensor { try full(shape, 0) }
    public static func ones(_ shape: [Int]) throws(MathError) -> Tensor { try full(shape, 1) }

    /// How many values `range(start, stop, step)` holds: `⌈(stop − start) / step⌉`, at
    /// least 0, possibly more than any tensor holds (or infinite, for bounds near the
    /// largest doubles).
    public static func rangeLength(start: Double, stop: Double, step: Double) -> Double {
        let length = ((stop - start) / step).rounded(.up)
        return length > 0 ? length : 0
    }

    /// `start, start + step, ...` up to but excluding `stop`, as NumPy's `arange`.
    public static func range(start: Double = 0, stop: Double, step: Double = 1) throws(MathError) -> Tensor {
        guard step != 0, step.isFinite else { throw .invalidArgument("range step must be a finite non-zero number") }
        guard start.isFinite, stop.isFinite else { throw .invalidArgument("range bounds must be finite") }
        let length = rangeLength(start: start, stop: stop, step: step)
        guard length <= Double(maxElements) else {
            throw .invalidArgument("this range holds \(length < 1e15 ? String(Int(length)) : "\(length)") values, more than the \(maxElements) a tensor may hold")
        }
        // Checked above: a whole number from 0 to maxElements converts exactly.
        let count = Int(length)
        return try Tensor(shape: [count]) { out in
            for i in 0..<count { out[i] = start + Double(i) * step }
        }
    }

    /// `count` evenly spaced values from `start` to `stop`, both included.
    public static func linspace(_ start: Double, _ stop: Double, count: Int) throws(MathError) -> Tensor {
        guard count >= 0 else { throw .invalidArgument("linspace needs a count of at least 0, not \(count)") }
        _ = try elementCount(of: [count])
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        // NumPy's start + i * step, value for value; when the span overflows (ends near the
        // largest doubles, of opposite signs) that would give NaN and inf, so the ends are
        // blended instead.
        let overflows = start.isFinite && stop.isFinite && !(stop - start).isFinite
        return try Tensor(shape: [count]) { out in
            for i in 0..<count {
                if overflows {
                    let t = Double(i) / Double(count - 1)
                    out[i] = start * (1 - t) + stop * t
                } else {
                    out[i] = start + Double(i) * step
                }
            }
            if count > 1 { out[count - 1] = stop }
        }
    }
}
