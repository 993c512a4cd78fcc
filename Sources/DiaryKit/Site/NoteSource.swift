import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A note file found on disk, before it is read.
public struct NoteSource: Sendable, Equatable {
    /// The path as given or found (printed in diagnostics).
    public var path: String
    /// Path relative to the folder it was found in (`2026/bn.md`), `/`-separated.
    public var relativePath: String

    /// Every `*.md` file under the given paths: a file stands for itself, a folder is
    /// walked recursively; hidden files and folders are skipped, and so is `excluding`
    /// (the output folder, when it lies inside the notes). Sorted by relative path.
    public static func collect(_ paths: [String], excluding excluded: String? = nil) throws(UsageError) -> [NoteSource] {
        var sources: [NoteSource] = []
        let fileManager = FileManager.default
        let excludedPath = excluded.map(Self.absolute)
        for path in paths {
            var isDirectory: ObjCBool = false
            guard !path.isEmpty, fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("no such file or folder: '\(path)'")
            }
            if !isDirectory.boolValue {
                guard path.hasSuffix(".md") else { throw UsageError("\(path) is not a note: notes are markdown files ending in .md") }
                sources.append(NoteSource(path: path, relativePath: (path as NSString).lastPathComponent))
                continue
            }
            let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            var found: [String] = []
            walk(root, "", skipping: excludedPath, into: &found)
            for relative in found.sorted() {
                sources.append(NoteSource(path: root.isEmpty ? relative : root + "/" + relative, relativePath: relative))
            }
        }
        var seen: [String: String] = [:]
        for source in sources {
            if let other = seen[source.relativePath] {
                throw UsageError("'\(other)' and '\(source.path)' would both be written as '\(source.relativePath)'")
            }
            seen[source.relativePath] = source.path
        }
        return sources.sorted { $0.relativePath < $1.relativePath }
    }

    /// The `.md` files under `root/relative`, skipping hidden names. Symbolic links to
    /// files count; links to folders are not followed (no cycles).
    private static func walk(_ root: String, _ relative: String, skipping excluded: String?, into found: inout [String]) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                let full = folder.isEmpty ? name : folder + "/" + name
                let isLink = type == Int32(DT_LNK)
                guard stat(full, &info) == 0 else { continue }
                let isFolder = info.st_mode & S_IFMT == S_IFDIR
                type = isFolder ? (isLink ? Int32(DT_LNK) : Int32(DT_DIR)) : Int32(DT_REG)
            }
            if type == Int32(DT_DIR) {
                let full = folder.isEmpty ? name : folder + "/" + name
                if let excluded, absolute(full) == excluded { continue }
                walk(root, path, skipping: excluded, into: &found)
            } else if type == Int32(DT_REG), name.hasSuffix(".md") {
                found.append(path)
            }
        }
    }

    /// A path made absolute and standard (no `.`, `..` or trailing `/`), symbolic links
    /// resolved: what two spellings of one folder have in common.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Reads and splits the note.
    public func read() throws(FileDiagnostics) -> Note {
        guard let (bytes, modified) = FileBytes.read(path) else {
            let file = SourceFile(path: path, text: "")
            throw FileDiagnostics(file, [.error("cannot read the file", at: 0..<0)])
        }
        var note = try Note(path: path, relativePath: relativePath, bytes: bytes)
        note.modified = modified
        return note
    }
}

/// A mistake in how the tool was called (exit status 2), not in a note.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
