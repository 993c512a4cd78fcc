/// A request's path turned into a path of the site, or refused. The site lives in memory,
/// so nothing here can reach a file on disk; refusing `..`, encoded slashes and NUL all the
/// same keeps every path a plain name in the site's dictionary.
enum SitePath {
    enum Resolution: Equatable {
        /// Relative to the site's root: `""` is the root, a trailing `/` a folder.
        case path(String)
        case refused
    }

    /// `target` is the request's path as sent, still percent-encoded (`/2026/bn%20x.html`).
    static func resolve(_ target: String) -> Resolution {
        guard target.hasPrefix("/"), target.utf8.count <= 4096 else { return .refused }
        let segments = target.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var decoded: [String] = []
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                // Only the last segment may be empty: the slash of a folder's address.
                guard index == segments.count - 1 else { return .refused }
                decoded.append("")
                continue
            }
            guard let name = String(segment).removingPercentEncoding, !name.isEmpty, name != ".", name != "..",
                  !name.contains("/"), !name.contains("\\"), !name.contains("\0") else { return .refused }
            decoded.append(name)
        }
        return .path(decoded.joined(separator: "/"))
    }
}
