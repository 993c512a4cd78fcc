import CMarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide facts about the linked cmark-gfm library.
enum CMark {
    /// Core extensions are registered exactly once, before any parser exists: two threads
    /// registering at the same moment abort inside cmark-gfm.
    static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// cmark-gfm 0.29 keeps the inline "special characters" table in a global that every
    /// parser with strikethrough or autolink edits at the start and end of
    /// `cmark_parser_finish`. Concurrent parses then silently lose `<del>` and links, so
    /// finishing such a parser (its inline pass) happens under this lock; feeding it
    /// (the block pass) does not touch that table.
    static let inlineExtensionLock = NSLock()
}

/// Options of a parse; raw values are cmark-gfm's `CMARK_OPT_*` bits.
struct MarkdownOptions: OptionSet, Sendable {
    let rawValue: Int32
    static let sourcePositions = MarkdownOptions(rawValue: CMARK_OPT_SOURCEPOS)
    static let footnotes = MarkdownOptions(rawValue: CMARK_OPT_FOOTNOTES)
    /// Raw HTML passes through (filtered by the tagfilter extension), as on GitHub.
    static let unsafe = MarkdownOptions(rawValue: CMARK_OPT_UNSAFE)
    static let githubPreLang = MarkdownOptions(rawValue: CMARK_OPT_GITHUB_PRE_LANG)
}

/// The GitHub extensions a parse attaches.
enum MarkdownExtension: String, CaseIterable, Sendable {
    case table, strikethrough, autolink, tagfilter, tasklist

    /// Whether the extension edits cmark-gfm's global inline state (see ``CMark``).
    var touchesGlobalInlineState: Bool { self == .strikethrough || self == .autolink }
}
