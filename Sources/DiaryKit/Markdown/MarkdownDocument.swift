import CMarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed cmark-gfm document. It owns the C tree and the parser (whose extension list
/// the HTML renderer needs), and frees both when it goes away.
///
/// Not `Sendable`: a document is parsed, read and rendered on one thread.
final class MarkdownDocument {
    private let parser: OpaquePointer
    private let root: OpaquePointer
    let options: MarkdownOptions

    /// Parses `text`. Parsers with inline extensions are serialised (see ``CMark``).
    convenience init(parsing text: String, options: MarkdownOptions, extensions: [MarkdownExtension]) {
        self.init(parsing: Array(text.utf8), options: options, extensions: extensions)
    }

    /// Parses UTF-8 `bytes`.
    init(parsing bytes: [UInt8], options: MarkdownOptions, extensions: [MarkdownExtension]) {
        _ = CMark.registered
        self.options = options
        let parser: OpaquePointer = cmark_parser_new(options.rawValue)
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name.rawValue) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // Only finishing (the inline pass) touches the shared state; block parsing runs free.
        if extensions.contains(where: \.touchesGlobalInlineState) {
            CMark.inlineExtensionLock.lock()
            self.root = cmark_parser_finish(parser)
            CMark.inlineExtensionLock.unlock()
        } else {
            self.root = cmark_parser_finish(parser)
        }
        self.parser = parser
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// HTML of the whole document, rendered with the parser's extensions (tagfilter
    /// is silently off without them).
    func renderHTML() -> String {
        String(decoding: renderHTMLBytes(), as: UTF8.self)
    }

    /// The same as UTF-8 bytes (cmark's output of UTF-8 input is UTF-8: no validation here).
    func renderHTMLBytes() -> [UInt8] {
        guard let html = cmark_render_html(root, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else {
            return []
        }
        defer { free(html) }
        return html.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(html))) }
    }

    /// Replaces the destination of every link for which `transform` returns a new one.
    func rewriteLinks(_ transform: (String) -> String?) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK,
                  let url = cmark_node_get_url(node), let replacement = transform(String(cString: url)) else { continue }
            _ = cmark_node_set_url(node, replacement)
        }
    }

    /// The destinations of every link and image, in document order.
    func linkDestinations() -> [String] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var destinations: [String] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return destinations }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                destinations.append(String(cString: url))
            }
        }
    }

    /// Calls `body` with the first block node of a kind, in document order.
    func withFirstNode<T>(of kind: MarkdownBlock.Kind, _ body: (OpaquePointer) -> T?) -> T? {
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return nil }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if MarkdownBlock.Kind(type: cmark_node_get_type(node)) == kind { return body(node) }
        }
    }

    /// Every block node in document order, as plain values (inline nodes are skipped).
    func blocks() -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            // cmark's type mask: the two top bits say block (0x8000) or inline (0xC000).
            if type.rawValue & 0xC000 == 0xC000 { continue }
            let kind = MarkdownBlock.Kind(type: type)
            var block = MarkdownBlock(
                kind: kind,
                startLine: Int(cmark_node_get_start_line(node)),
                startColumn: Int(cmark_node_get_start_column(node)),
                endLine: Int(cmark_node_get_end_line(node)),
                endColumn: Int(cmark_node_get_end_column(node))
            )
            if kind == .codeBlock {
                var fenceLength: Int32 = 0, fenceOffset: Int32 = 0, fenceChar: CChar = 0
                block.isFenced = cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceChar) != 0
                block.fenceLength = Int(fenceLength)
                block.fenceCharacter = UInt8(bitPattern: fenceChar)
                block.info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                block.literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            }
            result.append(block)
        }
        return result
    }
}

/// cmark-gfm's node types, as the block kinds the rest of diary knows.
extension MarkdownBlock.Kind {
    init(type: cmark_node_type) {
        switch type {
        case CMARK_NODE_DOCUMENT: self = .document
        case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
        case CMARK_NODE_LIST: self = .list
        case CMARK_NODE_ITEM: self = .item
        case CMARK_NODE_CODE_BLOCK: self = .codeBlock
        case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
        case CMARK_NODE_PARAGRAPH: self = .paragraph
        case CMARK_NODE_HEADING: self = .heading
        case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: self = .footnoteDefinition
        default: self = .other
        }
    }
}

extension MarkdownDocument {
    /// The plain text of the first block of a kind (`heading`, `paragraph`), if any.
    /// The HTML of the first block of a kind (its inlines only, without the block's tag).
    func firstHTML(of kind: MarkdownBlock.Kind) -> [UInt8]? {
        withFirstNode(of: kind) { node -> [UInt8]? in
            guard let html = cmark_render_html(node, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else { return nil }
            defer { free(html) }
            var bytes = html.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(html))) }
            if bytes.starts(with: "<p>".utf8) { bytes.removeFirst(3) }
            while bytes.last == 10 { bytes.removeLast() }
            if bytes.count >= 4, bytes.suffix(4).elementsEqual("</p>".utf8) { bytes.removeLast(4) }
            return bytes
        }
    }

    func firstPlainText(of kind: MarkdownBlock.Kind) -> String? {
        // A paragraph becomes a summary or a description: footnote marks, `~` and images left out.
        withFirstNode(of: kind) { node in
            Self.plainText(of: node, inHeading: kind == .heading, marks: kind == .heading).trimmingWhitespaceAndNewlines()
        }
    }

    /// A block's inlines as cmark-gfm's plaintext renderer writes them (width 0: a soft
    /// break is a line end, in a heading a space; `~` around strikethrough), in one pass.
    /// The renderer itself walks up to the root for every piece of text it writes, which
    /// is quadratic in the nesting of emphasis (`*a *a … x … b* b*`).
    static func plainText(of node: OpaquePointer, inHeading: Bool, marks: Bool = true) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var out: [UInt8] = []
        func append(_ text: UnsafePointer<CChar>?) {
            guard let text else { return }
            text.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(text))) }
        }
        var inImage = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if !marks, type == CMARK_NODE_IMAGE { inImage += event == CMARK_EVENT_ENTER ? 1 : -1 }
            if inImage > 0 { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                append(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK:
                out.append(inHeading ? 32 : 10)
            case CMARK_NODE_LINEBREAK:
                out.append(10)
            case CMARK_NODE_FOOTNOTE_REFERENCE where event == CMARK_EVENT_ENTER && marks:
                out.append(contentsOf: [91, 94]) // [^
                append(cmark_node_get_literal(current))
                out.append(93) // ]
            default:
                // Extension nodes: strikethrough writes `~` on entering and on leaving.
                if marks, type.rawValue & 0xC000 == 0xC000, let name = cmark_node_get_type_string(current),
                   strcmp(name, "strikethrough") == 0 {
                    out.append(126)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
