import DiaryKit

/// What the preview server answers to a request, from the site as it is now. A pure
/// function of the request and the site, so every rule here is tested without a socket.
struct Responder: Sendable {
    struct Reply: Sendable, Equatable {
        var status: Int
        var headers: [String: String] = [:]
        var body: [UInt8] = []
    }

    /// Host names the server answers to: with a loopback address, only loopback names, so a
    /// web page elsewhere cannot read the notes by pointing its own name at 127.0.0.1.
    let allowedHosts: Set<String>?

    /// `host` is the address listened on: it is allowed too (`127.0.0.2`, as printed).
    init(loopbackOnly: Bool, host: String = "127.0.0.1") {
        let bound = host.contains(":") ? "[\(host.lowercased())]" : host.lowercased()
        allowedHosts = loopbackOnly ? ["localhost", "127.0.0.1", "[::1]", bound] : nil
    }

    /// Whether a request's `Host` (name and port) is one this server answers to.
    func accepts(host: String?) -> Bool {
        guard let allowedHosts else { return true }
        guard let host = host?.lowercased() else { return false }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
        return allowedHosts.contains(name)
    }

    func reply(method: String, target: String, host: String?, site: LiveSite.Snapshot) -> Reply {
        var reply = answer(method: method, target: target, host: host, site: site)
        reply.headers["Cache-Control"] = "no-store"
        reply.headers["X-Content-Type-Options"] = "nosniff"
        reply.headers["Content-Length"] = String(reply.body.count)
        if method == "HEAD" { reply.body = [] }
        return reply
    }

    private func answer(method: String, target: String, host: String?, site: LiveSite.Snapshot) -> Reply {
        guard method == "GET" || method == "HEAD" else {
            return text(405, "Only GET and HEAD are answered here.\n", headers: ["Allow": "GET, HEAD"])
        }
        guard accepts(host: host) else { return text(403, "This preview answers only to localhost.\n") }
        guard case .path(let path) = SitePath.resolve(target) else { return text(400, "Bad path.\n") }
        switch site.page(at: path) {
        case .file(let bytes):
            let type = ContentType.of(path.isEmpty || path.hasSuffix("/") ? "index.html" : path)
            return Reply(status: 200, headers: ["Content-Type": type], body: ContentType.isHTML(type) ? LiveReload.inject(into: bytes, generation: site.generation) : bytes)
        case .failed(let report):
            return Reply(status: 500, headers: ["Content-Type": "text/html; charset=utf-8"],
                          body: LiveReload.inject(into: ErrorPage.html(report: report), generation: site.generation))
        case .folder:
            // Relative links inside a folder's index need the slash.
            let location = target + "/"
            return text(301, "Moved to \(location)\n", headers: ["Location": location])
        case .missing(let page):
            return page.map { Reply(status: 404, headers: ["Content-Type": "text/html; charset=utf-8"], body: LiveReload.inject(into: $0, generation: site.generation)) }
                ?? text(404, "Not found.\n")
        }
    }

    private func text(_ status: Int, _ message: String, headers: [String: String] = [:]) -> Reply {
        var headers = headers
        headers["Content-Type"] = "text/plain; charset=utf-8"
        return Reply(status: status, headers: headers, body: Array(message.utf8))
    }
}
