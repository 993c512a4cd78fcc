@testable import DiaryServe
import DiaryKit
import Foundation
import Testing

/// What the preview server answers: paths kept inside the site, methods, hosts, content
/// types, live reload only in served HTML.
@Suite struct ResponderTests {
    @Test(arguments: [
        ("/", SitePath.Resolution.path("")),
        ("/index.html", .path("index.html")),
        ("/archive/", .path("archive/")),
        ("/2026/bn%20x.html", .path("2026/bn x.html")),
        ("/caf%C3%A9.html", .path("café.html")),
        ("/../etc/passwd", .refused),
        ("/%2e%2e/%2e%2e/etc/passwd", .refused),
        ("/a/..%2f..%2fetc", .refused),
        ("/a%2Fb", .refused),
        ("/a/./b", .refused),
        ("//etc/passwd", .refused),
        ("/a%00.html", .refused),
        ("/a%5c..%5cb", .refused),
        ("/%zz", .refused),
        ("relative.html", .refused),
    ])
    func pathsStayInsideTheSite(_ target: String, _ expected: SitePath.Resolution) {
        #expect(SitePath.resolve(target) == expected)
    }

    @Test func contentTypes() {
        #expect(ContentType.of("a.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("assets/style.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("a/chart.SVG") == "image/svg+xml")
        #expect(ContentType.of("feed.xml") == "application/atom+xml; charset=utf-8")
        #expect(ContentType.of("sitemap.xml") == "application/xml; charset=utf-8")
        #expect(ContentType.of("assets/fonts/latinmodern-math.otf") == "font/otf")
        #expect(ContentType.of("x.woff2") == "font/woff2")
        #expect(ContentType.of("img/a.jpeg") == "image/jpeg")
        #expect(ContentType.of("img/a.png") == "image/png")
        #expect(ContentType.of("robots.txt") == "text/plain; charset=utf-8")
        #expect(ContentType.of("Makefile") == "application/octet-stream")
    }

    @Test func theScriptGoesBeforeTheLastBodyEnd() {
        let html = Array("<html><body><p>&lt;/body&gt; </body></html>".utf8)
        let out = String(decoding: LiveReload.inject(into: html, generation: 7), as: UTF8.self)
        #expect(out.hasPrefix("<html><body><p>&lt;/body&gt; <script>"))
        #expect(out.hasSuffix("</script>\n</body></html>"))
        #expect(out.contains("const shown = 7,"))
        #expect(String(decoding: LiveReload.inject(into: Array("<p>x".utf8), generation: 1), as: UTF8.self).hasPrefix("<p>x<script>"))
    }

    @Test func answers() throws {
        let folder = try Folder(["notes/a.md": "# A\n", "notes/bad.md": "{{NOPE}}\n"])
        defer { folder.delete() }
        var live = LiveSiteTests.site(folder)
        _ = live.refresh()
        let site = live.snapshot
        let responder = Responder(loopbackOnly: true)
        func reply(_ target: String, method: String = "GET", host: String? = "127.0.0.1:4000") -> Responder.Reply {
            responder.reply(method: method, target: target, host: host, site: site)
        }
        let page = reply("/a.html")
        #expect(page.status == 200 && page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(String(decoding: page.body, as: UTF8.self).contains("new EventSource(\"/__diary/events\")"))
        #expect(page.headers["Content-Length"] == String(page.body.count))
        #expect(page.headers["Cache-Control"] == "no-store")
        // HEAD: the same headers, no body.
        let head = reply("/a.html", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["Content-Length"] == page.headers["Content-Length"])
        // Assets are sent as they are.
        let css = reply("/assets/style.css")
        #expect(css.status == 200 && css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(!String(decoding: css.body, as: UTF8.self).contains("EventSource"))
        // Only GET and HEAD.
        #expect(reply("/a.html", method: "POST").status == 405)
        #expect(reply("/a.html", method: "DELETE").headers["Allow"] == "GET, HEAD")
        // Traversal: refused, never a file outside the site.
        #expect(reply("/../../etc/passwd").status == 400)
        #expect(reply("/%2e%2e/%2e%2e/etc/passwd").status == 400)
        // Missing pages get the site's 404 page with status 404.
        let missing = reply("/nope.html")
        #expect(missing.status == 404 && String(decoding: missing.body, as: UTF8.self).contains("Page not found"))
        // A folder without its slash is redirected; the root is the index.
        #expect(reply("/archive").status == 301 && reply("/archive").headers["Location"] == "/archive/")
        #expect(reply("/").status == 200)
        // A note with errors: its page shows them, located.
        let bad = reply("/bad.html")
        #expect(bad.status == 500)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("bad.md:1:3: error: unknown name 'NOPE'"))
        // Other names for this machine are not answered (DNS rebinding).
        #expect(reply("/a.html", host: "evil.example:4000").status == 403)
        #expect(reply("/a.html", host: "localhost:4000").status == 200)
        #expect(reply("/a.html", host: "[::1]:4000").status == 200)
        #expect(reply("/a.html", host: nil).status == 403)
        // The loopback address listened on is a name the server answers to, as it prints it.
        #expect(Responder(loopbackOnly: true, host: "127.0.0.2").reply(method: "GET", target: "/a.html", host: "127.0.0.2:4000", site: site).status == 200)
        #expect(Responder(loopbackOnly: true, host: "127.0.0.2").reply(method: "GET", target: "/a.html", host: "127.0.0.3:4000", site: site).status == 403)
        #expect(Responder(loopbackOnly: false).reply(method: "GET", target: "/a.html", host: "my-laptop.lan", site: site).status == 200)
    }
}
