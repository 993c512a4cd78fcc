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
    /// More than ``Tensor/maxRank`` axes.
    case tooManyAxes(Int)
    /// A tensor would not fit in the computation's ``MemoryBudget`` (or, with no limit
    /// given, the system refused the memory).
    case outOfMemory(bytes: Int, limit: Int?)
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
            return "shape \(Tensor.describe(shape: shape)) would hold \(Tensor.describeCount(of: shape)) elements, more than the \(Tensor.maxElements) a tensor may hold"
        case let .tooManyAxes(rank):
            return "a tensor has at most \(Tensor.maxRank) axes, not \(rank)"
        case let .outOfMemory(bytes, limit?):
            return "a tensor of \(MathError.describe(bytes: bytes)) does not fit: the tensors of a note may hold \(MathError.describe(bytes: limit)) at once"
        case let .outOfMemory(bytes, nil):
            return "the system refused \(MathError.describe(bytes: bytes)) for a tensor"
        case let .invalidArgument(message):
            return message
        }
    }
}

extension MathError {
    /// Bytes as people say them: `800 MB`, `1 GiB`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1_000_000 { return "\((bytes + 500_000) / 1_000_000) MB" }
        return "\(bytes) bytes"
    }
}
