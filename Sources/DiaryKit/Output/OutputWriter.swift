import Diagnostics

/// What a writer made of one note.
struct WrittenNote: Sendable {
    /// The note's output: the page body (HTML) or the whole file (markdown).
    var body: [UInt8]
    /// Files that go with the note (the SVG charts of markdown output), by output path.
    var attachments: [String: [UInt8]] = [:]
    /// Plain text of the first heading, for a note without a front-matter title.
    var firstHeading: String?
    /// Plain text of the first paragraph, for the index and the feed.
    var summary = ""
    var diagnostics: [Diagnostic] = []
    /// The blocks of the writer's own cmark-gfm parse, in the note's body lines, when it
    /// parses the note: what confirms a block map the scanner made.
    var parsedBlocks: [MarkdownBlock]?
    /// The title heading taken out of the body (see ``RenderedNote/titleHTML``).
    var titleHTML: String?
    var headings: [HeadingAnchors.Heading] = []
    var words = 0
    var hasMath = false
}

/// One output format: HTML pages or GitHub-flavoured markdown.
///
/// A writer turns each evaluated note into its output on its own (so notes render in
/// parallel), then makes the files of the output folder from all the rendered notes: the
/// pages, which link their neighbours, and whatever the format adds around them.
protocol OutputWriter: Sendable {
    var format: OutputFormat { get }
    /// Whether ``write(_:)`` parses the note with cmark-gfm, so that its parse can confirm
    /// a block map the fast scanner made (see ``BlockMapProvider``).
    var parsesNotes: Bool { get }
    func write(_ note: EvaluatedNote) -> WrittenNote
    /// The path a note is written to in the output folder, or nil when it has no file of
    /// its own (the home text of an HTML site).
    func outputPath(for note: Note) -> String?
    /// Paths the format writes itself, with what they are, so no note takes them.
    var reservedPaths: [String: String] { get }
    /// The output file of one note, among all the notes of the site.
    func file(for note: RenderedNote, among notes: [RenderedNote]) -> [UInt8]
    /// Every file of the output folder, by relative path.
    func files(for notes: [RenderedNote]) -> [String: [UInt8]]
    /// Warnings about the site as a whole.
    func warnings(for notes: [RenderedNote]) -> [String]
}
