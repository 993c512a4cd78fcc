import DiaryMath
import Testing

@Suite struct BatchNormTests {
    @Test func oneValuePerFeatureGivesZeroVarianceAndBeta() throws {
        let x = try Tensor(rows: [[3, -1, 7]])
        let (y, statistics) = try BatchNorm.forward(x, gamma: Tensor(2), beta: Tensor([0.5, 1, 1.5]))
        #expect(statistics.variance.scalars == [0, 0, 0])
        #expect(y.scalars == [0.5, 1, 1.5])
        #expect(throws: MathError.self) { try statistics.unbiasedVariance() }
    }

    @Test func aVectorIsABatchOfOneFeature() throws {
        let (y, statistics) = try BatchNorm.forward(Tensor([1, 2, 3, 4]), eps: 1e-8)
        #expect(statistics.mean.shape == [])
        #expect(statistics.mean.scalarValue == 2.5)
        #expect(statistics.variance.scalarValue == 1.25)
        #expect(abs(y.scalars[0] - (-1.5 / (1.25 + 1e-8).squareRoot())) < 1e-15)
    }

    @Test func channelsLastAndImageLayouts() throws {
        let x = try Tensor.randn([2, 3, 4, 5], seed: 3)
        let first = try BatchNorm.statistics(of: x)
        let last = try BatchNorm.statistics(of: x.transposed([0, 2, 3, 1]), featureAxis: -1)
        for (a, b) in zip(first.mean.scalars, last.mean.scalars) { #expect(abs(a - b) < 1e-14) }
        for (a, b) in zip(first.variance.scalars, last.variance.scalars) { #expect(abs(a - b) < 1e-14) }
        #expect(first.count == 40)
    }

    @Test func badArgumentsAreErrors() throws {
        let x = try Tensor.ones([4, 3])
        #expect(throws: MathError.self) { try BatchNorm.forward(x, eps: 0) }
        #expect(throws: MathError.badAxis(2, rank: 2)) { try BatchNorm.forward(x, featureAxis: 2) }
        #expect(throws: MathError.self) { try BatchNorm.forward(x, gamma: Tensor([1, 2])) }
        #expect(throws: MathError.self) { try RunningStatistics(update: .exponential(beta: 1.5)) }
    }

    @Test func testTimeNormalizationOfOneExample() throws {
        let y = try BatchNorm.normalize(Tensor([3.5, 1]), mean: Tensor([2.5, 1]), variance: Tensor([1.25, 4]), eps: 0)
        #expect(abs(y.scalars[0] - 1 / 1.25.squareRoot()) < 1e-15)
        #expect(y.scalars[1] == 0)
        let image = try Tensor.ones([1, 2, 2, 2])
        let z = try BatchNorm.normalize(image, mean: Tensor([1, 0]), variance: Tensor([1, 1]), eps: 0)
        #expect(z.scalars == [0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func runningStatisticsConventions() throws {
        let batches = [try Tensor([1, 2, 3, 4]), try Tensor([2, 3, 4, 5]), try Tensor([0, 2, 4, 6]), try Tensor([3, 3, 3, 3])]
        // The course's EWA: beta 0.9, biased, from 0.
        let course = try RunningStatistics.trace(batches)
        #expect(course.count == 4)
        #expect(abs(course[0].runningMean.scalars[0] - 0.25) < 1e-15)
        #expect(abs(course[1].runningMean.scalars[0] - (0.9 * 0.25 + 0.1 * 3.5)) < 1e-15)
        #expect(abs(course[2].batchVariance.scalars[0] - 5) < 1e-15)
        // The means equal the EWA of the batch means.
        let ewa = try exponentiallyWeightedAverage(Tensor([2.5, 3.5, 3, 3]))
        for (step, v) in zip(course, ewa.scalars) { #expect(abs(step.runningMean.scalars[0] - v) < 1e-15) }
        // PyTorch: unbiased variance from 1; cumulative = plain average.
        let torch = try RunningStatistics.trace(batches, unbiased: true, initialVariance: Tensor(1))
        #expect(abs(torch[0].runningVariance.scalars[0] - (0.9 + 0.1 * 1.25 * 4 / 3)) < 1e-15)
        let cumulative = try RunningStatistics.trace(batches, update: .cumulative, unbiased: true, initialVariance: Tensor(1))
        #expect(abs(cumulative[3].runningMean.scalars[0] - 3) < 1e-15)
        #expect(abs(cumulative[3].runningVariance.scalars[0] - (5.0 / 3 + 5.0 / 3 + 20.0 / 3 + 0) / 4) < 1e-14)
    }

    @Test func ewaBiasCorrection() throws {
        let v = try exponentiallyWeightedAverage(Tensor([10, 10, 10]), beta: 0.5, biasCorrection: true)
        #expect(v.scalars == [10, 10, 10])
        let raw = try exponentiallyWeightedAverage(Tensor([10, 10, 10]), beta: 0.5)
        #expect(raw.scalars == [5, 7.5, 8.75])
        #expect(throws: MathError.self) { try exponentiallyWeightedAverage(Tensor(1)) }
    }
}
