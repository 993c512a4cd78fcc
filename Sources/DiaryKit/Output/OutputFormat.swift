/// What `diary render` writes.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    /// A static site: one page per note, plus assets.
    case html
    /// GitHub-flavoured markdown: one `.md` per note, computed parts filled in.
    case markdown

    /// The output path of a note (`a/b.md` → `a/b.html`); an HTML page may take its
    /// file name from the front matter's `slug` (validated as one safe file name).
    public func outputPath(for relativePath: String, slug: String? = nil) -> String {
        switch self {
        case .markdown: return relativePath
        case .html:
            var stem = relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) : relativePath
            if let slug {
                let folder = stem.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                stem = folder.isEmpty ? slug : folder + "/" + slug
            }
            return stem + ".html"
        }
    }
}
