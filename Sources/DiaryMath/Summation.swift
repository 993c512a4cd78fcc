/// Summation kernels. Sums are pairwise (error growing with log n, not n), in blocks
/// of eight independent accumulators so the compiler can keep them in vector registers.
enum Summation {
    /// Below this many values a block is summed directly.
    static let block = 128

    /// The pairwise sum of `transform(p[i])` for `i < n`.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Double>, _ n: Int, _ transform: (Double) -> Double) -> Double {
        if n <= block {
            var s = SIMD8<Double>()
            var i = 0
            while i + 8 <= n {
                s += SIMD8(transform(p[i]), transform(p[i + 1]), transform(p[i + 2]), transform(p[i + 3]),
                           transform(p[i + 4]), transform(p[i + 5]), transform(p[i + 6]), transform(p[i + 7]))
                i += 8
            }
            var total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
            while i < n {
                total += transform(p[i])
                i += 1
            }
            return total
        }
        let half = (n / 2) & ~7
        return sum(p, half, transform) + sum(p + half, n - half, transform)
    }

    static func sum(_ p: UnsafePointer<Double>, _ n: Int) -> Double { sum(p, n) { $0 } }

    /// Scratch space the column kernels need for `rows × width`: one row of partial sums
    /// per level of the pairwise tree.
    static func scratchCount(rows: Int, width: Int) -> Int {
        var levels = 1, n = rows
        while n > rowBlock { n = (n + 1) / 2; levels += 1 }
        return levels * width
    }

    static let rowBlock = 8

    /// Column sums of a row-major `rows × width` block (row stride `stride`):
    /// `out[j] = Σ_i transform(p[i * stride + j], j)`, pairwise over rows.
    static func columnSums(_ p: UnsafePointer<Double>, rows: Int, width: Int, stride: Int,
                           into out: UnsafeMutablePointer<Double>, _ transform: (Double, Int) -> Double) {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount(rows: rows, width: width))
        defer { scratch.deallocate() }
        columnSums(p, rows: rows, width: width, stride: stride, into: out, scratch: scratch, transform)
    }

    @inline(__always)
    private static func columnSums(_ p: UnsafePointer<Double>, rows: Int, width: Int, stride: Int,
                                   into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
                                   _ transform: (Double, Int) -> Double) {
        if rows == rowBlock {
            // Eight rows summed pairwise, one store per column.
            let (r0, r1, r2, r3) = (p, p + stride, p + 2 * stride, p + 3 * stride)
            let (r4, r5, r6, r7) = (p + 4 * stride, p + 5 * stride, p + 6 * stride, p + 7 * stride)
            for j in 0..<width {
                let a = (transform(r0[j], j) + transform(r1[j], j)) + (transform(r2[j], j) + transform(r3[j], j))
                let b = (transform(r4[j], j) + transform(r5[j], j)) + (transform(r6[j], j) + transform(r7[j], j))
                out[j] = a + b
            }
            return
        }
        if rows < rowBlock {
            for j in 0..<width { out[j] = 0 }
            for i in 0..<rows {
                let row = p + i * stride
                for j in 0..<width { out[j] += transform(row[j], j) }
            }
            return
        }
        // Split on a multiple of the block, so that leaves are full blocks.
        let half = Swift.max(rowBlock, (rows / 2) & ~(rowBlock - 1))
        columnSums(p, rows: half, width: width, stride: stride, into: out, scratch: scratch, transform)
        columnSums(p + half * stride, rows: rows - half, width: width, stride: stride, into: scratch,
                   scratch: scratch + width, transform)
        for j in 0..<width { out[j] += scratch[j] }
    }

    /// Column sums of `x - center[j]` and of its square, in one pass: the two sums of the
    /// corrected two-pass variance.
    static func centeredColumnMoments(_ p: UnsafePointer<Double>, rows: Int, width: Int, stride: Int,
                                      center: UnsafePointer<Double>,
                                      sums: UnsafeMutablePointer<Double>, squares: UnsafeMutablePointer<Double>) {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * scratchCount(rows: rows, width: width))
        defer { scratch.deallocate() }
        centeredColumnMoments(p, rows: rows, width: width, stride: stride, center: center,
                              sums: sums, squares: squares, scratch: scratch)
    }

    private static func centeredColumnMoments(_ p: UnsafePointer<Double>, rows: Int, width: Int, stride: Int,
                                              center: UnsafePointer<Double>,
                                              sums: UnsafeMutablePointer<Double>, squares: UnsafeMutablePointer<Double>,
                                              scratch: UnsafeMutablePointer<Double>) {
        if rows <= rowBlock {
            for j in 0..<width {
                sums[j] = 0
                squares[j] = 0
            }
            for i in 0..<rows {
                let row = p + i * stride
                for j in 0..<width {
                    let d = row[j] - center[j]
                    sums[j] += d
                    squares[j] += d * d
                }
            }
            return
        }
        let half = Swift.max(rowBlock, (rows / 2) & ~(rowBlock - 1))
        centeredColumnMoments(p, rows: half, width: width, stride: stride, center: center,
                              sums: sums, squares: squares, scratch: scratch)
        centeredColumnMoments(p + half * stride, rows: rows - half, width: width, stride: stride, center: center,
                              sums: scratch, squares: scratch + width, scratch: scratch + 2 * width)
        for j in 0..<width {
            sums[j] += scratch[j]
            squares[j] += scratch[width + j]
        }
    }
}
