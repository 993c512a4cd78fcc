/// The per-feature statistics of a training batch.
public struct BatchStatistics: Sendable, Equatable {
    /// Mean per feature: shape `(C,)`, or `()` for a 1-d batch of one feature.
    public let mean: Tensor
    /// Biased variance per feature (divided by n), the one every framework normalizes with.
    public let variance: Tensor
    /// Values per feature: N for `(N, C)`, N·L for `(N, C, L)`, N·H·W for images.
    public let count: Int

    /// n/(n−1) × the biased variance (what PyTorch keeps in its running variance).
    /// Needs at least two values per feature.
    public func unbiasedVariance() throws(MathError) -> Tensor {
        guard count >= 2 else {
            throw .invalidArgument("the unbiased variance needs at least 2 values per feature, got \(count)")
        }
        let factor = Double(count) / Double(count - 1)
        return try variance.map { $0 * factor }
    }
}

/// Batch normalization with PyTorch's layout: axis 0 is the batch, the feature (channel)
/// axis is 1 by default (`-1` for Keras' channels-last), and statistics are taken over
/// every other axis. A 1-d (or 0-d) input is a batch of one feature.
///
/// Training normalizes with the batch's own mean and *biased* variance, eps inside the
/// square root: `gamma * (x - mean) / sqrt(var + eps) + beta`. One value per feature
/// gives variance 0 and `y = beta`, without an error, as in Keras (PyTorch refuses it).
public enum BatchNorm {
    public static func statistics(of x: Tensor, featureAxis: Int = 1) throws(MathError) -> BatchStatistics {
        guard x.rank >= 1 else {
            throw .invalidArgument("batch statistics need a batch (a tensor of at least one axis), not a single number")
        }
        let layout = try FeatureLayout(shape: x.shape, featureAxis: featureAxis)
        let (outer, features, inner) = (layout.outer, layout.features, layout.inner)
        let n = outer * inner
        guard n > 0 else { throw .invalidArgument("batch statistics need at least one value per feature") }
        let p = x.storage.pointer
        var means = [Double](repeating: 0, count: features)
        var variances = [Double](repeating: 0, count: features)
        means.withUnsafeMutableBufferPointer { m in
            variances.withUnsafeMutableBufferPointer { v in
                guard let m = m.baseAddress, let v = v.baseAddress else { return }
                let sums = UnsafeMutablePointer<Double>.allocate(capacity: features)
                defer { sums.deallocate() }
                if inner == 1 {
                    // (rows, features): every feature is a column.
                    Summation.columnSums(p, rows: outer, width: features, stride: features, into: m) { x, _ in x }
                    for c in 0..<features { m[c] /= Double(n) }
                    Summation.centeredColumnMoments(p, rows: outer, width: features, stride: features,
                                                    center: m, sums: sums, squares: v)
                } else {
                    // Each (batch, feature) pair is a contiguous block of `inner` values.
                    let partial = UnsafeMutablePointer<Double>.allocate(capacity: 2 * outer)
                    defer { partial.deallocate() }
                    for c in 0..<features {
                        for o in 0..<outer { partial[o] = Summation.sum(p + (o * features + c) * inner, inner) }
                        m[c] = Summation.sum(partial, outer) / Double(n)
                        let center = m[c]
                        for o in 0..<outer {
                            let block = p + (o * features + c) * inner
                            partial[o] = Summation.sum(block, inner) { $0 - center }
                            partial[outer + o] = Summation.sum(block, inner) { ($0 - center) * ($0 - center) }
                        }
                        sums[c] = Summation.sum(partial, outer)
                        v[c] = Summation.sum(partial + outer, outer)
                    }
                }
                // Corrected two-pass: Σd² − (Σd)²/n, with d = x − mean.
                for c in 0..<features {
                    let value = (v[c] - sums[c] * sums[c] / Double(n)) / Double(n)
                    v[c] = value < 0 ? 0 : value // rounding can dip below 0; NaN stays NaN
                }
            }
        }
        let shape = layout.isSingleFeature ? [] : [features]
        return BatchStatistics(mean: try Tensor(shape: shape, scalars: means),
                               variance: try Tensor(shape: shape, scalars: variances), count: n)
    }

    /// Training-mode forward: normalizes `x` with its own batch statistics.
    public static func forward(_ x: Tensor, gamma: Tensor = Tensor(1), beta: Tensor = Tensor(0), eps: Double = 1e-5,
                               featureAxis: Int = 1) throws(MathError) -> (output: Tensor, statistics: BatchStatistics) {
        try checkEps(eps)
        let statistics = try statistics(of: x, featureAxis: featureAxis)
        let output = try transform(x, mean: statistics.mean, variance: statistics.variance, gamma: gamma, beta: beta,
                                   eps: eps, featureAxis: featureAxis)
        return (output, statistics)
    }

    /// Test-time normalization with fixed statistics: `gamma * (z - mean) / sqrt(var + eps) + beta`.
    ///
    /// Arguments broadcast as in NumPy; in addition, a 1-d `mean`, `variance`, `gamma` or
    /// `beta` whose length is `z`'s feature-axis length is laid along that axis, so
    /// `(N, C, H, W)` input takes `(C,)` statistics.
    public static func normalize(_ z: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor = Tensor(1),
                                 beta: Tensor = Tensor(0), eps: Double = 1e-5, featureAxis: Int = 1) throws(MathError) -> Tensor {
        guard eps >= 0, !eps.isNaN else { throw .invalidArgument("eps must not be negative, got \(eps)") }
        if z.rank >= 2, let layout = try? FeatureLayout(shape: z.shape, featureAxis: featureAxis),
           [mean, variance, gamma, beta].allSatisfy({ $0.count == 1 || ($0.rank == 1 && $0.count == layout.features) }) {
            return try transform(z, mean: mean, variance: variance, gamma: gamma, beta: beta, eps: eps, featureAxis: featureAxis)
        }
        let scale = try gamma / (try variance + Tensor(eps)).map { $0.squareRoot() }
        return try (z - mean) * scale + beta
    }

    /// `(x - mean) * (gamma / sqrt(var + eps)) + beta` per feature, in one pass over `x`.
    static func transform(_ x: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor, beta: Tensor,
                          eps: Double, featureAxis: Int) throws(MathError) -> Tensor {
        let layout = try FeatureLayout(shape: x.shape, featureAxis: featureAxis)
        let features = layout.features
        func perFeature(_ t: Tensor, _ name: String) throws(MathError) -> [Double] {
            if t.count == 1 { return [Double](repeating: t.buffer[0], count: features) }
            guard t.rank == 1, t.count == features else {
                throw .invalidArgument("\(name) must be a scalar or have shape (\(features),) for input of shape \(Tensor.describe(shape: x.shape)), not \(Tensor.describe(shape: t.shape))")
            }
            return t.scalars
        }
        let m = try perFeature(mean, "mean")
        let v = try perFeature(variance, "var")
        let g = try perFeature(gamma, "gamma")
        let b = try perFeature(beta, "beta")
        let scale = (0..<features).map { g[$0] / (v[$0] + eps).squareRoot() }
        let (outer, inner) = (layout.outer, layout.inner)
        let p = x.storage.pointer
        return try Tensor(shape: x.shape) { out in
            guard let o = out.baseAddress else { return }
            m.withUnsafeBufferPointer { m in
                scale.withUnsafeBufferPointer { s in
                    b.withUnsafeBufferPointer { b in
                        if inner == 1 {
                            for row in 0..<outer {
                                let input = p + row * features, output = o + row * features
                                for c in 0..<features { output[c] = (input[c] - m[c]) * s[c] + b[c] }
                            }
                        } else {
                            for row in 0..<outer {
                                for c in 0..<features {
                                    let base = (row * features + c) * inner
                                    let (mc, sc, bc) = (m[c], s[c], b[c])
                                    for i in 0..<inner { o[base + i] = (p[base + i] - mc) * sc + bc }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func checkEps(_ eps: Double) throws(MathError) {
        guard eps > 0, eps.isFinite else {
            throw .invalidArgument("eps must be positive in training (it keeps 1/sqrt(var + eps) finite), got \(eps)")
        }
    }
}

/// A shape split around its feature axis: `(outer, features, inner)`.
struct FeatureLayout {
    var outer: Int
    var features: Int
    var inner: Int
    var isSingleFeature: Bool

    init(shape: [Int], featureAxis: Int) throws(MathError) {
        if shape.count < 2 {
            // A 1-d input is a batch of one feature.
            self.init(outer: shape.first ?? 1, features: 1, inner: 1, isSingleFeature: true)
            return
        }
        let axis = try Tensor.normalize(axis: featureAxis, rank: shape.count)
        self.init(outer: shape[..<axis].reduce(1, *), features: shape[axis], inner: shape[(axis + 1)...].reduce(1, *),
                  isSingleFeature: false)
    }

    private init(outer: Int, features: Int, inner: Int, isSingleFeature: Bool) {
        self.outer = outer
        self.features = features
        self.inner = inner
        self.isSingleFeature = isSingleFeature
    }
}
