/// xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64: a small, fast
/// generator whose output depends only on the seed.
///
/// `rand` and `randn` use nothing but IEEE-754 basic operations (`sqrt` included) and a
/// logarithm written here, never the platform's libm, so a seed gives the same values
/// on every platform.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// Uniform in [0, 1): the top 53 bits as a fraction.
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Two independent standard normal values (Marsaglia's polar method).
    public mutating func nextNormalPair() -> (Double, Double) {
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2 * PortableMath.log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// Functions computed with basic IEEE operations only, for reproducible results.
enum PortableMath {
    /// Natural logarithm of a positive finite number, accurate to a few ulps:
    /// x = m · 2^e with m in [√½, √2), log m = 2·atanh((m−1)/(m+1)) by its series.
    static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : (x.isNaN || x < 0 ? .nan : x) }
        var value = x
        var exponent = 0
        if value < 0x1.0p-1022 {
            value *= 0x1.0p54
            exponent -= 54
        }
        exponent += Int(value.exponent)
        var m = value.significand // in [1, 2)
        if m > 1.4142135623730951 {
            m /= 2
            exponent += 1
        }
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var series = 1.0 / 25
        for k in stride(from: 23, through: 1, by: -2) { series = 1.0 / Double(k) + t2 * series }
        let logM = 2 * t * series
        // ln 2 split in two so that e · ln2 keeps its precision.
        let ln2High = 0.6931471803691238, ln2Low = 1.9082149292705877e-10
        return Double(exponent) * ln2High + (logM + Double(exponent) * ln2Low)
    }
}

extension Tensor {
    /// Uniform values in [0, 1) from ``Xoshiro256StarStar`` with `seed`.
    public static func rand(_ shape: [Int], seed: UInt64 = 0) throws(MathError) -> Tensor {
        let count = try elementCount(of: shape)
        var generator = Xoshiro256StarStar(seed: seed)
        return try Tensor(shape: shape) { out in
            for i in 0..<count { out[i] = generator.nextUniform() }
        }
    }

    /// Standard normal values from ``Xoshiro256StarStar`` with `seed`.
    public static func randn(_ shape: [Int], seed: UInt64 = 0) throws(MathError) -> Tensor {
        let count = try elementCount(of: shape)
        var generator = Xoshiro256StarStar(seed: seed)
        return try Tensor(shape: shape) { out in
            var i = 0
            while i < count {
                let (a, b) = generator.nextNormalPair()
                out[i] = a
                if i + 1 < count { out[i + 1] = b }
                i += 2
            }
        }
    }
}
