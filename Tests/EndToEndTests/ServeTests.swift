import Foundation
import Testing

/// `diary serve` as a process: pages over HTTP, edits followed, errors in the page, the
/// event stream, refused paths, a clean stop.
@Suite(.serialized) struct ServeTests {
    /// A running server and what it printed.
    final class Server {
        let process = Process()
        let port: UInt16
        private let output: Pipe
        let errors: URL

        init(_ space: Workspace, _ arguments: [String] = []) throws {
            output = Pipe()
            errors = space.url.appendingPathComponent("serve-stderr.txt")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["serve", "notes", "--port", "0", "--today", "2026-11-26"] + arguments
            process.currentDirectoryURL = space.url
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            // The first line names the address.
            var line = Data()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
                  let port = UInt16(text[range].dropFirst("http://127.0.0.1:".count).dropLast()) else {
                process.terminate()
                throw ServeError.noAddress(text)
            }
            self.port = port
        }

        var probe: HTTPProbe { HTTPProbe(port: port) }

        /// Polls a page until `condition` holds for its body (or 10 s pass).
        func waitFor(_ target: String, _ condition: (HTTPProbe.Response) -> Bool) throws -> HTTPProbe.Response {
            let deadline = Date().addingTimeInterval(10)
            var last = try probe.request(target)
            while !condition(last), Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
                last = try probe.request(target)
            }
            return last
        }

        func stop(_ signal: Int32 = SIGTERM) -> Int32 {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    enum ServeError: Error { case noAddress(String) }

    /// Writes as an editor does: a temporary file renamed over the note.
    static func save(_ space: Workspace, _ path: String, _ text: String) throws {
        let temporary = space.url.appendingPathComponent(path + ".tmp~")
        try Data(text.utf8).write(to: temporary)
        _ = rename(temporary.path, space.url.appendingPathComponent(path).path)
    }

    @Test func editsAreServedAndErrorsShownInThePage() throws {
        let space = try Workspace(["notes/a.md": "# Alpha\n\nFirst text.\n", "notes/b.md": "# Beta\n"])
        let server = try Server(space)
        #expect(!space.exists("site"))
        let page = try server.probe.request("/a.html")
        #expect(page.status == 200)
        #expect(page.body.contains("First text."))
        #expect(page.body.contains("new EventSource(\"/__diary/events\")"))
        // An edit is served.
        try Self.save(space, "notes/a.md", "# Alpha\n\nSecond text.\n")
        #expect(try server.waitFor("/a.html") { $0.body.contains("Second text.") }.status == 200)
        // A broken cell: the page shows the located error; other pages still work.
        try Self.save(space, "notes/a.md", "# Alpha\n\n```calc\nmaen([1, 2])\n```\n")
        let broken = try server.waitFor("/a.html") { $0.status == 500 }
        #expect(broken.status == 500)
        #expect(broken.body.contains("notes/a.md:4:1: error:"))
        #expect(broken.body.contains("did you mean"))
        #expect(try server.probe.request("/b.html").status == 200)
        // Fixed: the page comes back.
        try Self.save(space, "notes/a.md", "# Alpha\n\n```calc\nmean([1, 2])\n```\n")
        #expect(try server.waitFor("/a.html") { $0.status == 200 }.body.contains("1.5"))
        // A new note and a deleted one: the index follows.
        try Self.save(space, "notes/c.md", "# Gamma\n")
        #expect(try server.waitFor("/") { $0.body.contains("Gamma") }.body.contains("c.html"))
        try FileManager.default.removeItem(at: space.url.appendingPathComponent("notes/b.md"))
        #expect(!(try server.waitFor("/") { !$0.body.contains("Beta") }.body.contains("Beta")))
        #expect(try server.probe.request("/b.html").status == 404)
        #expect(server.stop() == 0)
        #expect(!space.exists("site"))
        let stderr = try String(contentsOf: server.errors, encoding: .utf8)
        #expect(stderr.contains("notes/a.md:4:1: error:"))
    }

    @Test func openPagesAreToldToReload() throws {
        let space = try Workspace(["notes/a.md": "# Alpha\n"])
        let server = try Server(space)
        let events = try server.probe.stream("/__diary/events", until: "event: reload", timeout: 10) {
            try Self.save(space, "notes/a.md", "# Alpha, edited\n")
        }
        #expect(events.contains("text/event-stream"))
        #expect(events.contains("retry: 1000"))
        // The generation starts at a random number (a restarted server is another site)
        // and counts changes from there.
        let hello = try #require(events.firstMatch(of: /event: hello\ndata: (\d+)\n/))
        let reload = try #require(events.firstMatch(of: /event: reload\ndata: (\d+)\n/))
        #expect(Int(reload.1) == Int(hello.1).map { $0 + 1 })
        #expect(server.stop(SIGINT) == 0)
    }

    @Test func requestsOutsideTheSiteAreRefused() throws {
        let space = try Workspace(["notes/a.md": "# Alpha\n", "secret.txt": "top secret"])
        let server = try Server(space)
        for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/a%00.html", "//secret.txt", "/notes/a.md", "/secret.txt"] {
            let response = try server.probe.request(target)
            #expect([400, 404].contains(response.status), "\(target): \(response.status)")
            #expect(!response.body.contains("top secret"), "\(target)")
        }
        #expect(try server.probe.request("/a.html", method: "POST").status == 405)
        #expect(try server.probe.request("/a.html", host: "attacker.example").status == 403)
        let head = try server.probe.request("/a.html", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && Int(head.headers["content-length"] ?? "") ?? 0 > 0)
        #expect(try server.probe.request("/assets/style.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(server.stop() == 0)
    }

    @Test func aTakenPortIsAClearError() throws {
        let space = try Workspace(["notes/a.md": "# Alpha\n"])
        let first = try Server(space)
        let second = try CLI.run(["serve", "notes", "--port", String(first.port)], in: space.url)
        #expect(second.status == 1)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(first.port)"))
        #expect(first.stop() == 0)
        let missing = try CLI.run(["serve", "nowhere"], in: space.url)
        #expect(missing.status == 2 && missing.stderr.contains("no such file or folder: 'nowhere'"))
    }
}
