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
    /// Files the note links to beside it: output path → source path.
    var linkedFiles: [String: String] = [:]
    /// The first paragraph as HTML (HTML output only).
    var summaryHTML: String?
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
    /// Whether ``write(_:)`` replaces the content of a fenced block in the text it parses
    /// (a cell by its results, highlighted code), so the parse shows other content there.
    func replacesContent(of block: MarkdownBlock) -> Bool
    /// The path a note is written to in the output folder, or nil when it has no file of
    /// its own (the home text of an HTML site).
    func outputPath(for note: Note) -> String?
    /// Paths the format writes itself, with what they are, so no note takes them.
    var reservedPaths: [String: String] { get }
    /// The output file of one note, among all the notes of the site.
    func file(for note: RenderedNote, among notes: [RenderedNote]) -> [UInt8]
    /// The files of the output folder, made when asked for.
    func site(for notes: [RenderedNote]) -> SiteFiles
    /// Warnings about the site as a whole.
    func warnings(for notes: [RenderedNote]) -> [String]
}

extension OutputWriter {
    func replacesContent(of block: MarkdownBlock) -> Bool { BlockMap.isReplaced(block) }

    /// Every file of the output folder, by relative path.
    func files(for notes: [RenderedNote]) -> [String: [UInt8]] { site(for: notes).all() }
}

/// The files of an output folder, each made when it is asked for: `diary render` makes them
/// all; `diary serve` makes only the pages a browser asks for, so an edit costs the pages
/// that are looked at, not the whole site.
public struct SiteFiles: Sendable {
    /// Every path of the folder.
    public let paths: Set<String>
    private let make: @Sendable (String) -> [UInt8]?

    init(paths: Set<String>, make: @escaping @Sendable (String) -> [UInt8]?) {
        self.paths = paths
        self.make = make
    }

    /// Files made ahead (markdown output, whose files are the notes themselves).
    init(_ files: [String: [UInt8]]) {
        self.init(paths: Set(files.keys)) { files[$0] }
    }

    /// The file at a path of the folder, or nil when there is none (or a linked file has
    /// gone meanwhile).
    public func file(_ path: String) -> [UInt8]? { paths.contains(path) ? make(path) : nil }

    public func all() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in paths { if let bytes = make(path) { files[path] = bytes } }
        return files
    }
}
