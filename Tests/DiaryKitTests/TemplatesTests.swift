import Calc
import Foundation
import Diagnostics
import Testing
@testable import DiaryKit

@Suite struct TemplatesTests {
    private var templatesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
    }

    @Test func builtInDefaultsAreTheRepositoryTemplates() throws {
        for (name, text) in Templates.builtIn {
            let file = try String(contentsOf: templatesFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(file == text, "\(name) differs from templates/\(name)")
        }
    }

    @Test func aBrokenTemplateIsALocatedError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diary-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<html>\n{{#items}}\n<p>{{name}}</p>\n".write(to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        do throws(FileDiagnostics) {
            _ = try Templates(directory: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.file.path.hasSuffix("page.mustache"))
            #expect(error.diagnostics.first?.message == "template error: a section is not closed")
        }
    }

    @Test func aFolderOverridesFileByFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diary-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<footer>mine {{today}}</footer>".write(to: folder.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
        let renderer = try Fixture.renderer(.html, templates: folder.path)
        let page = try renderer.output(try Fixture.note("# Hi")).get()
        #expect(page.contains("<footer>mine 2026-11-26</footer>"))
        #expect(page.contains("<h1 class=\"note-title\">Hi</h1>"))
    }
}
