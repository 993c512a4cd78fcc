/// Running (moving) averages of batch statistics, the state a batch-norm layer carries
/// from training to test time.
///
/// `beta` weighs the *old* value: `running = beta * running + (1 - beta) * batch`.
/// That is Keras' `momentum`; PyTorch's `momentum` is `1 - beta`. PyTorch also keeps
/// the unbiased batch variance (`unbiased: true`) and starts from variance 1; its
/// `momentum=None` is ``Update/cumulative``: the plain average of all batch statistics.
public struct RunningStatistics: Sendable, Equatable {
    public enum Update: Sendable, Equatable {
        /// Exponentially weighted, `beta` the weight of the old value (0...1).
        case exponential(beta: Double)
        /// Cumulative average: step t uses the factor 1/t, as PyTorch's `momentum=None`.
        case cumulative
    }

    /// One step of the update, as a row of a table.
    public struct Step: Sendable, Equatable {
        public var step: Int
        public var batchMean: Tensor
        /// The variance that fed the update (unbiased when ``unbiased``).
        public var batchVariance: Tensor
        public var runningMean: Tensor
        public var runningVariance: Tensor
    }

    public var mean: Tensor
    public var variance: Tensor
    /// Updates so far (PyTorch's `num_batches_tracked`).
    public private(set) var steps = 0
    public let update: Update
    public let unbiased: Bool

    public init(mean: Tensor = Tensor(0), variance: Tensor = Tensor(0), update: Update = .exponential(beta: 0.9),
                unbiased: Bool = false) throws(MathError) {
        if case .exponential(let beta) = update, !(0...1).contains(beta) {
            throw .invalidArgument("beta must be between 0 and 1 (the weight of the old value), got \(beta)")
        }
        self.mean = mean
        self.variance = variance
        self.update = update
        self.unbiased = unbiased
    }

    /// Folds one batch's statistics into the running averages.
    @discardableResult
    public mutating func update(with batch: BatchStatistics) throws(MathError) -> Step {
        let batchVariance = unbiased ? try batch.unbiasedVariance() : batch.variance
        let weight: Double // of the new value
        switch update {
        case .exponential(let beta): weight = 1 - beta
        case .cumulative: weight = 1 / Double(steps + 1)
        }
        func blend(_ old: Tensor, _ new: Tensor, _ name: String) throws(MathError) -> Tensor {
            guard old.count == 1 || old.shape == new.shape || (new.isScalar && old.rank <= 1) else {
                throw .invalidArgument("the running \(name) has shape \(Tensor.describe(shape: old.shape)) but the batch has \(new.count) features")
            }
            if case .exponential(let beta) = update {
                return try Tensor(beta) * old + Tensor(weight) * new
            }
            return try Tensor(1 - weight) * old + Tensor(weight) * new
        }
        let newMean = try blend(mean, batch.mean, "mean")
        let newVariance = try blend(variance, batchVariance, "variance")
        mean = newMean
        variance = newVariance
        steps += 1
        return Step(step: steps, batchMean: batch.mean, batchVariance: batchVariance, runningMean: mean, runningVariance: variance)
    }

    /// The running averages over a sequence of batches, one ``Step`` per batch.
    public static func trace(_ batches: [Tensor], update: Update = .exponential(beta: 0.9), unbiased: Bool = false,
                             initialMean: Tensor = Tensor(0), initialVariance: Tensor = Tensor(0),
                             featureAxis: Int = 1) throws(MathError) -> [Step] {
        var state = try RunningStatistics(mean: initialMean, variance: initialVariance, update: update, unbiased: unbiased)
        var steps: [Step] = []
        for batch in batches {
            steps.append(try state.update(with: try BatchNorm.statistics(of: batch, featureAxis: featureAxis)))
        }
        return steps
    }
}

/// Exponentially weighted averages along axis 0: `v_0 = 0`,
/// `v_t = beta * v_{t-1} + (1 - beta) * x_t`; with bias correction `v_t / (1 - beta^t)`.
public func exponentiallyWeightedAverage(_ series: Tensor, beta: Double = 0.9, biasCorrection: Bool = false) throws(MathError) -> Tensor {
    guard (0...1).contains(beta) else { throw .invalidArgument("beta must be between 0 and 1, got \(beta)") }
    guard series.rank >= 1 else { throw .invalidArgument("ewa needs a series (at least 1-d), not a scalar") }
    let steps = series.shape[0]
    guard steps > 0 else { throw .invalidArgument("ewa needs at least one value in the series") }
    let width = steps == 0 ? 0 : series.count / steps
    let p = series.storage.pointer
    return try Tensor(shape: series.shape) { out in
        var v = [Double](repeating: 0, count: width)
        var betaPower = 1.0
        for t in 0..<steps {
            betaPower *= beta
            let correction = biasCorrection ? 1 - betaPower : 1
            for j in 0..<width {
                v[j] = beta * v[j] + (1 - beta) * p[t * width + j]
                out[t * width + j] = v[j] / correction
            }
        }
    }
}
