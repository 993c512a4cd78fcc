/// Bounds on one note's evaluation, so that a runaway cell stops with a located message
/// instead of hanging the daily build or exhausting the machine.
public struct Limits: Sendable {
    /// Statements executed plus loop iterations.
    public var steps = 1_000_000
    /// Work summed over the note, in element operations: an element-wise operation counts
    /// its elements, a reduction its inputs, a transpose or an index its elements times the
    /// rank (the index arithmetic), a matrix product m·n·k. About a second per 10^9.
    public var elementWork = 2_000_000_000
    /// Bytes the note's tensors may hold at once.
    public var memory = 1 << 30
    /// Lines of output (`print` lines, displayed values, `row` rows) and their bytes.
    public var outputLines = 1_000_000
    public var outputBytes = 64 << 20

    public init(steps: Int = 1_000_000, elementWork: Int = 2_000_000_000, memory: Int = 1 << 30,
                outputLines: Int = 1_000_000, outputBytes: Int = 64 << 20) {
        self.steps = steps
        self.elementWork = elementWork
        self.memory = memory
        self.outputLines = outputLines
        self.outputBytes = outputBytes
    }
}
