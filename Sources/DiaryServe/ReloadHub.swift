import FlyingSocks

/// The open pages' event streams: each subscriber gets every event from its subscription on.
actor ReloadHub {
    private var clients: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextID = 0
    /// The site's generation as the streams were last told: a new stream starts with it,
    /// so a change published while a page subscribes is never missed.
    private var generation: Int

    init(generation: Int) { self.generation = generation }

    /// A new stream, starting with the site's generation.
    func subscribe() -> AsyncStream<[UInt8]> {
        // A reload is idempotent: a slow page needs only the newest events.
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(8))
        let id = nextID
        nextID += 1
        continuation.yield(LiveReload.hello(generation: generation))
        continuation.onTermination = { [weak self] _ in Task { await self?.remove(id) } }
        clients[id] = continuation
        return stream
    }

    /// Tells every page the site is at `generation` (an older one, come late, is dropped).
    func publish(generation: Int) {
        guard generation > self.generation else { return }
        self.generation = generation
        broadcast(LiveReload.event("reload", data: String(generation)))
    }

    func broadcast(_ event: [UInt8]) {
        for (id, client) in clients {
            if case .terminated = client.yield(event) { clients[id] = nil }
        }
    }

    /// Ends every stream, so their connections close (at shutdown).
    func finishAll() {
        for client in clients.values { client.finish() }
        clients = [:]
    }

    var count: Int { clients.count }

    private func remove(_ id: Int) { clients[id] = nil }
}

/// An event stream as the bytes of a response body (FlyingFox writes each buffer as one
/// chunk of a chunked response, as it comes).
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let events: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: events.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending = ArraySlice<UInt8>()

        mutating func next() async throws -> UInt8? { try await nextBuffer(suggested: 1)?.first }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            // Never an empty buffer: it would be written as the last chunk and end the response.
            while pending.isEmpty {
                guard let event = await base.next() else { return nil }
                pending = event[...]
            }
            let size = Swift.max(1, Swift.min(count, pending.count))
            defer { pending = pending.dropFirst(size) }
            return pending.prefix(size)
        }
    }
}
