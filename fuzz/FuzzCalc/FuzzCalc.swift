import Calc
import Diagnostics
import FuzzSupport

/// libFuzzer target: calc source through the lexer, the parser and the interpreter, with
/// small limits so that every input finishes fast; every displayed value is formatted and
/// every error rendered, as a note would.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalc(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = text(data, size)
    var session = Session(limits: Limits(steps: 20_000, elementWork: 20_000_000, memory: 64 << 20,
                                         outputLines: 10_000, outputBytes: 1 << 20))
    let run = session.run(cell: source)
    for output in run.outputs {
        if case .value(let label, let value) = output { _ = Display.of(value, label: label, digits: 4)?.plainText() }
    }
    if let log = run.log { _ = TableLayout(log, digits: 4).plainText() }
    let file = SourceFile(path: "cell", text: source)
    for diagnostic in run.warnings + (run.error.map { [$0] } ?? []) { _ = file.render(diagnostic) }
    _ = session.evaluate(expression: source)
    return 0
}

@main enum Main {
    static func main() { Fuzz.main(fuzzCalc) }
}
