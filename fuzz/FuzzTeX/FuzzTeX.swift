@testable import DiaryKit
import FuzzSupport

/// libFuzzer target: TeX through the MathML converter, inline and display. Every result
/// must be well-formed XML (a `<math>` goes into Atom feeds and XHTML as it is).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let tex = text(data, size)
    for display in [false, true] {
        guard let mathML = try? TeXParser.mathML(tex, display: display) else { continue }
        if let problem = XMLWellFormedness.problem(in: mathML) {
            preconditionFailure("not well-formed XML (\(problem)): \(mathML)")
        }
    }
    return 0
}

@main enum Main {
    static func main() { Fuzz.main(fuzzTeX) }
}
