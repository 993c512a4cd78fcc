import Foundation
import Synchronization

/// The date of the last commit that touched each file, for notes whose date is neither in
/// their front matter nor in their file name (as Hugo's `enableGitInfo`): a fresh
/// checkout gives every file today's modification time, so that would make every undated
/// note new every day. One `git log` per repository, asked only when a note needs it.
public final class GitDates: Sendable {
    private let timeZone: TimeZone
    /// Per folder of notes: each file's name and the time of the newest commit touching it.
    private let dates = Mutex<[String: [String: Int]]>([:])

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The calendar date (in the configured zone) of the last commit touching `path`, or
    /// nil outside git or for a file no commit touched.
    public func lastCommit(touching path: String) -> CalendarDate? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let directory = (absolute as NSString).deletingLastPathComponent
        let seconds: [String: Int]
        if let cached = dates.withLock({ $0[directory] }) {
            seconds = cached
        } else {
            seconds = Self.lastCommits(in: directory)
            dates.withLock { $0[directory] = seconds }
        }
        guard let time = seconds[(absolute as NSString).lastPathComponent] else { return nil }
        return CalendarDate(Date(timeIntervalSince1970: TimeInterval(time)), in: timeZone)
    }

    /// The files directly in `directory` and the author time of the newest commit touching
    /// each: one `git log` limited to the folder (`--relative`), so its cost is the
    /// folder's history, not the repository's.
    private static func lastCommits(in directory: String) -> [String: Int] {
        guard let log = Git.run(["-c", "core.quotePath=false", "log", "--format=%x01%at", "--name-only", "--no-renames", "--relative",
                                 "HEAD", "--", "."], in: directory) else {
            return [:]
        }
        var result: [String: Int] = [:]
        for commit in log.split(separator: "\u{1}") {
            var lines = commit.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
            guard let time = lines.next().flatMap({ Int($0.trimmingWhitespaceAndNewlines()) }) else { continue }
            // Files of sub-folders are asked for with their own folder.
            while let path = lines.next() {
                if !path.contains("/"), result[String(path)] == nil { result[String(path)] = time }
            }
        }
        return result
    }
}
