import DiaryKit

/// The page shown instead of a note that has errors, or instead of every page when the
/// config or a template has: the diagnostics exactly as `diary render` prints them.
enum ErrorPage {
    static func html(report: String) -> [UInt8] {
        let count = report.split(separator: "\n").filter { $0.contains(": error: ") }.count
        let title = count == 1 ? "1 error" : "\(count) errors"
        return Array("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(title) · diary serve</title>
        <style>
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; background: #fbf7f4; color: #1d2126; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem; }
        h1 { font-size: 1.35rem; margin: 0 0 0.25rem; color: #a3261b; }
        p { margin: 0 0 1.25rem; color: #5b6169; }
        pre { margin: 0; padding: 1rem 1.25rem; overflow-x: auto; background: #fff; border: 1px solid #e6d9d3; border-left: 4px solid #c0392b; border-radius: 6px; font: 14px/1.45 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre; }
        @media (prefers-color-scheme: dark) {
          body { background: #16181c; color: #e4e6ea; }
          h1 { color: #ff8a7a; }
          p { color: #a3a9b2; }
          pre { background: #1e2126; border-color: #3a3030; border-left-color: #e0604f; }
        }
        </style>
        </head>
        <body>
        <main>
        <h1>\(title)</h1>
        <p>This page comes back by itself once the file is fixed.</p>
        <pre>\(Escaping.html(report))</pre>
        </main>
        </body>
        </html>

        """.utf8)
    }
}
