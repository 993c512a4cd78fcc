// Times one DiaryMath operation: `DiaryMathBench CASE ROWS COLUMNS REPETITIONS`.
// Prints one wall-clock time in seconds per repetition. Driven by bench/math.py, which
// runs NumPy on the same case in the same run and prints the comparison.
import DiaryMath
import Foundation

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let rows = Int(arguments[2]), let columns = Int(arguments[3]),
      let repetitions = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: DiaryMathBench CASE ROWS COLUMNS REPETITIONS\n".utf8))
    exit(2)
}
let name = arguments[1]
do {
    let x = try Tensor.randn([rows, columns], seed: 1)
    let gamma = try Tensor.rand([columns], seed: 2) + Tensor(0.5)
    let beta = try Tensor.randn([columns], seed: 3)
    let mu = try x.mean(axis: 0)
    let variance = try x.variance(axis: 0)
    var running = try RunningStatistics(mean: Tensor.zeros([columns]), variance: Tensor.ones([columns]),
                                        update: .exponential(beta: 0.9), unbiased: true)
    var sink = 0.0
    let operation: () throws -> Void
    switch name {
    case "batchnorm":
        operation = {
            let (y, statistics) = try BatchNorm.forward(x, gamma: gamma, beta: beta, eps: 1e-5)
            try running.update(with: statistics)
            sink += y.withUnsafeBufferPointer { $0[0] }
        }
    case "mean0": operation = { sink += try x.mean(axis: 0).withUnsafeBufferPointer { $0[0] } }
    case "mean1": operation = { sink += try x.mean(axis: 1).withUnsafeBufferPointer { $0[0] } }
    case "var0": operation = { sink += try x.variance(axis: 0).withUnsafeBufferPointer { $0[0] } }
    case "var1": operation = { sink += try x.variance(axis: 1).withUnsafeBufferPointer { $0[0] } }
    case "elementwise":
        operation = {
            let y = try (x - mu) / ElementwiseFunction.sqrt.apply(variance + Tensor(1e-5)) * gamma + beta
            sink += y.withUnsafeBufferPointer { $0[0] }
        }
    default:
        FileHandle.standardError.write(Data("unknown case \(name)\n".utf8))
        exit(2)
    }
    try operation() // warm-up
    var times: [String] = []
    for _ in 0..<repetitions { times.append(String(try seconds(operation))) }
    print(times.joined(separator: " "))
    if sink == 42.4242 { print("") } // keeps the results alive
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
