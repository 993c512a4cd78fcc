import Diagnostics
import Foundation
import Mustache

/// The Mustache templates of a site: `page` and `index`, their partials, and the
/// stylesheet. A folder given with `--templates` (or `./templates`) overrides the
/// built-in defaults file by file.
public struct Templates: Sendable {
    /// Built-in defaults, embedded in the executable at build time.
    static let builtIn: [String: String] = [
        "page.mustache": String(decoding: PackageResources.page_mustache, as: UTF8.self),
        "index.mustache": String(decoding: PackageResources.index_mustache, as: UTF8.self),
        "head.mustache": String(decoding: PackageResources.head_mustache, as: UTF8.self),
        "header.mustache": String(decoding: PackageResources.header_mustache, as: UTF8.self),
        "footer.mustache": String(decoding: PackageResources.footer_mustache, as: UTF8.self),
        "summary.mustache": String(decoding: PackageResources.summary_mustache, as: UTF8.self),
        "archive.mustache": String(decoding: PackageResources.archive_mustache, as: UTF8.self),
        "tag.mustache": String(decoding: PackageResources.tag_mustache, as: UTF8.self),
        "tags.mustache": String(decoding: PackageResources.tags_mustache, as: UTF8.self),
        "404.mustache": String(decoding: PackageResources.not_found_mustache, as: UTF8.self),
        "style.css": String(decoding: PackageResources.style_css, as: UTF8.self),
    ]

    /// The site's icon when the config names none.
    static let favicon: [UInt8] = PackageResources.favicon_svg

    /// swift-mustache escapes one `Character` at a time through a dictionary; this
    /// content type escapes the same five characters in one pass over UTF-8. Every
    /// template starts with the pragma that selects it (an invisible prefix).
    private static let contentType: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: "DIARY_HTML")
    private static let pragma = "{{% CONTENT_TYPE: DIARY_HTML }}"

    private let library: MustacheLibrary
    /// Nil when a template uses what frames cannot reproduce (see `TemplateFrames.allowed`).
    let frames: TemplateFrames?
    /// The stylesheet written to `assets/style.css` (a Mustache template too): the text
    /// before the line of its first tag, the lines from there to its last tag's, and the
    /// text after. Only the middle is parsed: swift-mustache took 3 ms over the whole
    /// 13 KB stylesheet, a sixth of a one-note run. (With `{{=` the whole is parsed.) The
    /// output is the same as the whole's.
    private let stylesheetParts: (prefix: Substring, template: MustacheTemplate?, suffix: Substring)

    /// Loads the defaults, then every file of `directory` over them. A template that
    /// does not parse is a located error in its file.
    public init(directory: String?) throws(FileDiagnostics) {
        var sources: [String: (text: String, path: String)] = [:]
        for (name, text) in Self.builtIn { sources[name] = (text, "<built-in>/\(name)") }
        if let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for name in names.sorted() where Self.isTemplate(name) {
                let path = (directory as NSString).appendingPathComponent(name)
                if let data = FileManager.default.contents(atPath: path) {
                    sources[name] = (String(decoding: data, as: UTF8.self), path)
                }
            }
        }
        var templates: [String: (text: String, path: String)] = [:]
        for (name, source) in sources where name.hasSuffix(".mustache") { templates[String(name.dropLast(".mustache".count))] = source }
        try TemplateNesting.check(templates)
        var library = MustacheLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            library.register(try Self.parse(source), named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        // The stylesheet is rendered on its own, never through frames.
        frames = TemplateFrames.allowed(forTemplates: sources.filter { $0.key != "style.css" }.map(\.value.text)) ? TemplateFrames() : nil
        stylesheetParts = try Self.stylesheet(sources["style.css"] ?? ("", "<built-in>/style.css"))
    }

    /// Whether a file of the templates folder is read (editors' swap and backup files are not).
    public static func isTemplate(_ name: String) -> Bool {
        name.hasSuffix(".mustache") || name == "style.css"
    }

    private static func stylesheet(_ source: (text: String, path: String)) throws(FileDiagnostics)
        -> (prefix: Substring, template: MustacheTemplate?, suffix: Substring) {
        let text = source.text
        guard !text.contains("{{=") else { return ("", try parse(source), "") }
        guard let first = text.range(of: "{{"), let last = text.range(of: "}}", options: .backwards) else { return (text[...], nil, "") }
        // From the line before the first tag's: the pragma goes on that line, which holds no
        // tag, so a tag alone on its line stays standalone (its line break removed).
        let before = text[..<first.lowerBound].lastIndex(of: "\n")
        let start = before.flatMap { text[..<$0].lastIndex(of: "\n") }.map { text.index(after: $0) } ?? text.startIndex
        let end = text[last.upperBound...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
        // A part that does not parse: the whole is parsed, for the error as it locates it.
        guard start < end, let middle = try? parse((String(text[start..<end]), source.path)) else { return ("", try parse(source), "") }
        return (text[..<start], middle, text[end...])
    }

    private static func parse(_ source: (text: String, path: String)) throws(FileDiagnostics) -> MustacheTemplate {
        _ = contentType
        do {
            return try MustacheTemplate(string: pragma + source.text)
        } catch let error as MustacheTemplate.ParserError {
            let file = SourceFile(path: source.path, text: source.text)
            // The pragma shifts the first line only.
            let column = error.context.lineNumber == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
            let offset = file.offset(line: error.context.lineNumber, column: column)
            throw FileDiagnostics(file, [.error("template error: \(Self.describe(error.error))", at: offset..<offset)])
        } catch {
            let file = SourceFile(path: source.path, text: source.text)
            throw FileDiagnostics(file, [.error("template error: \(error)", at: 0..<0)])
        }
    }

    /// `assets/style.css`; `math_font` is the bundled math font's path relative to it.
    public func stylesheet(mathFont: String?) -> String {
        let (prefix, template, suffix) = stylesheetParts
        let middle = template?.render(mathFont.map { ["math_font": $0] } ?? [:], library: library) ?? ""
        return prefix + middle + suffix
    }

    /// Renders a template by name (`page`, `index`).
    func render(_ name: String, _ context: [String: TemplateValue]) -> [UInt8] {
        guard let frames else { return Array(renderDirectly(name, context).utf8) }
        return frames.render(name, context) { renderDirectly(name, $0) }
    }

    /// Renders through swift-mustache alone (the index page: one of a kind).
    func renderDirectly(_ name: String, _ context: [String: TemplateValue]) -> String {
        library.render(TemplateValue.map(context).mustache, withTemplate: name) ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is not closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }
}

/// HTML escaping exactly as swift-mustache's (`& < > " '`), in one pass over UTF-8.
struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { Escaping.escaped(text, .apostrophe) }
}
