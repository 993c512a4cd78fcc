import Foundation
import Testing
@testable import DiaryKit

@Suite struct TemplateFramesTests {
    private func templates(_ files: [String: String]) throws -> Templates {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diary-frames-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try Templates(directory: folder.path)
    }

    private func context(title: String, content: TemplateValue, tags: [String], number: Int) -> [String: TemplateValue] {
        ["title": .string(title), "content": content, "tags": .list(tags.map(TemplateValue.string)),
         "empty": .string(number == 1 ? "" : "full"), "page": .map(["n": .int(number), "note": .string(title + "!")])]
    }

    @Test func framedPagesAreByteForByteTheDirectRender() throws {
        let templates = try self.templates([
            "page.mustache": """
                <h1 title="{{title}}">{{title}}</h1>{{#tags}}<i>{{.}}</i>{{/tags}}{{^tags}}none{{/tags}}
                  {{> part}}
                {{{content}}}{{#page}}n={{n}} {{note}}{{/page}}{{#empty}}never{{/empty}}{{^empty}}empty{{/empty}}

                """,
            "part.mustache": "one\n{{content}}\nthree\n",
        ])
        let contexts = [
            context(title: "First", content: "<p>a</p>\n", tags: ["x", "y"], number: 1),
            // Same shape (the body as bytes, as pages give it): every value differs, with characters that must be escaped and a marker look-alike.
            context(title: "Q&A <\"it's\">", content: .utf8(Array("<p>b &amp; c</p>\n<p>d</p>\n".utf8)), tags: ["<b>", "\u{F8FF}0&\u{F8FE}"], number: 1),
            context(title: "Third & last", content: "<p>e</p>\n", tags: ["z", "&amp;"], number: 1),
            // Another shape: no tags, content without a final newline, another number.
            context(title: "T", content: "plain", tags: [], number: 2),
            context(title: "U", content: "more plain", tags: [], number: 2),
            context(title: "V <i>", content: "plain 'too'", tags: [], number: 2),
        ]
        for context in contexts {
            let framed = String(decoding: templates.render("page", context), as: UTF8.self)
            #expect(framed == templates.renderDirectly("page", context))
        }
        #expect(templates.renderDirectly("page", contexts[1]).contains("<h1 title=\"Q&amp;A &lt;&quot;it&#39;s&quot;&gt;\">"))
        #expect(templates.renderDirectly("page", contexts[1]).contains("  one\n  &lt;p&gt;b &amp;amp; c&lt;/p&gt;\n&lt;p&gt;d&lt;/p&gt;\n  \n  three\n"))
        // swift-mustache treats an empty string as present: the shape keeps emptiness.
        #expect(templates.renderDirectly("page", contexts[0]).contains("never"))
        // Shapes are framed on their second page; the third is filled in.
        #expect(templates.frames?.framedShapes == 2)
    }

    @Test func templatesThatDependOnValuesRenderDirectly() throws {
        #expect(TemplateFrames.allowed(forTemplates: ["<p>{{title}}</p>{{> head}}{{{content}}}"]))
        #expect(!TemplateFrames.allowed(forTemplates: ["<p>{{uppercased(title)}}</p>"]))
        #expect(!TemplateFrames.allowed(forTemplates: ["{{> *layout}}"]))
        #expect(!TemplateFrames.allowed(forTemplates: ["{{=<% %>=}}<% title %>"]))
        #expect(!TemplateFrames.allowed(forTemplates: ["<p>\u{F8FF}</p>"]))

        let templates = try self.templates(["page.mustache": "<p>{{uppercased(title)}}</p>"])
        #expect(templates.frames == nil)
        let page = templates.render("page", ["title": "quiet"])
        #expect(String(decoding: page, as: UTF8.self) == "<p>QUIET</p>")
    }
}
