#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fuzz target's `main`: libFuzzer's driver when built with it (`-DFUZZING`, see
/// `fuzz/run`), else a replay of the files given: `FuzzCalc fuzz/corpus/calc/*` feeds every
/// file once (a plain `swift build`, or a finding to look at under a debugger).
public enum Fuzz {
    public static func main(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
        replay(target)
        #endif
    }

    static func replay(_ target: (UnsafePointer<UInt8>?, Int) -> CInt) {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = read(path) else {
                print("cannot read \(path)")
                exit(1)
            }
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
            count += 1
        }
        print("\(count) inputs ran")
    }

    private static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[..<count])
        }
        return bytes
    }
}

/// The input as text (invalid UTF-8 repaired, as a note's reader would reject it anyway).
public func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    guard let data, size > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

#if FUZZING
/// libFuzzer's driver, for a program that has its own `main` (SwiftPM names every
/// executable's entry point itself).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
