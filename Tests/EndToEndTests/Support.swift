import Foundation
import Testing

/// Runs the built `diary` binary, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `diary` sits next to the test bundle in the build folder.
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("diary").path,
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("diary").path
            } ?? "",
            packageRoot.appendingPathComponent(".build/debug/diary").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        try Shell.run(binary, arguments, in: directory, environment: environment)
    }
}

enum Shell {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    environment: [String: String] = [:]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // stderr goes to a file, so neither stream can fill up and block the child.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("diary-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        return CLI.Result(status: process.terminationStatus,
                          stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }

    static func git(_ arguments: [String], in directory: URL, date: String = "2025-08-18T09:00:00+00:00") throws {
        let result = try run("git", arguments, in: directory, environment: [
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org",
            "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.org",
        ])
        if result.status != 0 { throw ShellError(message: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
    }
}

struct ShellError: Error, CustomStringConvertible { var message: String; var description: String { message } }

/// A temporary folder with files, optionally a git repository, removed afterwards.
final class Workspace {
    let url: URL

    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("diary-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path) }

    /// `git init` and one commit of everything, authored at `date`.
    func commitAll(date: String) throws {
        try Shell.git(["init", "-q", "-b", "main"], in: url)
        try Shell.git(["add", "-A"], in: url)
        try Shell.git(["commit", "-q", "-m", "first"], in: url, date: date)
    }

    /// Every file under the folder with its bytes and modification time.
    func snapshot(_ folder: String) throws -> [String: (Data, Date)] {
        var result: [String: (Data, Date)] = [:]
        let root = url.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let path = root.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            result[relative] = (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as? Date ?? .distantPast)
        }
        return result
    }

    /// Inode and modification time of every file: what "not rewritten" means.
    func inodes(_ folder: String) throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        let root = url.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(relative).path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[relative] = [(attributes[.systemFileNumber] as? Int) ?? -1, Int(modified * 1_000_000)]
        }
        return result
    }

    /// Every file's bytes.
    func contents(_ folder: String) throws -> [String: Data] {
        try snapshot(folder).mapValues(\.0)
    }

    static var originalNote: String {
        get throws { try String(contentsOf: CLI.packageRoot.appendingPathComponent("notes/batch-norm-test-time.md"), encoding: .utf8) }
    }
}

func sameSnapshot(_ a: [String: (Data, Date)], _ b: [String: (Data, Date)]) -> Bool {
    a.count == b.count && a.allSatisfy { key, value in b[key].map { $0.0 == value.0 && $0.1 == value.1 } ?? false }
}

