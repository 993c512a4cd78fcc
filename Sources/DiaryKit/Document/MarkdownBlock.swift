/// A block of a parsed document, with its cmark-gfm source position (1-based lines
/// and byte columns, end inclusive).
struct MarkdownBlock: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak,
             footnoteDefinition, other
    }

    var kind: Kind
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int
    var isFenced = false
    var fenceLength = 0
    var fenceCharacter: UInt8 = 0
    var info = ""
    var literal = ""
}
