/// What `diary serve` was asked for. The server is a program of its own, `diary-serve`
/// (its HTTP library links libcurl, which would slow every start of `diary` and tie the
/// static binary to the machine's libraries): `diary serve` checks the options, then hands
/// them over as JSON when it starts `diary-serve` in its place.
public struct ServeOptions: Sendable, Codable {
    public var paths: [String]
    public var settings: RunSettings
    /// Notes marked `draft: true` are served too (marked as drafts).
    public var includeDrafts = false
    public var host = "127.0.0.1"
    public var port: UInt16 = 4000
    /// Watch by polling instead of inotify.
    public var forcePolling = false
    /// Print only errors.
    public var quiet = false

    public init(paths: [String], settings: RunSettings) {
        self.paths = paths
        self.settings = settings
    }
}
