/// An n-dimensional array of doubles (rank 0 is a scalar) in contiguous row-major order.
///
/// A value type: copies share storage until one is written (copy-on-write). Operations
/// that take a tensor `consuming` reuse its storage when nothing else refers to it, so a
/// chain such as `(x - mu) / s * g + b` allocates one result, not one per step.
public struct Tensor: Sendable {
    /// The most elements any tensor may have; creating more is an error, not an allocation.
    public static let maxElements = 100_000_000
    /// The most axes a tensor may have (NumPy allows 64; a diary needs a handful).
    public static let maxRank = 32

    public let shape: [Int]
    var storage: TensorStorage

    /// Wraps storage that already holds `shape`'s element count.
    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` whose elements `initialize` writes, all of them. The shape is
    /// checked here, before any memory is asked for.
    init(shape: [Int], uninitialized initialize: (UnsafeMutableBufferPointer<Double>) -> Void) throws(MathError) {
        let storage = try TensorStorage(uninitializedCount: try Tensor.elementCount(of: shape))
        initialize(storage.buffer)
        self.init(shape: shape, storage: storage)
    }

    /// A tensor with the given shape and row-major elements.
    public init(shape: [Int], scalars: [Double]) throws(MathError) {
        let count = try Tensor.elementCount(of: shape)
        guard count == scalars.count else {
            throw .invalidArgument("\(scalars.count) values cannot fill shape \(Tensor.describe(shape: shape))")
        }
        try self.init(shape: shape) { buffer in
            _ = buffer.initialize(from: scalars)
        }
    }

    /// A 0-d tensor. One number is not charged to a memory budget (numbers outside
    /// tensors are not either), so only a system without eight bytes to spare refuses it.
    public init(_ scalar: Double) {
        self.init(shape: [], storage: TensorStorage(scalar: scalar))
    }

    /// A 1-d tensor of values that already exist in memory.
    public init(_ vector: [Double]) throws(MathError) {
        try self.init(shape: [vector.count]) { buffer in _ = buffer.initialize(from: vector) }
    }

    /// A 2-d tensor from rows of equal length.
    public init(rows: [[Double]]) throws(MathError) {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else {
            throw .invalidArgument("rows of a matrix must all have the same length")
        }
        try self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    public var isScalar: Bool { shape.isEmpty }

    /// The elements in row-major order.
    public var scalars: [Double] { Array(buffer) }

    /// The only element of a tensor with one element (any shape), else nil.
    public var scalarValue: Double? { count == 1 ? storage.pointer[0] : nil }

    var buffer: UnsafeBufferPointer<Double> { UnsafeBufferPointer(storage.buffer) }

    /// Read access to the row-major elements without copying them.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(buffer) }
    }

    /// Whether the storage can be written without a copy.
    mutating func isUniquelyReferenced() -> Bool { isKnownUniquelyReferenced(&storage) }

    /// Row-major strides, in elements.
    var strides: [Int] { Tensor.strides(of: shape) }
}

extension Tensor: Equatable {
    /// Same shape and same elements (NaN is unequal to itself, as in IEEE 754).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.buffer.elementsEqual(rhs.buffer)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        func render(_ offset: Int, _ axis: Int) -> String {
            if axis == rank { return "\(buffer[offset])" }
            let stride = strides[axis]
            return "[" + (0..<shape[axis]).map { render(offset + $0 * stride, axis + 1) }.joined(separator: ", ") + "]"
        }
        return render(0, 0)
    }
}

extension Tensor {
    /// The element count of a shape, checked against ``maxRank`` and ``maxElements``
    /// without overflow. A shape with a zero length holds nothing, whatever the others.
    public static func elementCount(of shape: [Int]) throws(MathError) -> Int {
        guard shape.count <= maxRank else { throw .tooManyAxes(shape.count) }
        for length in shape where length < 0 {
            throw .invalidArgument("a shape cannot have a negative length (\(length))")
        }
        if shape.contains(0) { return 0 }
        var count = 1
        for length in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: length)
            guard !overflow, product <= maxElements else { throw .tooManyElements(shape: shape) }
            count = product
        }
        return count
    }

    /// The element count of a shape in words, exact or in scientific notation when it
    /// passes what an integer holds: for messages.
    static func describeCount(of shape: [Int]) -> String {
        let count = shape.reduce(1.0) { $0 * Double($1) }
        return count < 1e15 ? String(Int(count)) : "\(count)"
    }

    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        return strides
    }

    /// `(2, 3)`, `(4,)` and `()` as NumPy prints shapes.
    public static func describe(shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// An axis in `-rank..<rank` as a non-negative axis.
    public static func normalize(axis: Int, rank: Int) throws(MathError) -> Int {
        guard axis >= -rank, axis < rank else { throw .badAxis(axis, rank: rank) }
        return axis < 0 ? axis + rank : axis
    }
}
