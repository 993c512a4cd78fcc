/// One item of an index expression: `x[2]`, `x[-1]`, `x[:]`, `x[1:3]`, `x[::2]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position (negative counts from the end); removes the axis.
    case position(Int)
    /// A Python slice; nil bounds mean "from the start" / "to the end". Keeps the axis.
    case slice(start: Int?, stop: Int?, step: Int?)

    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
}

extension Tensor {
    /// NumPy basic indexing: one item per leading axis; missing trailing items mean `:`.
    /// Selections are arithmetic progressions, never lists of positions, so a slice of an
    /// axis a billion long costs nothing until elements are copied (and the result's size
    /// is checked before that).
    public func indexed(_ items: [TensorIndex]) throws(MathError) -> Tensor {
        guard items.count <= rank else {
            throw .invalidArgument("too many indices for a \(rank)-d tensor: \(items.count)")
        }
        var outputShape: [Int] = []
        // For every axis: the first source position, the step between positions, how many.
        var firsts: [Int] = [], steps: [Int] = [], counts: [Int] = []
        for axis in 0..<rank {
            let length = shape[axis]
            switch axis < items.count ? items[axis] : .all {
            case .position(let index):
                let position = index < 0 ? index + length : index
                guard position >= 0, position < length else {
                    throw .indexOutOfRange(index, axis: axis, length: length)
                }
                (firsts, steps, counts) = (firsts + [position], steps + [0], counts + [1])
            case .slice(let start, let stop, let step):
                let selection = try Tensor.slice(start: start, stop: stop, step: step, length: length)
                (firsts, steps, counts) = (firsts + [selection.first], steps + [selection.step], counts + [selection.count])
                outputShape.append(selection.count)
            }
        }
        let strides = self.strides
        let source = storage.pointer
        let rank = self.rank
        return try Tensor(shape: outputShape) { out in
            guard !out.isEmpty else { return }
            var counters = [Int](repeating: 0, count: rank)
            var offset = (0..<rank).reduce(0) { $0 + firsts[$1] * strides[$1] }
            // A step can be far longer than its axis (`x[::10**15]` selects one element),
            // so the offset arithmetic wraps: it is exact modulo 2^64, and every offset
            // read is inside the buffer.
            for flat in 0..<out.count {
                out[flat] = source[offset]
                // Advance the odometer: the last axis fastest.
                var axis = rank - 1
                while axis >= 0 {
                    counters[axis] += 1
                    offset &+= steps[axis] &* strides[axis]
                    if counters[axis] < counts[axis] { break }
                    offset &-= steps[axis] &* strides[axis] &* counts[axis]
                    counters[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// Python's slice semantics as a progression: bounds are clamped to the axis, a
    /// negative step walks backwards.
    static func slice(start: Int?, stop: Int?, step: Int?, length: Int) throws(MathError) -> (first: Int, step: Int, count: Int) {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument("slice step cannot be zero") }
        guard step != .min else { throw .invalidArgument("slice step \(step) is out of range") }
        func clamp(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 { value += length }
            return Swift.min(Swift.max(value, low), high)
        }
        if step > 0 {
            let from = clamp(start, 0, low: 0, high: length)
            let to = clamp(stop, length, low: 0, high: length)
            return (from, step, to > from ? (to - from - 1) / step + 1 : 0)
        }
        let from = clamp(start, length - 1, low: -1, high: length - 1)
        let to = clamp(stop, -1, low: -1, high: length - 1)
        return (from, step, from > to ? (from - to - 1) / -step + 1 : 0)
    }
}
