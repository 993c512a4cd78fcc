import Foundation

/// SIGINT and SIGTERM as an async sequence: the server stops cleanly instead of dying.
struct ShutdownSignals {
    private let stream: AsyncStream<Int32>

    init() {
        stream = AsyncStream { continuation in
            let queue = DispatchQueue(label: "diary.signals")
            let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
                // Without this the default action ends the process before the source sees it.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            let box = SignalSources(sources)
            continuation.onTermination = { _ in box.cancel() }
        }
    }

    /// The next signal.
    func next() async -> Int32? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}

/// Dispatch sources are not Sendable; they are only cancelled, once, from here.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    func cancel() { sources.forEach { $0.cancel() } }
}
