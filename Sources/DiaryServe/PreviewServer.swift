import Diagnostics
import DiaryKit
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// `diary serve`: the site rendered in memory, served over HTTP, re-rendered as notes
/// change, with open pages reloading themselves.
public struct PreviewServer: Sendable {
    let options: ServeOptions

    public init(_ options: ServeOptions) { self.options = options }

    /// Whether `host` is a loopback address (anything else is reachable from the network).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Serves until SIGINT or SIGTERM; the process's exit status: 0 after a signal, 1 when
    /// the port cannot be had, 2 for bad usage (a missing notes folder).
    public func run() -> Int32 {
        let status = Mutex<Int32>(0)
        let done = DispatchSemaphore(value: 0)
        Task {
            let code = await serve()
            status.withLock { $0 = code }
            done.signal()
        }
        done.wait()
        return status.withLock { $0 }
    }

    private func serve() async -> Int32 {
        let signals = ShutdownSignals()
        var live = LiveSite(paths: options.paths, settings: options.settings, includeDrafts: options.includeDrafts)
        let first = live.refresh()
        if let usage = first.usageError {
            Self.message("error: \(usage)")
            return 2
        }
        report(first, initial: true)
        let snapshot = Mutex(live.snapshot)
        let hub = ReloadHub(generation: live.snapshot.generation)
        let responder = Responder(loopbackOnly: Self.isLoopback(options.host), host: options.host)

        let address: any SocketAddress
        do {
            let name = options.host == "localhost" ? "127.0.0.1" : options.host
            address = name.contains(":") ? try sockaddr_in6.inet6(ip6: name, port: options.port) : try sockaddr_in.inet(ip4: name, port: options.port)
        } catch {
            Self.message("error: --host must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::1), not '\(options.host)'")
            return 2
        }
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled)
        await server.appendRoute("*") { request in
            let target = request.target.path()
            if target == "/" + LiveReload.eventsPath, request.method == .GET, responder.accepts(host: request.headers[.host]) {
                let events = await hub.subscribe()
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                                    body: HTTPBodySequence(from: EventBytes(events: events)))
            }
            let site = snapshot.withLock { $0 }
            let reply = responder.reply(method: request.method.rawValue, target: target, host: request.headers[.host], site: site)
            var headers = HTTPHeaders()
            for (name, value) in reply.headers { headers[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: Self.phrase(reply.status)), headers: headers, body: Data(reply.body))
        }
        // Listening, or the reason it cannot be (a taken port fails at once: no waiting).
        let failure = Mutex<String?>(nil)
        let suggestion = options.port == 65535 ? 4001 : options.port + 1
        let running = Task {
            do {
                try await server.run()
            } catch {
                let reason = switch error {
                case SocketError.failed(_, let code, let message) where code == EADDRINUSE:
                    "\(message) (is another server using it? try --port \(suggestion))"
                case SocketError.failed(_, _, let message): message
                default: String(describing: error)
                }
                failure.withLock { $0 = reason }
            }
        }
        var bound: UInt16?
        let deadline = Date().addingTimeInterval(5)
        while bound == nil, failure.withLock({ $0 == nil }), Date() < deadline {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: bound = port
            default: try? await Task.sleep(for: .milliseconds(5))
            }
        }
        guard let port = bound else {
            running.cancel()
            let reason = failure.withLock { $0 } ?? "not listening after 5 seconds"
            Self.message("error: cannot listen on \(options.host):\(options.port): \(reason)")
            return 1
        }
        NoDelay.apply(toListenerOn: port)
        let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        Self.output("Serving \(options.paths.joined(separator: " ")) at http://\(shownHost):\(port)/ (Ctrl-C to stop)")
        if !Self.isLoopback(options.host) {
            Self.message("warning: listening on \(options.host): anyone who can reach this machine on port \(port) can read your notes")
        }

        // The refresh loop: its own thread, since rendering is synchronous work.
        let stopping = Atomic(false)
        let finished = DispatchSemaphore(value: 0)
        let watcher = ChangeWatcher(recursive: watchedFolders(), files: watchedFiles(),
                                    forcePolling: options.forcePolling)
        if let reason = watcher.pollingReason, !options.quiet { Self.message("watching by polling every 250 ms: \(reason)") }
        let loop = RefreshLoop(live: live, watcher: watcher)
        let thread = Thread {
            loop.run(until: stopping) { refresh, site in
                report(refresh, initial: false)
                guard refresh.changed else { return }
                snapshot.withLock { $0 = site }
                Task { await hub.publish(generation: site.generation) }
            }
            finished.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        let pings = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await hub.broadcast(LiveReload.ping)
            }
        }

        _ = await signals.next()
        stopping.store(true, ordering: .relaxed)
        pings.cancel()
        await hub.finishAll()
        await server.stop(timeout: 0.5)
        running.cancel()
        _ = finished.wait(timeout: .now() + 1)
        return 0
    }

    /// Folders whose every change matters: the notes (with their images) and the templates.
    private func watchedFolders() -> [String] {
        var folders = options.paths.filter(Self.isFolder)
        if Self.isFolder(options.settings.templatesFolder) { folders.append(options.settings.templatesFolder) }
        return Array(Set(folders.map(NoteSource.absolute))).sorted()
    }

    /// Single files that matter: diary.yml, and notes given by their paths.
    private func watchedFiles() -> [String] {
        let files = options.paths.filter { !Self.isFolder($0) } + [options.settings.configFile]
        return files.map { (NoteSource.absolute(($0 as NSString).deletingLastPathComponent) as NSString).appendingPathComponent(($0 as NSString).lastPathComponent) }
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// The terminal shows every diagnostic of what was rendered, as `diary render` prints them.
    private func report(_ refresh: LiveSite.Refresh, initial: Bool) {
        var shown = refresh.diagnostics
        if options.quiet { for index in shown.indices { shown[index].diagnostics.removeAll { $0.severity != .error } } }
        for file in shown where !file.diagnostics.isEmpty { Self.message(file.rendered()) }
        if let usage = refresh.usageError { Self.message("error: \(usage)") }
        if !initial, refresh.rendered > 0, !options.quiet {
            let errors = shown.filter(\.hasErrors).count
            Self.message("rebuilt \(refresh.rendered) note\(refresh.rendered == 1 ? "" : "s")" + (errors > 0 ? " (\(errors) with errors)" : ""))
        }
    }

    static func message(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        default: ""
        }
    }
}

/// Waits for changes and refreshes the site, on a thread of its own, until told to stop.
/// Owns the live site: only this loop changes it.
final class RefreshLoop: @unchecked Sendable {
    /// A refresh happens at least this often even without events: a missed event, or a new
    /// day, shows up within it.
    static let safetyInterval = 2.0

    private var live: LiveSite
    private let watcher: ChangeWatcher

    init(live: LiveSite, watcher: ChangeWatcher) {
        self.live = live
        self.watcher = watcher
    }

    func run(until stopping: borrowing Atomic<Bool>, publish: (LiveSite.Refresh, LiveSite.Snapshot) -> Void) {
        var last = Date()
        while !stopping.load(ordering: .relaxed) {
            // Short waits, so a stop is seen within a quarter second.
            let changed = watcher.wait(timeout: 0.2)
            guard changed || Date().timeIntervalSince(last) >= Self.safetyInterval else { continue }
            last = Date()
            let refresh = live.refresh()
            publish(refresh, live.snapshot)
        }
    }
}
