import Calc
import Foundation
import Diagnostics
import Mustache
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

    /// Only the stylesheet's lines from its first tag to its last are parsed: the output is
    /// the whole template's, and an error's line is the file's.
    @Test func theStylesheetRendersAsAWholeTemplate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diary-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("style.css")
        let cases = [
            "a {}\nb {}\n{{#math_font}}\n@font-face { src: url(\"{{math_font}}\"); }\n{{/math_font}}\nc {}\n",
            "{{#math_font}}x{{/math_font}}\nrest\n", "no tags\n", "a\n  {{math_font}}  \nb", "{{=<% %>=}}\na <%math_font%> b\n",
            "x\n{{! a comment }}\ny {{math_font}}\n{{^math_font}}none{{/math_font}}\nz\n",
        ]
        for text in cases {
            try text.write(to: file, atomically: true, encoding: .utf8)
            let templates = try Templates(directory: folder.path)
            for font in ["fonts/m.otf", nil] {
                // As Templates parses every template: its content type's pragma first.
                let whole = try MustacheTemplate(string: "{{% CONTENT_TYPE: DIARY_HTML }}" + text).render(font.map { ["math_font": $0] } ?? [:])
                #expect(templates.stylesheet(mathFont: font) == whole, "\(text)")
            }
        }
        try "a {}\nb {}\n{{#math_font}}\nc\n".write(to: file, atomically: true, encoding: .utf8)
        do throws(FileDiagnostics) {
            _ = try Templates(directory: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered().hasPrefix("\(file.path):5:1: error: template error: a section is not closed"), "\(error.rendered())")
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
