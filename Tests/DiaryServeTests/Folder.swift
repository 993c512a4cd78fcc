import Foundation

/// A temporary diary folder for a test.
struct Folder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("diary-serve-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
        try FileManager.default.createDirectory(at: url.appendingPathComponent("notes"), withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes as editors do: a new file renamed over the old one.
    func write(_ relative: String, _ text: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).swp")
        try Data(text.utf8).write(to: temporary)
        _ = rename(temporary.path, target.path)
    }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(at: url.appendingPathComponent(relative)) }

    func delete() { try? FileManager.default.removeItem(at: url) }
}
