#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Element-wise arithmetic with NumPy broadcasting. IEEE semantics: `1/0` is `inf`,
/// `0/0` is NaN; only shapes can make these fail.
extension Tensor {
    public static func + (lhs: consuming Tensor, rhs: consuming Tensor) throws(MathError) -> Tensor {
        try elementwise(lhs, rhs, operation: "+") { $0 + $1 }
    }

    public static func - (lhs: consuming Tensor, rhs: consuming Tensor) throws(MathError) -> Tensor {
        try elementwise(lhs, rhs, operation: "-") { $0 - $1 }
    }

    public static func * (lhs: consuming Tensor, rhs: consuming Tensor) throws(MathError) -> Tensor {
        try elementwise(lhs, rhs, operation: "*") { $0 * $1 }
    }

    public static func / (lhs: consuming Tensor, rhs: consuming Tensor) throws(MathError) -> Tensor {
        try elementwise(lhs, rhs, operation: "/") { $0 / $1 }
    }

    public static prefix func - (operand: consuming Tensor) throws(MathError) -> Tensor {
        try operand.map { -$0 }
    }

    /// `lhs ^ rhs` element-wise, as C's `pow` (so `(-8) ^ (1/3)` is NaN, as in NumPy).
    public static func power(_ lhs: consuming Tensor, _ rhs: consuming Tensor) throws(MathError) -> Tensor {
        if let exponent = rhs.scalarValue, rhs.rank <= lhs.rank {
            // Common exponents without a libm call; exact for squares.
            switch exponent {
            case 2: return try lhs.map { $0 * $0 }
            case 1: return lhs
            default: break
            }
        }
        return try elementwise(lhs, rhs, operation: "^") { pow($0, $1) }
    }

    public static func minimum(_ lhs: consuming Tensor, _ rhs: consuming Tensor) throws(MathError) -> Tensor {
        // NaN wins, as in NumPy's `minimum`.
        try elementwise(lhs, rhs, operation: "minimum") { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
    }

    public static func maximum(_ lhs: consuming Tensor, _ rhs: consuming Tensor) throws(MathError) -> Tensor {
        try elementwise(lhs, rhs, operation: "maximum") { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
    }

    /// Element-wise comparison giving 1 for true and 0 for false.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public static func compare(_ lhs: consuming Tensor, _ comparison: Comparison, _ rhs: consuming Tensor) throws(MathError) -> Tensor {
        let name = comparison.rawValue
        switch comparison {
        case .equal: return try elementwise(lhs, rhs, operation: name) { $0 == $1 ? 1 : 0 }
        case .notEqual: return try elementwise(lhs, rhs, operation: name) { $0 != $1 ? 1 : 0 }
        case .less: return try elementwise(lhs, rhs, operation: name) { $0 < $1 ? 1 : 0 }
        case .lessOrEqual: return try elementwise(lhs, rhs, operation: name) { $0 <= $1 ? 1 : 0 }
        case .greater: return try elementwise(lhs, rhs, operation: name) { $0 > $1 ? 1 : 0 }
        case .greaterOrEqual: return try elementwise(lhs, rhs, operation: name) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// `f` applied to every element; reuses the storage when nothing else refers to it
    /// (and keeps `self` alive while reading it: see ``elementwise(_:_:operation:_:)``).
    @inline(__always)
    public consuming func map(_ transform: (Double) -> Double) throws(MathError) -> Tensor {
        let output = isUniquelyReferenced() ? storage : try TensorStorage(uninitializedCount: count)
        withExtendedLifetime(self) {
            let input = storage.pointer, out = output.pointer
            for i in 0..<count { out[i] = transform(input[i]) }
        }
        return Tensor(shape: shape, storage: output)
    }
}

/// Element-wise functions of the calc language.
public enum ElementwiseFunction: String, Sendable, CaseIterable {
    case sqrt, exp, log, abs, tanh, sigmoid, relu, floor, ceil

    public func apply(_ x: consuming Tensor) throws(MathError) -> Tensor {
        switch self {
        case .sqrt: return try x.map { $0.squareRoot() }
        case .exp: return try x.map { libmExp($0) }
        case .log: return try x.map { libmLog($0) }
        case .abs: return try x.map { Swift.abs($0) }
        case .tanh: return try x.map { libmTanh($0) }
        // 1 / (1 + e^-x) overflows gracefully: e^-x = inf gives 0.
        case .sigmoid: return try x.map { $0 >= 0 ? 1 / (1 + libmExp(-$0)) : libmExp($0) / (1 + libmExp($0)) }
        case .relu: return try x.map { $0 > 0 ? $0 : ($0.isNaN ? $0 : 0) }
        case .floor: return try x.map { $0.rounded(.down) }
        case .ceil: return try x.map { $0.rounded(.up) }
        }
    }
}

extension Tensor {
    /// Rounds to `digits` decimals with NumPy's algorithm: scale, round half to even,
    /// unscale (so `round(2.5) = 2` and `round(0.125, 2) = 0.12`).
    public consuming func rounded(digits: Int = 0) throws(MathError) -> Tensor {
        // Past 10^±308 the scale is no longer a double: rounding there keeps every value,
        // or rounds every value to 0, as NumPy does.
        if digits > 308 { return self }
        if digits < -308 { return try map { $0.isFinite ? 0 * $0 : $0 } }
        let scale = pow(10, Double(Swift.abs(digits)))
        if digits >= 0 {
            return try map { ($0 * scale).rounded(.toNearestOrEven) / scale }
        }
        return try map { ($0 / scale).rounded(.toNearestOrEven) * scale }
    }
}

// File-scope names, because the cases of `ElementwiseFunction` shadow libm's.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
