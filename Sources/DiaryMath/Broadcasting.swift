/// NumPy broadcasting: shapes are aligned at their last axis; two lengths match when they
/// are equal or one of them is 1.
extension Tensor {
    /// The broadcast shape of two shapes, or a shape mismatch naming both.
    public static func broadcastShape(_ lhs: [Int], _ rhs: [Int], operation: String) throws(MathError) -> [Int] {
        let rank = Swift.max(lhs.count, rhs.count)
        var shape = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let a = axis < rank - lhs.count ? 1 : lhs[axis - (rank - lhs.count)]
            let b = axis < rank - rhs.count ? 1 : rhs[axis - (rank - rhs.count)]
            guard a == b || a == 1 || b == 1 else { throw .shapeMismatch(operation: operation, lhs: lhs, rhs: rhs) }
            shape[axis] = a == 1 ? b : a
        }
        return shape
    }

    /// Strides of `shape` read as `target` (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(of: shape)
        let offset = target.count - shape.count
        return target.indices.map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// Applies `op` element-wise with broadcasting. The result reuses the storage of an
    /// operand that has the result's shape and nothing else refers to.
    ///
    /// The operands are `consuming`, so under -O they may be released after their last
    /// formal use (swiftlang/swift#65379); the loops read their storage through raw
    /// pointers, so both are kept alive explicitly until the loops are done.
    @inline(__always)
    static func elementwise(_ lhs: consuming Tensor, _ rhs: consuming Tensor, operation: String,
                            _ op: (Double, Double) -> Double) throws(MathError) -> Tensor {
        let shape = lhs.shape == rhs.shape ? lhs.shape : try broadcastShape(lhs.shape, rhs.shape, operation: operation)
        let count = try elementCount(of: shape)
        // The output buffer: an operand's own when possible.
        let output: TensorStorage
        if lhs.shape == shape, lhs.isUniquelyReferenced() {
            output = lhs.storage
        } else if rhs.shape == shape, rhs.isUniquelyReferenced() {
            output = rhs.storage
        } else {
            output = try TensorStorage(uninitializedCount: count)
        }
        withExtendedLifetime((lhs, rhs)) {
            let a = lhs.storage.pointer, b = rhs.storage.pointer, out = output.pointer
            if lhs.count == count, rhs.count == count {
                for i in 0..<count { out[i] = op(a[i], b[i]) }
            } else if rhs.count == 1, lhs.count == count {
                let y = b[0]
                for i in 0..<count { out[i] = op(a[i], y) }
            } else if lhs.count == 1, rhs.count == count {
                let x = a[0]
                for i in 0..<count { out[i] = op(x, b[i]) }
            } else if count > 0 {
                broadcastLoop(a, broadcastStrides(lhs.shape, to: shape), b, broadcastStrides(rhs.shape, to: shape),
                              out, shape, op)
            }
        }
        return Tensor(shape: shape, storage: output)
    }

    /// The general case: an odometer over every axis but the last, and a tight loop along
    /// the last axis with each operand's stride there (0 or 1).
    @inline(__always)
    private static func broadcastLoop(_ a: UnsafeMutablePointer<Double>, _ aStrides: [Int],
                                      _ b: UnsafeMutablePointer<Double>, _ bStrides: [Int],
                                      _ out: UnsafeMutablePointer<Double>, _ shape: [Int],
                                      _ op: (Double, Double) -> Double) {
        let rank = shape.count
        let inner = shape[rank - 1]
        let sa = aStrides[rank - 1], sb = bStrides[rank - 1]
        let outer = shape.reduce(1, *) / inner
        var index = [Int](repeating: 0, count: rank)
        var aOffset = 0, bOffset = 0
        var o = out
        for _ in 0..<outer {
            let pa = a + aOffset, pb = b + bOffset
            switch (sa, sb) {
            case (1, 1): for i in 0..<inner { o[i] = op(pa[i], pb[i]) }
            case (1, 0): let y = pb[0]; for i in 0..<inner { o[i] = op(pa[i], y) }
            case (0, 1): let x = pa[0]; for i in 0..<inner { o[i] = op(x, pb[i]) }
            default: let value = op(pa[0], pb[0]); for i in 0..<inner { o[i] = value }
            }
            o += inner
            // Advance the odometer over axes rank-2 ... 0.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if index[axis] < shape[axis] { break }
                aOffset -= aStrides[axis] * shape[axis]
                bOffset -= bStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
