import Diagnostics

/// GitHub-flavoured markdown output: the note's own bytes with only the computed parts
/// replaced: placeholders by their values, cells by their source (when echoed) followed
/// by result tables. Front matter, math and everything else are copied unchanged.
struct MarkdownWriter: OutputWriter {
    var format: OutputFormat { .markdown }
    var parsesNotes: Bool { false }
    var reservedPaths: [String: String] { [:] }

    func outputPath(for note: Note) -> String? { note.relativePath }

    /// The markdown, and the SVG files of its charts (paths relative to the output folder).
    func write(_ evaluated: EvaluatedNote) -> WrittenNote {
        let (note, scan, evaluation) = (evaluated.note, evaluated.scan, evaluated.evaluation)
        let file = note.file
        var charts = ChartFiles(outputPath: note.relativePath)
        var edits: [TextEdit] = evaluation.placeholders.map { filled in
            let text = filled.text ?? "[error: \(filled.error?.message ?? "")]"
            return TextEdit(range: filled.placeholder.range,
                            replacement: filled.placeholder.inHTML ? Escaping.html(text) : Escaping.markdown(text))
        }
        // In markdown `\{{` already reads as `{{`; raw HTML has no escapes, so drop the backslash.
        edits += scan.escapes.filter(\.inHTML).map { TextEdit(range: $0.range, replacement: "{{") }
        for cell in evaluation.cells {
            let displays = cell.options.output ? cell.displays : []
            guard !displays.isEmpty || cell.error != nil || !cell.options.echo else { continue }
            let prefix = Self.containerPrefix(of: cell.block, in: file)
            let output = CellWriter.markdown(displays, error: cell.error, file: file, prefix: prefix, charts: &charts)
            let blank = prefix.trimmingWhitespaceAndNewlines()
            let blockStart = file.lineStarts[cell.block.lines.lowerBound - 1]
            let afterBlock = cell.block.lines.upperBound < file.lineStarts.count
                ? file.lineStarts[cell.block.lines.upperBound] : file.text.utf8.count
            let endsWithNewline = afterBlock > 0 && file.text.utf8[file.text.utf8.index(file.text.utf8.startIndex, offsetBy: afterBlock - 1)] == 10
            if cell.options.echo {
                // After the closing fence, with blank lines so the table ends before what follows.
                let lead = endsWithNewline ? "" : "\n"
                edits.append(TextEdit(range: afterBlock..<afterBlock, replacement: lead + blank + "\n" + output + "\n" + blank + "\n"))
            } else {
                edits.append(TextEdit(range: blockStart..<afterBlock, replacement: output.isEmpty ? "" : output + "\n"))
            }
        }
        edits = TextEdit.sorted(edits)
        return WrittenNote(body: TextEdit.applyBytes(edits, to: note.text, in: 0..<note.text.utf8.count), attachments: charts.files)
    }

    func file(for note: RenderedNote, among notes: [RenderedNote]) -> [UInt8] { note.body }

    func site(for notes: [RenderedNote]) -> SiteFiles {
        var files: [String: [UInt8]] = [:]
        for note in notes {
            if let path = note.outputPath { files[path] = note.body }
            files.merge(note.attachments) { first, _ in first }
        }
        return SiteFiles(files)
    }

    func warnings(for notes: [RenderedNote]) -> [String] { [] }

    /// What every line inside the cell's container starts with: blockquote markers kept,
    /// a list item's marker turned into spaces.
    static func containerPrefix(of block: BlockMap.CodeBlock, in file: SourceFile) -> String {
        let line = file.lineText(block.lines.lowerBound)
        let fence = line.firstIndex { $0 == "`" || $0 == "~" } ?? line.startIndex
        return String(line[..<fence].map { $0 == ">" || $0 == "\t" ? $0 : " " })
    }
}
