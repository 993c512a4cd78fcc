import Synchronization

/// Where a note's block map comes from: the one place that decides between the fast
/// ``BlockScanner`` and a cmark-gfm parse, and that checks the first against the second.
///
/// A cmark-gfm parse is the truth. HTML output parses every note anyway (the text with
/// its computed parts replaced), so for HTML the scanner stands in for a first parse,
/// and the writer's parse must then confirm the scanner's blocks. When it does not, the
/// note falls back to a parsed map. Counts say how often each path was taken.
public final class BlockMapProvider: Sendable {
    /// A note's block map, and the blocks a later parse must confirm when the scanner made it.
    struct Mapping: Sendable {
        var map: BlockMap
        /// The scanner's blocks (body lines); nil when the map came from a parse.
        var unconfirmed: [MarkdownBlock]?
    }

    /// How the notes of a run got their maps.
    public struct Statistics: Sendable, Equatable {
        /// Maps made by the scanner and confirmed or not yet checked.
        public var scanned = 0
        /// Maps made by a parse from the start (markdown output, or a note the scanner declined).
        public var parsed = 0
        /// Scanned maps that the writer's parse did not confirm: parsed again.
        public var fellBack = 0
    }

    private let scanned = Atomic(0)
    private let parsed = Atomic(0)
    private let fellBack = Atomic(0)

    init() {}

    var statistics: Statistics {
        Statistics(scanned: scanned.load(ordering: .relaxed), parsed: parsed.load(ordering: .relaxed),
                   fellBack: fellBack.load(ordering: .relaxed))
    }

    /// The note's map: scanned when `scanning` (the output will parse the note and can
    /// confirm it) and the scanner can read the note, else parsed.
    func map(for note: Note, scanning: Bool) -> Mapping {
        if scanning, let blocks = BlockScanner.blocks(in: note) {
            scanned.add(1, ordering: .relaxed)
            return Mapping(map: BlockMap(note: note, blocks: blocks), unconfirmed: blocks)
        }
        parsed.add(1, ordering: .relaxed)
        return Mapping(map: Self.parsedMap(of: note), unconfirmed: nil)
    }

    /// Whether `parsed` (the blocks of the writer's parse, in the note's body lines) has
    /// the code blocks, HTML blocks and block quotes the mapping was made from. Fenced
    /// blocks whose content the writer replaced (cells, math) are compared without it.
    /// `replaced`: the fenced blocks whose content the writer replaced before its parse.
    func confirms(_ mapping: Mapping, parsed: [MarkdownBlock]?, replaced: (MarkdownBlock) -> Bool = BlockMap.isReplaced) -> Bool {
        guard let expected = mapping.unconfirmed else { return true }
        guard let parsed else { return false }
        return BlockMap.structure(of: expected, ignoringLiteral: replaced) == BlockMap.structure(of: parsed, ignoringLiteral: replaced)
    }

    /// A parsed map for a note whose scanned map was not confirmed.
    func fallBack(for note: Note) -> BlockMap {
        fellBack.add(1, ordering: .relaxed)
        return Self.parsedMap(of: note)
    }

    /// The map from one parse of the note's body (block structure only: no inline
    /// extensions, so it runs in parallel with other notes).
    static func parsedMap(of note: Note) -> BlockMap {
        let document = MarkdownDocument(parsing: Array(note.body.utf8), options: [.sourcePositions, .footnotes], extensions: [])
        return BlockMap(note: note, blocks: document.blocks())
    }
}
