import Foundation
import Synchronization

/// The date of the last commit that touched each file, for notes whose date is neither in
/// their front matter nor in their file name (as Hugo's `enableGitInfo`): a fresh
/// checkout gives every file today's modification time, so that would make every undated
/// note new every day. One `git log` per repository, asked only when a note needs it.
public final class GitDates: Sendable {
    private let timeZone: TimeZone
    private let topLevels = Mutex<[String: String?]>([:])
    private let dates = Mutex<[String: [String: Int]]>([:])

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The calendar date (in the configured zone) of the last commit touching `path`, or
    /// nil outside git or for a file no commit touched.
    public func lastCommit(touching path: String) -> CalendarDate? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let directory = (absolute as NSString).deletingLastPathComponent
        let top: String?
        if let cached = topLevels.withLock({ $0[directory] }) {
            top = cached
        } else {
            top = Git.run(["rev-parse", "--show-toplevel"], in: directory).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            topLevels.withLock { $0[directory] = .some(top) }
        }
        guard let top, absolute.hasPrefix(top + "/") else { return nil }
        let seconds: [String: Int]
        if let cached = dates.withLock({ $0[top] }) {
            seconds = cached
        } else {
            seconds = Self.lastCommits(in: top)
            dates.withLock { $0[top] = seconds }
        }
        guard let time = seconds[String(absolute.dropFirst(top.count + 1))] else { return nil }
        return CalendarDate(Date(timeIntervalSince1970: TimeInterval(time)), in: timeZone)
    }

    /// Every path of the repository and the author time of the newest commit touching it.
    private static func lastCommits(in top: String) -> [String: Int] {
        guard let log = Git.run(["-c", "core.quotePath=false", "log", "--format=%x01%at", "--name-only", "--no-renames", "HEAD"], in: top) else {
            return [:]
        }
        var result: [String: Int] = [:]
        for commit in log.split(separator: "\u{1}") {
            var lines = commit.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
            guard let time = lines.next().flatMap({ Int($0.trimmingWhitespaceAndNewlines()) }) else { continue }
            while let path = lines.next() {
                if result[String(path)] == nil { result[String(path)] = time }
            }
        }
        return result
    }
}
