import Calc
import Foundation

/// A note file found on disk, before it is read.
public struct NoteSource: Sendable, Equatable {
    /// The path as given or found (printed in diagnostics).
    public var path: String
    /// Path relative to the folder it was found in (`2026/bn.md`), `/`-separated.
    public var relativePath: String

    /// Every `*.md` file under the given paths: a file stands for itself, a folder is
    /// walked recursively; hidden files and folders are skipped. Sorted by relative path.
    public static func collect(_ paths: [String]) throws(UsageError) -> [NoteSource] {
        var sources: [NoteSource] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("no such file or folder: \(path)")
            }
            if !isDirectory.boolValue {
                sources.append(NoteSource(path: path, relativePath: (path as NSString).lastPathComponent))
                continue
            }
            let root = path.hasSuffix("/") ? String(path.dropLast()) : path
            guard let enumerator = fileManager.enumerator(atPath: root) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if name.hasSuffix(".md") { found.append(relative) }
            }
            for relative in found.sorted() {
                var isFolder: ObjCBool = false
                let full = root.isEmpty ? relative : root + "/" + relative
                if fileManager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                    sources.append(NoteSource(path: full, relativePath: relative))
                }
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

    /// Reads and splits the note.
    public func read() throws(FileDiagnostics) -> Note {
        guard let data = FileManager.default.contents(atPath: path) else {
            let file = SourceFile(path: path, text: "")
            throw FileDiagnostics(file, [.error("cannot read the file", at: 0..<0)])
        }
        var note = try Note(path: path, relativePath: relativePath, bytes: [UInt8](data))
        note.modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return note
    }
}

/// A mistake in how the tool was called (exit status 2), not in a note.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
