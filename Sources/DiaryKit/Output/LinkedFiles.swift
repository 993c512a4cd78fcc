import Foundation

/// Files a note links to beside it (`![](img/loss.png)`, `[data](runs.csv)`): they belong in
/// the site at the same place relative to the page, so the link works there too.
enum LinkedFiles {
    /// Output path → source path, for each relative link of `note` to a path inside the
    /// notes folder (not a note, not hidden), whether or not a file is there now: the site
    /// copies those that are regular files when it is written, and `diary serve` watches
    /// them all, so an image saved after the note that shows it appears. Links that leave
    /// the notes folder are left alone.
    static func resolve(_ destinations: [String], of note: Note) -> [String: String] {
        let relative = note.relativePath
        guard note.file.path.hasSuffix(relative) else { return [:] }
        let root = String(note.file.path.dropLast(relative.utf8.count))
        let folder = relative.split(separator: "/").dropLast().map(String.init)
        var files: [String: String] = [:]
        for destination in destinations {
            guard let path = outputPath(of: destination, from: folder) else { continue }
            files[path] = root + path
        }
        return files
    }

    /// The link's path from the notes folder's root, or nil for a link that is not a
    /// relative path to a file (a URL with a scheme, an absolute path, a fragment, a note).
    static func outputPath(of destination: String, from folder: [String]) -> String? {
        let end = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let raw = destination[..<end]
        guard !raw.isEmpty, !raw.hasPrefix("/"), !raw.hasPrefix("\\") else { return nil }
        // A scheme (`https:`, `mailto:`, `data:`) comes before any slash.
        if let colon = raw.firstIndex(of: ":"), !raw[..<colon].contains("/") { return nil }
        guard let decoded = String(raw).removingPercentEncoding, !decoded.contains("\0"), !decoded.hasSuffix(".md") else { return nil }
        var components = folder
        for component in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default:
                guard !component.hasPrefix(".") else { return nil }
                components.append(String(component))
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}
