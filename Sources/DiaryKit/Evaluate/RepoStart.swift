import Foundation
import Synchronization

/// Where `DAYS_SINCE_REPO_START` comes from: the configured `repo_start`, or the
/// author date of the earliest root commit of the git repository holding a note.
public struct RepoStart: Sendable {
    /// Why the start could not be found; the message says how to fix it.
    public struct Failure: Error, Sendable, Equatable {
        public var reason: String
    }

    private let lookup: @Sendable (_ noteDirectory: String) -> Result<CalendarDate, Failure>

    public init(_ lookup: @escaping @Sendable (_ noteDirectory: String) -> Result<CalendarDate, Failure>) {
        self.lookup = lookup
    }

    /// A fixed date (config `repo_start`).
    public static func fixed(_ date: CalendarDate) -> RepoStart { RepoStart { _ in .success(date) } }

    /// Asks git, once per directory and once per repository, and converts the author
    /// instant to a calendar date in `timeZone`.
    public static func git(timeZone: TimeZone) -> RepoStart {
        let cache = GitRepoStartCache(timeZone: timeZone)
        return RepoStart { cache.start(forDirectory: $0) }
    }

    public func start(forNoteIn directory: String) -> Result<CalendarDate, Failure> { lookup(directory) }
}

/// Memoised git queries; safe to share between the threads that render notes.
final class GitRepoStartCache: Sendable {
    private let timeZone: TimeZone
    private let topLevels = Mutex<[String: Result<String, RepoStart.Failure>]>([:])
    private let starts = Mutex<[String: Result<CalendarDate, RepoStart.Failure>]>([:])

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    func start(forDirectory directory: String) -> Result<CalendarDate, RepoStart.Failure> {
        let topLevel: Result<String, RepoStart.Failure>
        if let cached = topLevels.withLock({ $0[directory] }) {
            topLevel = cached
        } else {
            topLevel = Self.repository(containing: directory)
            topLevels.withLock { $0[directory] = topLevel }
        }
        switch topLevel {
        case .failure(let failure): return .failure(failure)
        case .success(let root):
            if let cached = starts.withLock({ $0[root] }) { return cached }
            let start = Self.firstCommitDate(in: root, timeZone: timeZone)
            starts.withLock { $0[root] = start }
            return start
        }
    }

    private static func repository(containing directory: String) -> Result<String, RepoStart.Failure> {
        guard let output = Git.run(["rev-parse", "--show-toplevel", "--is-shallow-repository"], in: directory) else {
            return .failure(.init(reason: "'\(directory)' is not inside a git repository"))
        }
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count == 2 else { return .failure(.init(reason: "git did not name the repository of '\(directory)'")) }
        if lines[1] == "true" {
            return .failure(.init(reason: "the git repository at '\(lines[0])' is a shallow clone, so its first commit is missing"))
        }
        return .success(lines[0])
    }

    private static func firstCommitDate(in root: String, timeZone: TimeZone) -> Result<CalendarDate, RepoStart.Failure> {
        guard let output = Git.run(["log", "--max-parents=0", "--format=%at", "HEAD"], in: root) else {
            return .failure(.init(reason: "the git repository at '\(root)' has no commits yet"))
        }
        let seconds = output.split(separator: "\n").compactMap { Int($0) }
        guard let earliest = seconds.min() else {
            return .failure(.init(reason: "the git repository at '\(root)' has no root commit"))
        }
        return .success(CalendarDate(Date(timeIntervalSince1970: TimeInterval(earliest)), in: timeZone))
    }
}

/// Runs git and returns its standard output, or nil when it fails.
enum Git {
    static func run(_ arguments: [String], in directory: String) -> String? {
        var environment = ProcessInfo.processInfo.environment
        // A caller's GIT_DIR would point every query at another repository.
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] { environment[key] = nil }
        guard let output = Subprocess.output(["git", "-C", directory] + arguments, environment: environment) else { return nil }
        return String(decoding: output, as: UTF8.self).trimmingWhitespaceAndNewlines()
    }
}
