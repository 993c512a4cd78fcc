/// An n-dimensional array of doubles (rank 0 is a scalar) in contiguous row-major order.
///
/// A value type: copies share storage until one is written (copy-on-write). Operations
/// that take a tensor `consuming` reuse its storage when nothing else refers to it, so a
/// chain such as `(x - mu) / s * g + b` allocates one result, not one per step.
public struct Tensor: Sendable {
    /// The most elements any tensor may have; creating more is an error, not an allocation.
    public static let maxElements = 100_000_000

    public let shape: [Int]
    var storage: TensorStorage

    /// Wraps storage that already holds `shape`'s element count.
    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` whose elements `initialize` writes, all of them.
    init(shape: [Int], uninitialized initialize: (UnsafeMutableBufferPointer<Double>) -> Void) {
        let storage = TensorStorage(uninitializedCount: shape.reduce(1, *))
        initialize(storage.buffer)
        self.init(shape: shape, storage: storage)
    }

    /// A tensor with the given shape and row-major elements.
    public init(shape: [Int], scalars: [Double]) throws(MathError) {
        let count = try Tensor.elementCount(of: shape)
        guard count == scalars.count else {
            throw .invalidArgument("\(scalars.count) values cannot fill shape \(Tensor.describe(shape: shape))")
        }
        self.init(shape: shape) { buffer in
            _ = buffer.initialize(from: scalars)
        }
    }

    /// A 0-d tensor.
    public init(_ scalar: Double) {
        self.init(shape: []) { $0[0] = scalar }
    }

    /// A 1-d tensor.
    public init(_ vector: [Double]) {
        self.init(shape: [vector.count]) { buffer in _ = buffer.initialize(from: vector) }
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
    /// The element count of a shape, checked against ``maxElements`` without overflow.
    public static func elementCount(of shape: [Int]) throws(MathError) -> Int {
        var count = 1
        for length in shape {
            guard length >= 0 else { throw .invalidArgument("a shape cannot have a negative length (\(length))") }
            let (product, overflow) = count.multipliedReportingOverflow(by: length)
            guard !overflow, product <= maxElements else {
                throw .tooManyElements(shape: shape)
            }
            count = product
        }
        return count
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
