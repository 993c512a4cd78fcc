/// Reductions over one axis (the axis disappears, as NumPy's default) or over every
/// element (`axis: nil`, a 0-d result). Sums are pairwise; the variance is the corrected
/// two-pass algorithm: Σ(x−m)² − (Σ(x−m))²/n, divided by n − ddof.
extension Tensor {
    /// Splits the shape around `axis` into `(outer, length, inner)`.
    func layout(around axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func reducedShape(_ axis: Int) -> [Int] {
        var shape = self.shape
        shape.remove(at: axis)
        return shape
    }

    public func sum(axis: Int? = nil) throws(MathError) -> Tensor {
        try sum(axis: axis) { $0 }
    }

    /// The sums of `transform` of each element.
    @inline(__always)
    private func sum(axis: Int?, _ transform: (Double) -> Double) throws(MathError) -> Tensor {
        guard let axis else { return Tensor(Summation.sum(storage.pointer, count, transform)) }
        let a = try Tensor.normalize(axis: axis, rank: rank)
        let (outer, n, inner) = layout(around: a)
        let p = storage.pointer
        return try Tensor(shape: reducedShape(a)) { out in
            guard let o = out.baseAddress else { return }
            for k in 0..<outer {
                if inner == 1 {
                    o[k] = Summation.sum(p + k * n, n, transform)
                } else {
                    Summation.columnSums(p + k * n * inner, rows: n, width: inner, stride: inner, into: o + k * inner) { x, _ in transform(x) }
                }
            }
        }
    }

    public func mean(axis: Int? = nil) throws(MathError) -> Tensor {
        let n = try length(of: axis)
        // An empty mean is 0/0 = NaN, as in NumPy.
        let means = try sum(axis: axis).map { $0 / Double(n) }
        // Values near the largest double can sum past it although their mean is a double
        // (NumPy says inf): those means are sums of x / n instead (which keeps a NaN or an
        // infinity of the data).
        guard n > 0, !means.buffer.allSatisfy(\.isFinite) else { return means }
        let scaled = try sum(axis: axis) { $0 / Double(n) }
        return try Tensor(shape: means.shape) { out in
            for i in out.indices { out[i] = means.buffer[i].isFinite ? means.buffer[i] : scaled.buffer[i] }
        }
    }

    /// The variance with `ddof` delta degrees of freedom (0: biased, 1: unbiased).
    public func variance(axis: Int? = nil, ddof: Int = 0) throws(MathError) -> Tensor {
        let n = try length(of: axis)
        let divisor = Double(Swift.max(n - ddof, 0))
        let means = try mean(axis: axis)
        let m = means.storage.pointer
        let p = storage.pointer
        func combine(_ sum: Double, _ squares: Double) -> Double {
            (squares - sum * sum / Double(n)) / divisor
        }
        guard let axis else {
            let center = m[0]
            let s1 = Summation.sum(p, count) { $0 - center }
            let s2 = Summation.sum(p, count) { ($0 - center) * ($0 - center) }
            return Tensor(combine(s1, s2))
        }
        let a = try Tensor.normalize(axis: axis, rank: rank)
        let (outer, _, inner) = layout(around: a)
        return try Tensor(shape: means.shape) { out in
            guard let o = out.baseAddress else { return }
            if inner == 1 {
                for k in 0..<outer {
                    let center = m[k]
                    let s1 = Summation.sum(p + k * n, n) { $0 - center }
                    let s2 = Summation.sum(p + k * n, n) { ($0 - center) * ($0 - center) }
                    o[k] = combine(s1, s2)
                }
                return
            }
            let sums = UnsafeMutablePointer<Double>.allocate(capacity: inner)
            defer { sums.deallocate() }
            for k in 0..<outer {
                Summation.centeredColumnMoments(p + k * n * inner, rows: n, width: inner, stride: inner,
                                                center: m + k * inner, sums: sums, squares: o + k * inner)
                for j in 0..<inner { o[k * inner + j] = combine(sums[j], o[k * inner + j]) }
            }
        }
    }

    public func standardDeviation(axis: Int? = nil, ddof: Int = 0) throws(MathError) -> Tensor {
        try variance(axis: axis, ddof: ddof).map { $0.squareRoot() }
    }

    public func min(axis: Int? = nil) throws(MathError) -> Tensor {
        try extreme(axis: axis, name: "min", index: false) { $0 < $1 }
    }

    public func max(axis: Int? = nil) throws(MathError) -> Tensor {
        try extreme(axis: axis, name: "max", index: false) { $0 > $1 }
    }

    /// Index of the first minimum along the axis (of the flattened tensor without one).
    public func argmin(axis: Int? = nil) throws(MathError) -> Tensor {
        try extreme(axis: axis, name: "argmin", index: true) { $0 < $1 }
    }

    public func argmax(axis: Int? = nil) throws(MathError) -> Tensor {
        try extreme(axis: axis, name: "argmax", index: true) { $0 > $1 }
    }

    private func length(of axis: Int?) throws(MathError) -> Int {
        guard let axis else { return count }
        return shape[try Tensor.normalize(axis: axis, rank: rank)]
    }

    /// NaN propagates, as in NumPy: the extreme of values with a NaN is NaN, and its
    /// index the first NaN's.
    private func extreme(axis: Int?, name: String, index: Bool, _ better: (Double, Double) -> Bool) throws(MathError) -> Tensor {
        let a: Int? = try axis.map { (axis: Int) throws(MathError) -> Int in try Tensor.normalize(axis: axis, rank: rank) }
        let (outer, n, inner) = a.map { layout(around: $0) } ?? (1, count, 1)
        guard n > 0 else { throw .invalidArgument("\(name) of an empty sequence") }
        let p = storage.pointer
        return try Tensor(shape: a.map { reducedShape($0) } ?? []) { out in
            for k in 0..<outer {
                for j in 0..<inner {
                    let base = p + k * n * inner + j
                    var best = base[0], position = 0
                    if !best.isNaN {
                        for i in 1..<n {
                            let value = base[i * inner]
                            if value.isNaN {
                                best = value
                                position = i
                                break
                            }
                            if better(value, best) {
                                best = value
                                position = i
                            }
                        }
                    }
                    out[k * inner + j] = index ? Double(position) : best
                }
            }
        }
    }
}
