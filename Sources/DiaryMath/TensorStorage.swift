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

    /// Buffers from this size up are aligned to 2 MiB and offered to the kernel as
    /// transparent huge pages: first touching a large fresh buffer then costs one fault
    /// per 2 MiB instead of one per 4 KiB (NumPy does the same).
    private static let hugePageThreshold = 4 << 20
    private static let hugePage = 2 << 20

    /// Uninitialised memory: every constructor writes all elements before reading.
    init(uninitializedCount count: Int) {
        self.count = count
        let bytes = Swift.max(1, count) * MemoryLayout<Double>.stride
        var allocation: UnsafeMutableRawPointer?
        let alignment = bytes >= Self.hugePageThreshold ? Self.hugePage : 64
        guard posix_memalign(&allocation, alignment, bytes) == 0, let raw = allocation else {
            // Out of memory: the element limit (10^8, 800 MB) keeps requests below this.
            fatalError("cannot allocate \(bytes) bytes for a tensor")
        }
        #if canImport(Glibc)
        if bytes >= Self.hugePageThreshold { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        pointer = raw.bindMemory(to: Double.self, capacity: Swift.max(1, count))
    }

    deinit { free(pointer) }

    var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    func copy() -> TensorStorage {
        let copy = TensorStorage(uninitializedCount: count)
        copy.pointer.update(from: pointer, count: count)
        return copy
    }
}
