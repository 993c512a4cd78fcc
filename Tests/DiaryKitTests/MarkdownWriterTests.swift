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

@Suite struct OriginalNoteTests {
    /// The diary's first note stays byte-for-byte what its author wrote (FNV-1a of the
    /// file `000_df9cb008cf61f6c4.txt` it was created from).
    @Test func theOriginalNoteIsUnchanged() throws {
        let bytes = Array(try Fixture.originalNote.utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        #expect(bytes.count == 2323)
        #expect(hash == 0xec0b_7121_8c7e_db21)
    }
}
