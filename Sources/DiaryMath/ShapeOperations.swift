/// Reshaping, transposing, flattening and stacking.
extension Tensor {
    /// The same elements in a new shape; one length may be -1 and is inferred.
    public func reshaped(_ newShape: [Int]) throws(MathError) -> Tensor {
        guard newShape.count <= Tensor.maxRank else { throw .tooManyAxes(newShape.count) }
        var shape = newShape
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
            throw .invalidArgument("a shape can have one inferred length (-1) and no other negative one")
        }
        if let axis = unknown.first {
            // The product of the given lengths, stopping once it passes the element count.
            var known = 1
            for (index, length) in shape.enumerated() where index != axis {
                let (product, overflow) = known.multipliedReportingOverflow(by: length)
                known = overflow ? Int.max : product
            }
            guard known > 0, known <= count, count % known == 0 else {
                throw .invalidArgument("cannot reshape \(count) elements into shape \(Tensor.describe(shape: newShape))")
            }
            shape[axis] = count / known
        }
        guard try Tensor.elementCount(of: shape) == count else {
            throw .invalidArgument("cannot reshape \(Tensor.describe(shape: self.shape)) into shape \(Tensor.describe(shape: newShape))")
        }
        return Tensor(shape: shape, storage: storage)
    }

    public func flattened() -> Tensor { Tensor(shape: [count], storage: storage) }

    /// Axes permuted; by default reversed (a matrix's transpose), as in NumPy.
    public func transposed(_ axes: [Int]? = nil) throws(MathError) -> Tensor {
        let order = try axes.map { (axes: [Int]) throws(MathError) -> [Int] in
            var normalized: [Int] = []
            for axis in axes { normalized.append(try Tensor.normalize(axis: axis, rank: rank)) }
            return normalized
        } ?? Array((0..<rank).reversed())
        guard order.sorted() == Array(0..<rank) else {
            throw .invalidArgument("transpose axes must be a permutation of 0..<\(rank)")
        }
        if order == Array(0..<rank) { return self }
        let newShape = order.map { shape[$0] }
        let sourceStrides = strides
        let source = storage.pointer
        let axes = self.rank
        return try Tensor(shape: newShape) { out in
            guard !out.isEmpty else { return }
            if axes == 2 {
                let rows = newShape[0], columns = newShape[1]
                for i in 0..<rows {
                    for j in 0..<columns { out[i * columns + j] = source[j * rows + i] }
                }
                return
            }
            // The output's last axis is a tight loop with one source stride; an odometer
            // walks the other axes (no per-element work over all the axes).
            let strides = order.map { sourceStrides[$0] }
            let inner = newShape[axes - 1], innerStride = strides[axes - 1]
            var counters = [Int](repeating: 0, count: axes)
            var offset = 0
            var o = 0
            while o < out.count {
                for i in 0..<inner { out[o + i] = source[offset + i * innerStride] }
                o += inner
                var axis = axes - 2
                while axis >= 0 {
                    counters[axis] += 1
                    offset += strides[axis]
                    if counters[axis] < newShape[axis] { break }
                    offset -= strides[axis] * newShape[axis]
                    counters[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// Tensors of one shape joined along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws(MathError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("stack needs at least one tensor") }
        for tensor in tensors where tensor.shape != first.shape {
            throw .shapeMismatch(operation: "stack", lhs: first.shape, rhs: tensor.shape)
        }
        let a = try normalize(axis: axis, rank: first.rank + 1)
        var shape = first.shape
        shape.insert(tensors.count, at: a)
        _ = try elementCount(of: shape)
        let (outer, _, inner) = (shape[..<a].reduce(1, *), tensors.count, first.shape[a...].reduce(1, *))
        return try Tensor(shape: shape) { out in
            guard let o = out.baseAddress else { return }
            for k in 0..<outer {
                for (t, tensor) in tensors.enumerated() {
                    (o + (k * tensors.count + t) * inner).update(from: tensor.storage.pointer + k * inner, count: inner)
                }
            }
        }
    }
}
