import DiaryMath
import Testing

/// NumPy semantics: expected values were computed with NumPy 2.4.
@Suite struct TensorTests {
    let X = try! Tensor(shape: [3, 4], scalars: [
        -7.0, -6.0, -4.17157287525381, -1.803847577293368,
        1.0, 4.180339887498949, 7.696938456699069, 11.520259177452132,
        15.627416997969522, 20.0, 24.622776601683793, 29.4828726939094,
    ])

    private func close(_ actual: Tensor, _ expected: [Double], shape: [Int]? = nil, tolerance: Double = 1e-12) {
        if let shape { #expect(actual.shape == shape) }
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual.scalars, expected) {
            #expect(a == e || abs(a - e) <= tolerance * max(1, abs(e)), "\(a) vs \(e)")
        }
    }

    @Test func broadcasting() throws {
        let row = try Tensor([1, 2, 3, 4])
        close(try X + row, [-6, -4, -1.17157287525381, 2.196152422706632, 2, 6.180339887498949, 10.696938456699069,
                            15.520259177452132, 16.627416997969522, 22, 27.622776601683793, 33.4828726939094], shape: [3, 4])
        let column = try Tensor(shape: [3, 1], scalars: [1, 10, 100])
        close(try column * row, [1, 2, 3, 4, 10, 20, 30, 40, 100, 200, 300, 400], shape: [3, 4])
        close(try Tensor(10) - row, [9, 8, 7, 6], shape: [4])
        let big = try Tensor.ones([4, 1, 3])
        #expect(try (big + Tensor.zeros([2, 1])).shape == [4, 2, 3])
        #expect(throws: MathError.shapeMismatch(operation: "+", lhs: [3, 4], rhs: [3])) { try X + Tensor([1, 2, 3]) }
        #expect(MathError.shapeMismatch(operation: "+", lhs: [3, 4], rhs: [3]).description == "shapes (3, 4) and (3,) do not match for +")
    }

    @Test func ieeeDivisionAndPower() throws {
        close(try Tensor([1, -1]) / Tensor(0), [.infinity, -.infinity])
        #expect(try (Tensor(0) / Tensor(0)).scalarValue?.isNaN == true)
        close(try Tensor.power(Tensor([2, 3]), Tensor(3)), [8, 27])
        close(try Tensor.power(Tensor(2), Tensor([0.5, -1])), [1.4142135623730951, 0.5])
        #expect(try Tensor.power(Tensor(-8), Tensor(1.0 / 3)).scalarValue?.isNaN == true)
    }

    @Test func copiesNeverSeeAnotherTensorsWrites() throws {
        let a = try Tensor([1, 2, 3])
        let b = a
        let c = try a + Tensor(1)
        let d = try -b
        #expect(a.scalars == [1, 2, 3])
        #expect(b.scalars == [1, 2, 3])
        #expect(c.scalars == [2, 3, 4])
        #expect(d.scalars == [-1, -2, -3])
        // A temporary is reused in place; the result is still right.
        let chain = try (a - Tensor(1)) * Tensor(2) + Tensor([10, 20, 30])
        #expect(chain.scalars == [10, 22, 34])
        #expect(a.scalars == [1, 2, 3])
    }

    @Test func reductions() throws {
        close(try X.sum(axis: 0), [9.627416997969522, 18.18033988749895, 28.148142183129053, 39.199284294068164], shape: [4])
        close(try X.sum(axis: 1), [-18.975420452547176, 24.39753752165015, 89.73306629356271], shape: [3])
        close(try X.sum(axis: -1), [-18.975420452547176, 24.39753752165015, 89.73306629356271], shape: [3])
        close(try X.sum(), [95.1551833626657], shape: [])
        close(try X.mean(axis: 0), [3.2091389993231743, 6.060113295832983, 9.382714061043018, 13.06642809802272])
        close(try X.variance(axis: 1, ddof: 1), [5.2130803326413515, 20.541505138938703, 35.577091759630626])
        // Means of values near the largest double are that double, not inf; sums are inf.
        let huge = try Tensor(shape: [2, 2], scalars: [1e308, 1, 1e308, 3])
        #expect(try huge.mean(axis: 0).scalars == [1e308, 2])
        #expect(try huge.mean().scalars == [5e307 + 1])
        #expect(try huge.variance(axis: 0).scalars == [0, 1])
        #expect(try huge.sum(axis: 0).scalars == [.infinity, 4])
        #expect(try Tensor(shape: [2], scalars: [.infinity, 1]).mean().scalars == [.infinity])
        let mixed = try Tensor(shape: [2, 2], scalars: [1e308, .nan, 1e308, 1]).mean(axis: 0).scalars
        #expect(mixed[0] == 1e308 && mixed[1].isNaN)
        close(try X.standardDeviation(axis: 0), [9.368750231087317, 10.697356715563268, 11.815527072208983, 12.81945643882315])
        close(try X.min(axis: 1), [-7, 1, 15.627416997969522])
        close(try X.argmax(axis: 0), [2, 2, 2, 2])
        close(try X.argmin(), [0], shape: [])
        let T = try Tensor.range(stop: 24).reshaped([2, 3, 4])
        close(try T.variance(axis: 1), [Double](repeating: 10.666666666666666, count: 8), shape: [2, 4])
        close(try T.sum(axis: -1), [6, 22, 38, 54, 70, 86], shape: [2, 3])
        #expect(throws: MathError.badAxis(2, rank: 2)) { try X.sum(axis: 2) }
        #expect(MathError.badAxis(2, rank: 2).description == "axis 2 is out of range for 2-d input (valid: -2 to 1)")
        #expect(throws: MathError.self) { try Tensor([]).max() }
        #expect(try Tensor([]).mean().scalarValue?.isNaN == true)
    }

    @Test func nanPropagatesThroughMinMaxAndArgmax() throws {
        let x = try Tensor([3, .nan, 5, 1])
        #expect(try x.max().scalarValue?.isNaN == true)
        #expect(try x.argmax().scalarValue == 1)
        #expect(try x.argmin().scalarValue == 1)
        #expect(try Tensor.maximum(Tensor([1, .nan]), Tensor(0)).scalars[1].isNaN)
    }

    @Test func aLargeOffsetKeepsNineDigitsOfVariance() throws {
        // x = 1e6 + k / 2^20 with integer k: every value is exact, so the exact variance
        // follows from integer sums.
        let z = try Tensor.randn([100_000], seed: 7)
        let k = z.scalars.map { ($0 * 1_048_576).rounded() }
        let x = try Tensor(k.map { 1e6 + $0 / 1_048_576 })
        let n = Int128(k.count)
        let sumK = k.reduce(Int128(0)) { $0 + Int128($1) }
        let sumSquares = k.reduce(Int128(0)) { $0 + Int128($1) * Int128($1) }
        let exact = Double(n * sumSquares - sumK * sumK) / (Double(n) * Double(n) * 1_099_511_627_776)
        let computed = try #require(try x.variance().scalarValue)
        #expect(abs(computed - exact) / exact < 1e-9, "\(computed) vs \(exact)")
        let statistics = try BatchNorm.statistics(of: x.reshaped([-1, 1]))
        #expect(abs(statistics.variance.scalars[0] - exact) / exact < 1e-9)
        let mean = try #require(try x.mean().scalarValue)
        #expect(abs(mean - (1e6 + Double(sumK) / Double(n) / 1_048_576)) < 1e-9)
    }

    @Test func pairwiseSummation() throws {
        // 10^6 × 0.1: a naive running sum is off by ~1e-6; pairwise stays within a few ulps.
        let x = try Tensor.full([1_000_000], 0.1)
        let total = try #require(try x.sum().scalarValue)
        #expect(abs(total - 100_000.00000000001) < 1e-9)
        let columns = try Tensor.full([1_000_000, 2], 0.1)
        #expect(try columns.sum(axis: 0).scalars.allSatisfy { abs($0 - 100_000.00000000001) < 1e-9 })
    }

    @Test(arguments: [1, 2, 7, 8, 9, 15, 16, 17, 31, 100, 129, 1001])
    func columnAndRowSumsOfEveryBlockSize(rows: Int) throws {
        let x = try Tensor.randn([rows, 5], seed: UInt64(rows))
        let values = x.scalars
        let sums0 = try x.sum(axis: 0).scalars
        let variances0 = try x.variance(axis: 0, ddof: 1).scalars
        for j in 0..<5 {
            let column = stride(from: j, to: values.count, by: 5).map { values[$0] }
            let total = column.reduce(0, +)
            #expect(abs(sums0[j] - total) <= 1e-12 * max(1, abs(total)))
            if rows > 1 {
                let mean = total / Double(rows)
                let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows - 1)
                #expect(abs(variances0[j] - variance) <= 1e-12 * max(1, variance))
            }
        }
        let transposed = try x.transposed()
        #expect(try transposed.sum(axis: 1).scalars.enumerated().allSatisfy { abs($0.element - sums0[$0.offset]) <= 1e-12 * max(1, abs(sums0[$0.offset])) })
    }

    @Test func indexingAndSlicing() throws {
        let x = try Tensor.range(stop: 10)
        #expect(try x.indexed([.position(-1)]).scalarValue == 9)
        #expect(try x.indexed([.position(-1)]).shape == [])
        #expect(try x.indexed([.slice(start: 1, stop: 3, step: nil)]).scalars == [1, 2])
        #expect(try x.indexed([.slice(start: nil, stop: nil, step: 3)]).scalars == [0, 3, 6, 9])
        #expect(try x.indexed([.slice(start: nil, stop: nil, step: -4)]).scalars == [9, 5, 1])
        #expect(try x.indexed([.slice(start: -3, stop: 100, step: nil)]).scalars == [7, 8, 9])
        #expect(try X.indexed([.position(1), .all]).scalars == X.scalars[4..<8].map { $0 })
        #expect(try X.indexed([.all, .position(0)]).scalars == [-7, 1, 15.627416997969522])
        #expect(try X.indexed([.slice(start: 1, stop: nil, step: nil), .slice(start: 1, stop: 3, step: nil)]).shape == [2, 2])
        #expect(try X.indexed([.position(-1)]).shape == [4])
        #expect(throws: MathError.indexOutOfRange(3, axis: 0, length: 3)) { try X.indexed([.position(3)]) }
        #expect(throws: MathError.self) { try X.indexed([.all, .all, .all]) }
    }

    @Test func shapes() throws {
        let x = try Tensor.range(stop: 6)
        #expect(try x.reshaped([2, -1]).shape == [2, 3])
        #expect(throws: MathError.self) { try x.reshaped([4, -1]) }
        let m = try x.reshaped([2, 3])
        #expect(try m.transposed().scalars == [0, 3, 1, 4, 2, 5])
        let t = try Tensor.range(stop: 24).reshaped([2, 3, 4])
        let tt = try t.transposed()
        #expect(tt.shape == [4, 3, 2])
        #expect(try tt.indexed([.position(1), .position(2), .position(1)]).scalarValue == 21)
        #expect(m.flattened().shape == [6])
        let s = try Tensor.stack([Tensor([1, 2]), Tensor([3, 4]), Tensor([5, 6])])
        #expect(s.shape == [3, 2])
        #expect(try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1).scalars == [1, 3, 2, 4])
        #expect(throws: MathError.self) { try Tensor.stack([Tensor([1, 2]), Tensor([3])]) }
    }

    @Test func matrixProduct() throws {
        let a = try Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        let b = try Tensor(rows: [[7, 8], [9, 10], [11, 12]])
        #expect(try Tensor.matmul(a, b).scalars == [58, 64, 139, 154])
        #expect(try Tensor.matmul(Tensor([1, 2, 3]), Tensor([4, 5, 6])).shape == [])
        #expect(try Tensor.matmul(Tensor([1, 2, 3]), Tensor([4, 5, 6])).scalarValue == 32)
        #expect(try Tensor.matmul(a, Tensor([1, 0, -1])).scalars == [-2, -2])
        #expect(throws: MathError.shapeMismatch(operation: "@", lhs: [2, 3], rhs: [2, 3])) { try Tensor.matmul(a, a) }
    }

    @Test func creation() throws {
        #expect(try Tensor.range(start: 0, stop: 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor.range(start: 5, stop: 1, step: -2).scalars == [5, 3])
        #expect(try Tensor.linspace(0, 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        // A span past the largest double: the ends blended, no NaN or inf.
        #expect(try Tensor.linspace(-1e308, 1e308, count: 3).scalars == [-1e308, 0, 1e308])
        #expect(try Tensor.linspace(-1.7e308, 1.7e308, count: 11).scalars.allSatisfy { $0.isFinite })
        #expect(try Tensor.full([2, 2], 7).scalars == [7, 7, 7, 7])
        #expect(throws: MathError.tooManyElements(shape: [100_000, 100_000])) { try Tensor.zeros([100_000, 100_000]) }
        #expect(throws: MathError.self) { try Tensor.range(stop: 1e12) }
        #expect(throws: MathError.self) { try Tensor.ones([Int.max / 2, 4]) }
        #expect(throws: MathError.self) { try Tensor.zeros([100_000, 1]) + Tensor.zeros([1, 100_000]) }
    }

    @Test func elementwiseFunctions() throws {
        let x = try Tensor([-800, -1, 0, 2.5, 800])
        close(try ElementwiseFunction.sigmoid.apply(x), [0, 0.2689414213699951, 0.5, 0.9241418199787566, 1])
        close(try ElementwiseFunction.relu.apply(x), [0, 0, 0, 2.5, 800])
        close(try ElementwiseFunction.floor.apply(try Tensor([-1.5, 1.5])), [-2, 1])
        close(try ElementwiseFunction.ceil.apply(try Tensor([-1.5, 1.5])), [-1, 2])
        close(try ElementwiseFunction.log.apply(try Tensor([0, 1])), [-.infinity, 0])
        #expect(try ElementwiseFunction.sqrt.apply(Tensor(-1)).scalarValue?.isNaN == true)
        close(try Tensor([2.5, 3.5, -2.5, 0.125, 1.005]).rounded(), [2, 4, -2, 0, 1])
        close(try Tensor([0.125, 1.005, 2.675]).rounded(digits: 2), [0.12, 1, 2.68])
        close(try Tensor.compare(try Tensor([1, 2, 3]), .greaterOrEqual, Tensor(2)), [0, 1, 1])
    }

    /// Golden values from an independent Python implementation of the documented
    /// generator (xoshiro256** seeded by SplitMix64, polar method, portable log).
    @Test func seededRandomValuesAreFixed() throws {
        #expect(try Tensor.rand([4], seed: 0).scalars == [0.6012629994179048, 0.7477740925472398, 0.10301998939503632, 0.4165890778296456])
        #expect(try Tensor.rand([3], seed: 42).scalars == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
        #expect(try Tensor.randn([5], seed: 0).scalars == [0.5981026483626094, 1.4634599192204392, -0.8950525532379916, -0.18806276603887423, -2.415606685712082])
        #expect(try Tensor.randn([3], seed: 7).scalars == [0.9643618527255183, -1.0637531974798473, -0.3039301238656567])
    }
}
