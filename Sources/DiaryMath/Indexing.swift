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
    public func indexed(_ items: [TensorIndex]) throws(MathError) -> Tensor {
        guard items.count <= rank else {
            throw .invalidArgument("too many indices for a \(rank)-d tensor: \(items.count)")
        }
        var outputShape: [Int] = []
        // For every axis: the source positions it selects.
        var selections: [[Int]] = []
        for axis in 0..<rank {
            let length = shape[axis]
            switch axis < items.count ? items[axis] : .all {
            case .position(let index):
                let position = index < 0 ? index + length : index
                guard position >= 0, position < length else {
                    throw .indexOutOfRange(index, axis: axis, length: length)
                }
                selections.append([position])
            case .slice(let start, let stop, let step):
                let positions = try Tensor.slicePositions(start: start, stop: stop, step: step, length: length)
                selections.append(positions)
                outputShape.append(positions.count)
            }
        }
        let strides = self.strides
        let source = storage.pointer
        let total = selections.reduce(1) { $0 * $1.count }
        return Tensor(shape: outputShape) { out in
            guard total > 0 else { return }
            var counters = [Int](repeating: 0, count: rank)
            for flat in 0..<total {
                var offset = 0
                for axis in 0..<rank { offset += selections[axis][counters[axis]] * strides[axis] }
                out[flat] = source[offset]
                var axis = rank - 1
                while axis >= 0 {
                    counters[axis] += 1
                    if counters[axis] < selections[axis].count { break }
                    counters[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// Python's slice semantics: bounds are clamped, a negative step walks backwards.
    static func slicePositions(start: Int?, stop: Int?, step: Int?, length: Int) throws(MathError) -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument("slice step cannot be zero") }
        func clamp(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 { value += length }
            return Swift.min(Swift.max(value, low), high)
        }
        if step > 0 {
            let from = clamp(start, 0, low: 0, high: length)
            let to = clamp(stop, length, low: 0, high: length)
            return Array(Swift.stride(from: from, to: to, by: step))
        }
        let from = clamp(start, length - 1, low: -1, high: length - 1)
        let to = clamp(stop, -1, low: -1, high: length - 1)
        return Array(Swift.stride(from: from, to: to, by: step))
    }
}
