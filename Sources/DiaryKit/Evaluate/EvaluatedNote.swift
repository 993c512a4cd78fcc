/// A note with everything computed that a writer turns into output: its block map, the
/// math and placeholders of its prose, and the results of its cells and values.
struct EvaluatedNote: Sendable {
    var note: Note
    var map: BlockMap
    var scan: ProseScanner.Result
    var evaluation: NoteEvaluation
}
