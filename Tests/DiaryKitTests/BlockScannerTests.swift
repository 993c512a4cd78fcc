import Testing
@testable import DiaryKit

/// The block scanner must report what cmark-gfm's block parser reports, or decline.
@Suite struct BlockScannerTests {
    private func cmarkStructure(_ note: Note) -> [MarkdownBlock] {
        let document = MarkdownDocument(parsing: Array(note.body.utf8), options: [.sourcePositions, .footnotes], extensions: [])
        return BlockMap.structure(of: document.blocks())
    }

    static let notes: [String] = [
        "---\ntitle: T\n---\n# Heading\n\ntext $x$\n\n```calc\nx = 1\n```\n\n```python\nprint(1)\n```\n",
        "- item\n\n  ```calc\n  y = 2\n  ```\n- next\n  ~~~\n  code\n  ~~~\n",
        "> quote\nlazy line\n> ```\n> in quote\n> ```\n\n> > nested\n",
        "para\n    not code (continuation)\n\n    indented code\n\n    more\n\n\ntext\n",
        "<div>\n*html*\n</div>\n\n<!-- a\ncomment -->\nafter\n\n<script>\nx < 1\n</script>\n",
        "<custom-tag attr=\"1\">\nraw\n\ntext <span>inline</span>\n",
        "1. one\n2. two\n\n   ```\n   in item\n   ```\n\n10) ten\n",
        "Text[^1].\n\n[^1]: A footnote\n    with more\n\n    and a paragraph\n",
        "````\n```\nnested fence\n````\n\n```\nunclosed at the end\n",
        "- a\n  - b\n    ```\n    deep\n    ```\n  - c\n\n* * *\n---\nSetext\n===\n",
        "- ```\n  in item\n- after\n",
        // Fuzz findings: on a lazy line an empty item, a list starting at 5 and an HTML
        // tag start blocks of their own (cmark-gfm's paragraph-interruption rules apply only
        // to a paragraph of the innermost matched container).
        "> quote $a$\n-\n iem {{ x }}\n  - nested\n",
        "> a\n1986. x\n",
        "> a\n<span>x\n",
        // Control characters are not letters: `<\u{01}--` opens no comment.
        "<\u{01}--",
        "<script>\nx\n<\u{0F}script>\n\ntext\n",
        "    2\n     ",
        "    2\n     \n",
        "    2\n        x",
        "    chunk1\n      \n      chunk2\n\n  \n    \n",
        "<?>\nx\n", "<!-->\nx\n", "<!--->\nx\n", "<?",
        // A footnote label may hold `[` and `\`; a definition ends a lazy quote.
        ">q\n[^[]:", "> q\n[^a\\b]: x\n",
        // An empty item continues through a blank line only with its indentation.
        "*\n  \n    *", "*\n\n    *\n", "-\n   \n  x\n", "1.\n\n   x\n",
        // A footnote definition continues on an empty line, not on one of a few spaces.
        "[^2]:\n \n    l", "x[^2]\n\n[^2]: a\n   \n    code\n", "x[^2]\n\n[^2]: a\n\n    b\n", "- [^1]: a\n  \n      b\n",
        // A closing fence may be followed by tabs.
        "```\n```\t", "~~~\nx\n~~~ \t \ny\n",
    ]

    @Test(arguments: notes)
    func agreesWithCmarkGFM(_ text: String) throws {
        let note = try Fixture.note(text)
        let scanned = try #require(BlockScanner.blocks(in: note), "declined a note it should read")
        #expect(BlockMap.structure(of: scanned) == cmarkStructure(note))
    }

    @Test func declinesWhatItDoesNotModel() throws {
        #expect(BlockScanner.blocks(in: try Fixture.note("-\tfoo\n")) == nil)
        #expect(BlockScanner.blocks(in: try Fixture.note("text\r\nmore\r\n")) == nil)
        #expect(BlockScanner.blocks(in: try Fixture.note("```py&amp;\nx\n```\n")) == nil)
        // cmark-gfm's HTML rules take a vertical tab or a form feed as a space (a fuzz finding).
        #expect(BlockScanner.blocks(in: try Fixture.note("<p\u{0B}\nx\n")) == nil)
        #expect(BlockScanner.blocks(in: try Fixture.note("<a\u{0C}b=\"1\">\nx\n")) == nil)
    }

    /// Highlighted code and cells replace a fence's content in the text the HTML writer
    /// parses: the scanner's map is still confirmed, so the note is written once.
    @Test func replacedFencesAreConfirmedWithoutAFallback() throws {
        let renderer = try Fixture.renderer(.html)
        let text = "# T\n\n```python\nx = 1\n```\n\n```calc\ny = 2\n```\n\n```math\nx^2\n```\n\n> ```json\n> {}\n> ```\n"
        _ = try renderer.render(try Fixture.note(text)).get()
        #expect(renderer.blockMapStatistics.scanned == 1)
        #expect(renderer.blockMapStatistics.fellBack == 0)
    }

    @Test func aBlockMapThatDisagreesWithTheParseIsCaught() throws {
        let note = try Fixture.note("# T\n\n```calc\nx = 1\n```\n\n    code\n")
        var blocks = try #require(BlockScanner.blocks(in: note))
        let renderer = try Fixture.renderer(.html)
        let provider = BlockMapProvider()
        func confirmed(_ blocks: [MarkdownBlock]) -> Bool {
            let mapping = BlockMapProvider.Mapping(map: BlockMap(note: note, blocks: blocks), unconfirmed: blocks)
            let map = mapping.map
            let scan = ProseScanner.scan(file: note.file, map: map)
            let evaluation = NoteEvaluator(context: Fixture.context(), note: note).evaluate(scan, map: map)
            let written = renderer.writer.write(EvaluatedNote(note: note, map: map, scan: scan, evaluation: evaluation))
            return provider.confirms(mapping, parsed: written.parsedBlocks, replaced: renderer.writer.replacesContent)
        }
        #expect(confirmed(blocks))
        // Claim the indented code is one line longer than it is.
        blocks[blocks.count - 1].endLine += 1
        #expect(!confirmed(blocks))
        // The public entry point still renders the note right.
        let page = try renderer.output(note).get()
        #expect(page.contains("<pre><code>code\n</code></pre>"))
    }
}

/// Findings of `make fuzz`, kept as regressions.
@Suite struct FuzzFindingTests {
    /// A fence that the end of its block quote closes: cmark-gfm reports it one line too
    /// long, over the HTML block after it; the map takes the lines from the literal.
    @Test func aFenceClosedByItsQuoteEndsWhereItsLiteralEnds() throws {
        let text = "> qu$ doea$\n> ```calc\n> d `code {{x}}`\n<div>{{ DATE }}</div>\n"
        let note = try Fixture.note(text)
        let map = BlockMapProvider.parsedMap(of: note)
        #expect(map.codeBlocks.first?.lines == 2...3)
        #expect(map.kind(ofLine: 4) == .html)
        let result = try Fixture.renderer(.html).render(note)
        guard case .failure(let diagnostics) = result else { Issue.record("expected the cell's error"); return }
        #expect(diagnostics.rendered().contains("notes/test.md:3:5: error: unexpected character '`'"))
        var renderer = try Fixture.renderer(.html)
        renderer.keepGoing = true
        #expect(try renderer.render(note).get().bodyText.contains("<div>2026-11-26</div>"))
    }

    /// cmark-gfm reads NUL as U+FFFD; the scanner leaves such notes to it.
    /// cmark-gfm drops an unreferenced footnote definition with the blocks in it; the
    /// scanner leaves notes with blocks in a footnote definition to the parser.
    @Test func blocksInFootnoteDefinitionsAreLeftToTheParser() throws {
        for text in ["[^1]:>", "[^1]: > quote\n", "[^1]:\n    ```\n    code\n    ```\n", "Text[^1].\n\n[^1]: note\n\n        code\n"] {
            #expect(BlockScanner.blocks(in: try Fixture.note(text)) == nil, "\(text)")
        }
        // A footnote of plain text is read as usual.
        #expect(BlockScanner.blocks(in: try Fixture.note("Text[^1].\n\n[^1]: A footnote.\n")) != nil)
    }

    @Test func notesWithNULAreLeftToTheParser() throws {
        let note = try Fixture.note("```calc\nx = 2\n\u{0}\u{0}{ x }}\n```\n")
        #expect(BlockScanner.blocks(in: note) == nil)
    }
}
