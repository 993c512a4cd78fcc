/// What `diary render` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// A static site: one page per note, plus assets.
    case html
    /// GitHub-flavoured markdown: one `.md` per note, computed parts filled in.
    case markdown

    /// The output path of a note (`a/b.md` → `a/b.html`).
    public func outputPath(for relativePath: String) -> String {
        switch self {
        case .markdown: return relativePath
        case .html:
            let stem = relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) : relativePath
            return stem + ".html"
        }
    }
}
