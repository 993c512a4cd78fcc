import Foundation
import Testing

/// DiaryKit's folders depend on each other in one direction (README, Layout):
/// Support ← Document ← Markdown ← Evaluate ← Output ← Site, with Math using Support
/// alone and Output using Math. A type declared in a folder may be named only in that
/// folder and in the folders allowed to use it.
@Suite struct LayerTests {
    /// Each folder and the folders it may use directly.
    static let uses: [String: Set<String>] = [
        "Support": [],
        "Document": ["Support"],
        "Markdown": ["Document"],
        "Evaluate": ["Markdown"],
        "Math": ["Support"],
        "Output": ["Evaluate", "Math"],
        "Site": ["Output"],
    ]

    /// The folders a folder may use, directly or through another.
    static func reachable(from folder: String) -> Set<String> {
        var seen: Set<String> = [folder]
        var queue = [folder]
        while let next = queue.popLast() {
            for used in uses[next, default: []] where seen.insert(used).inserted { queue.append(used) }
        }
        return seen
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/DiaryKit")

    /// The Swift files of each folder, as code without comments and string literals.
    static func sources() throws -> [(folder: String, file: String, code: String)] {
        var result: [(String, String, String)] = []
        for folder in uses.keys.sorted() {
            let url = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator where file.pathExtension == "swift" {
                result.append((folder, file.lastPathComponent, strip(try String(contentsOf: file, encoding: .utf8))))
            }
        }
        return result
    }

    /// Code with `//` comments and string literals blanked, so that prose never counts as
    /// a use (a `"""` toggles three times, so multi-line strings are blanked too).
    static func strip(_ text: String) -> String {
        var out = ""
        var inString = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var previous: Character = " "
            var skipRest = false
            for character in line where !skipRest {
                if !inString, character == "/", previous == "/" {
                    out.removeLast()
                    skipRest = true
                    continue
                }
                if character == "\"", previous != "\\" { inString.toggle() }
                out.append(inString ? " " : character)
                previous = character
            }
            out.append("\n")
        }
        return out
    }

    @Test func foldersUseOnlyTheLayersBelowThem() throws {
        let files = try Self.sources()
        #expect(files.count > 40)
        // Types declared at the top level of each folder's files.
        var owner: [String: String] = [:]
        let declaration = /^(?:public |private |fileprivate |final |indirect |public final |package )*(?:struct|enum|class|protocol|actor|typealias) ([A-Z][A-Za-z0-9]*)/
            .anchorsMatchLineEndings()
        for (folder, _, code) in files {
            for match in code.matches(of: declaration) { owner[String(match.output.1)] = folder }
        }
        #expect(owner["Note"] == "Document" && owner["Escaping"] == "Support" && owner["HTMLBodyWriter"] == "Output")
        var violations: [String] = []
        let identifier = /\b[A-Z][A-Za-z0-9]*\b/
        for (folder, file, code) in files {
            let allowed = Self.reachable(from: folder)
            let used = Set(code.matches(of: identifier).map { String($0.output) })
            for name in used.sorted() {
                if let home = owner[name], !allowed.contains(home) { violations.append("\(folder)/\(file) uses \(name) from \(home)") }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
