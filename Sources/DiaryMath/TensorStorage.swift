#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The contiguous, 64-byte aligned buffer of a tensor's doubles.
///
/// Tensors share a storage copy-on-write. A storage is only ever written while it is
/// uniquely referenced (checked with `isKnownUniquelyReferenced`), which is what makes
/// the `@unchecked Sendable` sound.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int
    /// The budget this storage's bytes were charged to, repaid when it is freed.
    private let budget: MemoryBudget?
    private let bytes: Int

    /// Buffers from this size up are aligned to 2 MiB and offered to the kernel as
    /// transparent huge pages: first touching a large fresh buffer then costs one fault
    /// per 2 MiB instead of one per 4 KiB (NumPy does the same).
    private static let hugePageThreshold = 4 << 20
    private static let hugePage = 2 << 20

    /// Uninitialised memory: every constructor writes all elements before reading. The
    /// caller has checked `count` against ``Tensor/maxElements``; the memory budget and
    /// the system may still refuse it, as an error.
    init(uninitializedCount count: Int) throws(MathError) {
        let bytes = Swift.max(1, count) * MemoryLayout<Double>.stride
        let budget = MemoryBudget.current
        if let budget, !budget.charge(bytes) {
            throw .outOfMemory(bytes: bytes, limit: budget.limit)
        }
        var allocation: UnsafeMutableRawPointer?
        let alignment = bytes >= Self.hugePageThreshold ? Self.hugePage : 64
        guard posix_memalign(&allocation, alignment, bytes) == 0, let raw = allocation else {
            budget?.release(bytes)
            throw .outOfMemory(bytes: bytes, limit: nil)
        }
        #if canImport(Glibc)
        if bytes >= Self.hugePageThreshold { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        self.count = count
        self.bytes = bytes
        self.budget = budget
        pointer = raw.bindMemory(to: Double.self, capacity: Swift.max(1, count))
    }

    /// One number, outside any budget (see ``Tensor/init(_:)``).
    init(scalar: Double) {
        guard let raw = malloc(MemoryLayout<Double>.stride) else {
            preconditionFailure("the system has no memory left for one number")
        }
        count = 1
        bytes = MemoryLayout<Double>.stride
        budget = nil
        pointer = raw.bindMemory(to: Double.self, capacity: 1)
        pointer.initialize(to: scalar)
    }

    deinit {
        free(pointer)
        budget?.release(bytes)
    }

    var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
