/// Bounds on one note's evaluation, so that a runaway cell stops with a message instead
/// of hanging the daily build.
public struct Limits: Sendable {
    /// Statements executed plus loop iterations.
    public var steps = 1_000_000
    /// Tensor elements produced or reduced, summed over the note.
    public var elementWork = 2_000_000_000

    public init(steps: Int = 1_000_000, elementWork: Int = 2_000_000_000) {
        self.steps = steps
        self.elementWork = elementWork
    }
}
