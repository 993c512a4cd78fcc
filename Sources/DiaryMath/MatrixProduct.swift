/// The matrix product (`@`), with NumPy's rules for 1-d operands: a vector on the left
/// is a row, on the right a column, and the added axis is removed again.
extension Tensor {
    /// The multiply-adds of `lhs @ rhs` (m·n·k), from the shapes alone, so that a caller
    /// can decide before the work is done; saturates instead of overflowing.
    public static func matmulCost(_ lhs: [Int], _ rhs: [Int]) -> Int {
        let m = lhs.count == 2 ? lhs[0] : 1, k = lhs.last ?? 1
        let n = rhs.count == 2 ? rhs[1] : 1
        let (mk, first) = m.multipliedReportingOverflow(by: k)
        let (mnk, second) = mk.multipliedReportingOverflow(by: n)
        return first || second ? .max : mnk
    }

    public static func matmul(_ lhs: Tensor, _ rhs: Tensor) throws(MathError) -> Tensor {
        guard (1...2).contains(lhs.rank), (1...2).contains(rhs.rank) else {
            throw .invalidArgument("the matrix product needs 1-d or 2-d operands, not shapes \(describe(shape: lhs.shape)) and \(describe(shape: rhs.shape))")
        }
        let (m, k) = lhs.rank == 2 ? (lhs.shape[0], lhs.shape[1]) : (1, lhs.shape[0])
        let (k2, n) = rhs.rank == 2 ? (rhs.shape[0], rhs.shape[1]) : (rhs.shape[0], 1)
        guard k == k2 else { throw .shapeMismatch(operation: "@", lhs: lhs.shape, rhs: rhs.shape) }
        var shape: [Int] = []
        if lhs.rank == 2 { shape.append(m) }
        if rhs.rank == 2 { shape.append(n) }
        _ = try elementCount(of: [m, n])
        let a = lhs.storage.pointer, b = rhs.storage.pointer
        return try Tensor(shape: shape) { out in
            guard let c = out.baseAddress else { return }
            c.initialize(repeating: 0, count: m * n)
            // i-k-j order: the inner loop runs along contiguous rows of b and c.
            for i in 0..<m {
                let row = c + i * n
                for p in 0..<k {
                    let scale = a[i * k + p]
                    let bRow = b + p * n
                    for j in 0..<n { row[j] += scale * bRow[j] }
                }
            }
        }
    }
}
