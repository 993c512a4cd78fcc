import Testing
@testable import DiaryKit

@Suite struct MarkdownWriterTests {
    @Test func onlyPlaceholdersChange() throws {
        let original = try Fixture.originalNote
        let output = try Fixture.markdown(original).get()
        let expected = original
            .replacingOccurrences(of: "{{DATE_PRETTY}}", with: "Thursday, November 26, 2026")
            .replacingOccurrences(of: "{{DAY_SINCE_2025_08_18}}", with: "465")
            .replacingOccurrences(of: "{{DAYS_SINCE_REPO_START}}", with: "329")
        #expect(output == expected)
    }

    @Test func frontMatterMathAndEscapesAreCopied() throws {
        let text = "---\ntitle: \"{{DATE}}\"\n---\n$x_{1}$ \\{{DATE}} `{{DATE}}` {{ DATE }}\n<b>\\{{x}}</b>\n\n<div>\n\\{{x}}\n</div>\n"
        // In markdown `\{{` reads as `{{`; an HTML block has no escapes, so there it loses the backslash.
        #expect(try Fixture.markdown(text).get() == "---\ntitle: \"{{DATE}}\"\n---\n$x_{1}$ \\{{DATE}} `{{DATE}}` 2026-11-26\n<b>\\{{x}}</b>\n\n<div>\n{{x}}\n</div>\n")
    }

    @Test func valuesAreEscapedForMarkdown() throws {
        var config = Config()
        config.dateFormat = "'*|$'yyyy"
        let output = try Fixture.markdown("| {{DATE_PRETTY}} |\n|---|\n", context: Fixture.context(config: config)).get()
        #expect(output == "| \\*\\|\\$2026 |\n|---|\n")
    }
}
