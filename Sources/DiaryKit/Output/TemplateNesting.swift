import Diagnostics

/// Checks that rendering templates cannot recurse without end: swift-mustache renders a
/// partial and a section by recursion, so a partial that includes itself (directly or
/// through others) or thousands of nested sections would overflow the stack at render
/// time. Found here, they are errors at the tag, when the templates are loaded.
enum TemplateNesting {
    /// Sections nested in one template, and partials included one inside another.
    static let maximumDepth = 64

    private struct Tag {
        enum Kind { case open, close, partial(String), dynamicPartial, other }
        var kind: Kind
        var offset: Int
    }

    /// `sources`: template name (without `.mustache`) → its text and path.
    static func check(_ sources: [String: (text: String, path: String)]) throws(FileDiagnostics) {
        var partials: [String: [(name: String, offset: Int)]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            var depth = 0
            for tag in tags(of: source.text) {
                switch tag.kind {
                case .open:
                    depth += 1
                    if depth > maximumDepth {
                        throw located(source, tag.offset, "sections are nested more than \(maximumDepth) deep")
                    }
                case .close: depth = max(0, depth - 1)
                case .partial(let target): partials[name, default: []].append((target, tag.offset))
                case .dynamicPartial:
                    throw located(source, tag.offset, "dynamic partials ({{>*name}}) are not supported",
                                  note: "include the template by its name: {{> name}}")
                case .other: break
                }
            }
        }
        // Every chain of partials from every template: a cycle, or a chain too long. Each
        // template's height (its longest chain) is kept, so shared partials are walked once.
        var heights: [String: Int] = [:]
        for start in sources.keys.sorted() {
            var path: [String] = [start]
            _ = try height(of: start, &path, &heights, partials, sources)
        }
    }

    /// The longest chain of partials below `name`, which is the last template of `path`.
    private static func height(of name: String, _ path: inout [String], _ heights: inout [String: Int],
                               _ partials: [String: [(name: String, offset: Int)]],
                               _ sources: [String: (text: String, path: String)]) throws(FileDiagnostics) -> Int {
        if let known = heights[name] { return known }
        var height = 0
        for (target, offset) in partials[name, default: []] where sources[target] != nil {
            guard let source = sources[name] else { continue }
            if let first = path.firstIndex(of: target) {
                let cycle = (path[first...] + [target]).joined(separator: " → ")
                throw located(source, offset, "template '\(name)' includes '\(target)', which includes it again (\(cycle))",
                              note: "a partial cannot include itself")
            }
            path.append(target)
            let below = try Self.height(of: target, &path, &heights, partials, sources)
            path.removeLast()
            guard path.count + below < maximumDepth else {
                throw located(source, offset, "partials are included more than \(maximumDepth) deep")
            }
            height = max(height, below + 1)
        }
        heights[name] = height
        return height
    }

    private static func located(_ source: (text: String, path: String), _ offset: Int, _ message: String,
                                note: String? = nil) -> FileDiagnostics {
        FileDiagnostics(SourceFile(path: source.path, text: source.text), [.error("template error: \(message)", at: offset..<offset + 1, note: note)])
    }

    /// The tags of a template, following set-delimiter tags (`{{=<% %>=}}`).
    private static func tags(of text: String) -> [Tag] {
        let bytes = Array(text.utf8)
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var tags: [Tag] = []
        var i = 0
        func matches(_ needle: [UInt8], at position: Int) -> Bool {
            position + needle.count <= bytes.count && bytes[position..<position + needle.count].elementsEqual(needle)
        }
        while i < bytes.count {
            guard matches(open, at: i) else { i += 1; continue }
            let start = i
            var j = i + open.count
            let triple = open == Array("{{".utf8) && j < bytes.count && bytes[j] == UInt8(ascii: "{")
            if triple { j += 1 }
            var end = j
            while end < bytes.count, !matches(close, at: end) { end += 1 }
            let content = String(decoding: bytes[j..<min(end, bytes.count)], as: UTF8.self).trimmingWhitespaceAndNewlines()
            i = min(bytes.count, end + close.count + (triple && end + close.count < bytes.count && bytes[end + close.count] == UInt8(ascii: "}") ? 1 : 0))
            guard !triple, let first = content.first else { tags.append(Tag(kind: .other, offset: start)); continue }
            let rest = String(content.dropFirst()).trimmingWhitespaceAndNewlines()
            switch first {
            case "#", "^": tags.append(Tag(kind: .open, offset: start))
            case "/": tags.append(Tag(kind: .close, offset: start))
            case ">": tags.append(Tag(kind: rest.hasPrefix("*") ? .dynamicPartial : .partial(rest), offset: start))
            case "=" where content.hasSuffix("="):
                let delimiters = content.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if delimiters.count == 2 { (open, close) = (Array(delimiters[0].utf8), Array(delimiters[1].utf8)) }
                tags.append(Tag(kind: .other, offset: start))
            default: tags.append(Tag(kind: .other, offset: start))
            }
        }
        return tags
    }
}
