import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when something under the watched folders may have changed. It only wakes the
/// refresh, which finds what changed by comparing file stamps: so a missed or merged event
/// costs nothing, and renames, deletions and new folders need no bookkeeping of their own.
///
/// Linux uses inotify; elsewhere, when inotify is out of watches, or with `--poll` (network
/// file systems), it polls: every wait ends after `pollInterval`, and the refresh compares.
final class ChangeWatcher {
    static let pollInterval = 0.25

    private var descriptor: Int32 = -1
    private var folders: [Int32: String] = [:]
    private let recursive: Set<String>
    /// For a folder watched for some of its files only: their names. Other files written
    /// there (an editor's log, a build) do not wake the refresh.
    private let names: [String: Set<String>]
    /// Why it polls, when it does.
    private(set) var pollingReason: String?

    /// `recursive`: folders watched with everything below them (the notes, the templates);
    /// `files`: single files (diary.yml, a note given by its path), watched through their
    /// folders.
    init(recursive: [String], files: [String], forcePolling: Bool) {
        self.recursive = Set(recursive)
        var names: [String: Set<String>] = [:]
        for file in files {
            names[(file as NSString).deletingLastPathComponent, default: []].insert((file as NSString).lastPathComponent)
        }
        self.names = names
        #if os(Linux)
        if forcePolling {
            pollingReason = "--poll"
            return
        }
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            pollingReason = "inotify is not available (\(String(cString: strerror(errno))))"
            return
        }
        for folder in names.keys.sorted() { watch(folder, recursively: false) }
        for folder in recursive { watch(folder, recursively: true) }
        #else
        pollingReason = "this system has no inotify"
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    var isPolling: Bool { pollingReason != nil }

    /// Waits up to `timeout` seconds; true when something may have changed (always true when
    /// polling). After a first event it waits for the burst an editor's save makes to end
    /// (`quiet` seconds without events, at most `limit`), so one save is one refresh.
    func wait(timeout: Double, quiet: Double = 0.02, limit: Double = 0.3) -> Bool {
        if isPolling {
            Thread.sleep(forTimeInterval: min(timeout, Self.pollInterval))
            return true
        }
        #if os(Linux)
        guard waitForEvents(timeout) else { return false }
        let start = Date()
        while Date().timeIntervalSince(start) < limit, waitForEvents(quiet) {}
        return true
        #else
        return true
        #endif
    }

    #if os(Linux)
    /// Reads the events that arrive within `timeout` seconds; true if any of them matters.
    private func waitForEvents(_ timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard left > 0, poll(&request, 1, Int32(min(left, 60) * 1000)) > 0 else { return false }
            if drain() { return true }
        }
    }

    /// Reads every pending event; true if one of them matters.
    private func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var relevant = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return relevant }
            if buffer.withUnsafeBytes({ handle(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }) { relevant = true }
        }
    }

    /// Whether the events matter; a new folder (made, or moved in) is watched with what it
    /// holds.
    private func handle(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var relevant = false
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= bytes.count {
            let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = offset + header, nameLength = Int(event.len)
            guard nameStart + nameLength <= bytes.count else { return relevant }
            let field = bytes[nameStart..<nameStart + nameLength]
            let name = String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
            let isFolder = event.mask & UInt32(bitPattern: IN_ISDIR) != 0
            let arrived = event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
            let parent = folders[event.wd]
            if isFolder, arrived, !name.isEmpty, let parent, isRecursive(parent) {
                watch(parent + "/" + name, recursively: true)
            }
            // An overflowed queue (no folder) may hide anything.
            if let parent, !isRecursive(parent), let wanted = names[parent] {
                if wanted.contains(name) { relevant = true }
            } else {
                relevant = true
            }
            if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
            offset = nameStart + nameLength
        }
        return relevant
    }

    private func isRecursive(_ folder: String) -> Bool {
        recursive.contains { folder == $0 || folder.hasPrefix($0 + "/") }
    }

    private func watch(_ folder: String, recursively: Bool) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF
            | IN_MODIFY | IN_ATTRIB | IN_ONLYDIR)
        let added = inotify_add_watch(descriptor, folder, mask)
        guard added >= 0 else {
            if errno == ENOSPC { pollingReason = "inotify is out of watches (fs.inotify.max_user_watches)" }
            return
        }
        folders[added] = folder
        guard recursively, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var info = stat()
            // Links to folders are not followed, as the notes walk does not follow them.
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { watch(path, recursively: true) }
        }
    }
    #endif
}
