/// GitHub-flavoured markdown output: the note's own bytes with only the computed parts
/// replaced. Front matter, math and everything else are copied unchanged.
struct MarkdownWriter {
    static func write(note: Note, evaluation: NoteEvaluation, scan: ProseScanner.Result) -> String {
        var edits: [TextEdit] = evaluation.placeholders.map {
            TextEdit(range: $0.placeholder.range,
                     replacement: $0.placeholder.inHTML ? Escaping.html($0.text) : Escaping.markdown($0.text))
        }
        // In markdown `\{{` already reads as `{{`; raw HTML has no escapes, so drop the backslash.
        edits += scan.escapes.filter(\.inHTML).map { TextEdit(range: $0.range, replacement: "{{") }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return TextEdit.apply(edits, to: note.text, in: 0..<note.text.utf8.count)
    }
}
