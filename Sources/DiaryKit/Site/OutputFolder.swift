import CFileSwap
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a run publishes to, replaced as a whole and atomically.
///
/// The new site is built in a staging folder beside it: files whose bytes did not change
/// are hard links to the published ones (so their modification times stay), files diary
/// did not write (a `CNAME`, a git worktree's `.git`) are carried over, pages of deleted
/// notes are dropped. Then one atomic exchange publishes it. A failure or a `kill -9` at
/// any moment leaves either the old site or the new one, complete. A lock next to the
/// folder keeps two runs from publishing at once.
public struct OutputFolder: Sendable {
    /// What a publish did.
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        /// Nothing differed, so nothing was touched.
        public var isUnchanged: Bool { written == 0 && removed == 0 }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The list of files diary wrote, kept inside the folder.
    static let manifestName = ".diary-manifest"

    public let path: String
    private let parent: String
    private let name: String

    /// A folder named by a symbolic link is the link's target: the site is published
    /// there, and the link stays.
    public init(path: String) {
        let absolute = NoteSource.absolute(path)
        self.path = absolute
        parent = (absolute as NSString).deletingLastPathComponent
        name = (absolute as NSString).lastPathComponent
    }

    var lockPath: String { parent + "/." + name + ".lock" }
    var stagingPrefix: String { parent + "/." + name + ".staging-" }

    /// Why this folder cannot receive a site rendered from `notes` (the paths given to
    /// `render`), or nil: publishing replaces the folder as a whole, so it must not be the
    /// current folder or hold the notes, and it must not be a file.
    public func problem(publishing notes: [String]) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            return "\(path) is a file; --out names the folder to write the site into"
        }
        if path == "/" { return "--out / would replace the whole file system" }
        let working = NoteSource.absolute(FileManager.default.currentDirectoryPath)
        if working == path || working.hasPrefix(path + "/") {
            return "--out \(path) would replace the current folder; name a folder of its own, such as site/"
        }
        for note in notes {
            let folder = NoteSource.absolute(note)
            if folder == path || folder.hasPrefix(path + "/") {
                return "--out \(path) would replace the notes in \(note); name another folder, such as site/"
            }
        }
        return nil
    }

    /// Publishes exactly `files` (relative path → bytes), waiting up to `wait` seconds
    /// for another run's lock.
    public func publish(_ files: [String: [UInt8]], wait: Double = 10) throws(Failure) -> Summary {
        for relative in files.keys where !Self.isSafe(relative) {
            throw Failure(description: "refusing to write '\(relative)' outside \(path)")
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(parent): \(error.localizedDescription)")
        }
        let lock = try acquireLock(wait: wait)
        defer { close(lock) }
        removeLeftoverStaging()

        let fileManager = FileManager.default
        let oldManifest = readManifest()
        var summary = Summary()
        var unchanged: Set<String> = []
        for (relative, bytes) in files {
            if FileBytes.file(path + "/" + relative, holds: bytes) {
                unchanged.insert(relative)
            }
        }
        summary.unchanged = unchanged.count
        summary.written = files.count - unchanged.count
        summary.removed = oldManifest.subtracting(files.keys).filter { fileManager.fileExists(atPath: path + "/" + $0) }.count
        let manifest = Self.manifestText(files.keys)
        let manifestUnchanged = FileBytes.file(path + "/" + Self.manifestName, holds: Array(manifest.utf8))
        if summary.isUnchanged, manifestUnchanged { return summary }

        let staging = stagingPrefix + String(getpid())
        do {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var folders: Set<String> = []
            // One thread: ext4 serialises creating files in a folder, and was slower with two.
            for (relative, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let target = staging + "/" + relative
                let folder = (relative as NSString).deletingLastPathComponent
                if !folder.isEmpty, folders.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
                }
                if unchanged.contains(relative) {
                    try linkOrCopy(path + "/" + relative, to: target)
                } else if !FileBytes.write(bytes, to: target) {
                    throw Failure(description: "cannot write \(target): \(String(cString: strerror(errno)))")
                }
            }
            try carryOverForeignFiles(into: staging, skipping: oldManifest.union(files.keys))
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: staging + "/" + Self.manifestName))
            try swapIn(staging)
        } catch let failure as Failure {
            try? fileManager.removeItem(atPath: staging)
            throw failure
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
        }
        return summary
    }

    /// Relative, and never climbing out of the folder.
    static func isSafe(_ relative: String) -> Bool {
        !relative.isEmpty && !relative.hasPrefix("/") && relative != manifestName
            && !relative.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    static func manifestText(_ paths: some Sequence<String>) -> String {
        paths.sorted().map { $0 + "\n" }.joined()
    }

    private func readManifest() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path + "/" + Self.manifestName) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    // MARK: Lock

    private func acquireLock(wait: Double) throws(Failure) -> Int32 {
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "cannot create the lock file \(lockPath)") }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(descriptor)
                throw Failure(description: "another diary run is writing \(path) (lock \(lockPath) held); waited \(String(format: "%g", wait)) s, try again later")
            }
            usleep(50_000)
        }
        return descriptor
    }

    // MARK: Staging

    /// Staging folders of runs that were killed: the lock says none is running now.
    private func removeLeftoverStaging() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let prefix = (stagingPrefix as NSString).lastPathComponent
        for leftover in names where leftover.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: parent + "/" + leftover)
        }
    }

    /// A hard link keeps the published file's inode, so its modification time stays.
    private func linkOrCopy(_ source: String, to target: String) throws {
        if link(source, target) == 0 { return }
        try FileManager.default.copyItem(atPath: source, toPath: target)
        if let date = (try? FileManager.default.attributesOfItem(atPath: source))?[.modificationDate] {
            try? FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: target)
        }
    }

    /// Files in the published folder that diary never wrote.
    private func carryOverForeignFiles(into staging: String, skipping ours: Set<String>) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: path) else { return }
        while let relative = enumerator.nextObject() as? String {
            guard relative != Self.manifestName, !ours.contains(relative) else { continue }
            let source = path + "/" + relative, target = staging + "/" + relative
            let attributes = try fileManager.attributesOfItem(atPath: source)
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                continue // created when a file inside needs it
            case .typeSymbolicLink?:
                try fileManager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fileManager.createSymbolicLink(atPath: target, withDestinationPath: try fileManager.destinationOfSymbolicLink(atPath: source))
            default:
                try fileManager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try linkOrCopy(source, to: target)
            }
        }
    }

    /// Publishes `staging` as the folder in one step, then removes the old folder.
    private func swapIn(_ staging: String) throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
            guard rename(staging, path) == 0 else { throw Failure(description: "cannot publish \(path): \(String(cString: strerror(errno)))") }
            return
        }
        guard isFolder.boolValue else { throw Failure(description: "\(path) exists and is not a folder") }
        if diary_swap_paths(staging, path) == 0 {
            // The old site is now at the staging path.
            try? fileManager.removeItem(atPath: staging)
            return
        }
        // No atomic exchange here (another system or file system): two renames.
        let old = staging + ".old"
        guard rename(path, old) == 0 else { throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))") }
        guard rename(staging, path) == 0 else {
            _ = rename(old, path)
            throw Failure(description: "cannot publish \(path): \(String(cString: strerror(errno)))")
        }
        try? fileManager.removeItem(atPath: old)
    }
}
