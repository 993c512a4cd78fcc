/// What makes an open page follow the notes: a few lines of script, added only to pages
/// the preview server sends (the published site has no script), and the server-sent
/// events they listen to.
enum LiveReload {
    static let eventsPath = "__diary/events"

    /// The page's HTML with the script before its last `</body>` (or at its end). The page
    /// knows the generation it shows: when the server's differs (a change it missed while
    /// loading, or a restarted server) it reloads, keeping its scroll position.
    static func inject(into html: [UInt8], generation: Int) -> [UInt8] {
        let script = Array(script(generation: generation).utf8)
        let close = Array("</body>".utf8)
        var index = html.count - close.count
        while index >= 0 {
            if html[index..<index + close.count].elementsEqual(close) {
                return Array(html[..<index]) + script + Array(html[index...])
            }
            index -= 1
        }
        return html + script
    }

    static func script(generation: Int) -> String {
        """
        <script>
        (() => {
          // Added by diary serve; the published site has no script.
          const shown = \(generation), key = "diary-serve-scroll:" + location.pathname;
          const saved = sessionStorage.getItem(key);
          if (saved !== null) {
            sessionStorage.removeItem(key);
            const restore = () => window.scrollTo(0, Number(saved));
            restore();
            addEventListener("load", restore);
            if (document.fonts) document.fonts.ready.then(restore);
          }
          const events = new EventSource("/\(eventsPath)");
          const follow = (event) => {
            if (Number(event.data) === shown) return;
            events.close();
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          };
          events.addEventListener("hello", follow);
          events.addEventListener("reload", follow);
        })();
        </script>

        """
    }

    /// One server-sent event.
    static func event(_ name: String, data: String) -> [UInt8] { Array("event: \(name)\ndata: \(data)\n\n".utf8) }

    /// What a stream starts with: reconnect quickly after a restart, and the site's generation.
    static func hello(generation: Int) -> [UInt8] { Array("retry: 1000\n\n".utf8) + event("hello", data: String(generation)) }

    /// A comment line: keeps proxies from closing an idle stream, and finds closed ones.
    static let ping = Array(": ping\n\n".utf8)
}
