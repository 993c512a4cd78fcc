import Diagnostics

/// A note turned into its output, with what the site lists of it and any warnings.
public struct RenderedNote: Sendable {
    public var note: Note
    /// Path of the output file, relative to the output folder; nil for a note that has no
    /// file of its own (the home text of an HTML site).
    public var outputPath: String?
    /// The note's output: the page body (HTML) or the whole markdown file.
    public var body: [UInt8]
    /// Front-matter title, else the first heading, else the file name.
    public var title: String
    /// Plain text of the first paragraph.
    public var summary: String
    /// Front-matter date, else a file-name date, else the file's modification date.
    public var date: CalendarDate?
    /// `date` as the configured locale writes it.
    public var datePretty = ""
    public var warnings: [Diagnostic] = []
    /// Errors of cells and values that `--keep-going` rendered into the output.
    public var errors: [Diagnostic] = []
    /// Files that go with the note (the SVG charts of markdown output), by output path.
    public var attachments: [String: [UInt8]] = [:]
    /// The page's title as HTML when the note's body starts with it (`# *Momentum*, again`,
    /// math included): the title block shows it, and the body no longer does.
    public var titleHTML: String?
    /// The headings of the body, with their ids (a table of contents).
    var headings: [HeadingAnchors.Heading] = []
    /// Words of prose, for the reading time.
    public var words = 0
    /// Whether any formula is shown.
    public var hasMath = false
    /// Files the note links to beside it (images, data): output path → source path. The
    /// site copies them, read when the site is written.
    public var linkedFiles: [String: String] = [:]
    /// The first paragraph as HTML, formulas included (HTML output): what lists show.
    public var summaryHTML: String?
}
