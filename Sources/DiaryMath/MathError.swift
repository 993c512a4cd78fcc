/// Why a tensor operation could not be done. Errors are values, never traps.
public enum MathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two shapes that do not broadcast (or do not fit, for a matrix product).
    case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
    /// An axis outside `-rank..<rank`.
    case badAxis(Int, rank: Int)
    /// An index outside `-length..<length` of an axis.
    case indexOutOfRange(Int, axis: Int, length: Int)
    /// More than ``Tensor/maxElements`` elements would be created.
    case tooManyElements(shape: [Int])
    /// Anything else about an argument's value.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, lhs, rhs):
            return "shapes \(Tensor.describe(shape: lhs)) and \(Tensor.describe(shape: rhs)) do not match for \(operation)"
        case let .badAxis(axis, rank):
            return rank == 0 ? "axis \(axis) is out of range for a scalar"
                : "axis \(axis) is out of range for \(rank)-d input (valid: \(-rank) to \(rank - 1))"
        case let .indexOutOfRange(index, axis, length):
            return "index \(index) is out of range for axis \(axis) of length \(length)"
        case let .tooManyElements(shape):
            return "shape \(Tensor.describe(shape: shape)) would hold more than \(Tensor.maxElements) elements"
        case let .invalidArgument(message):
            return message
        }
    }
}
