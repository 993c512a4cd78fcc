import Calc
import Testing
@testable import DiaryKit

/// Calc cells inside notes: order, scope, options, output and located errors.
@Suite struct CellTests {
    @Test func markdownKeepsEveryByteButAddsResultTables() throws {
        let note = """
        ---
        title: T
        ---
        Before: {{ 1 + 1 }}.

        ```calc
        x = [1.5, 2, 4]
        mean(x)
        for v in x { row(v = v, twice = 2 * v) }
        ```
        After: {{ round(mean(x), 2) }} and {{ x }}.

        """
        #expect(try Fixture.markdown(note).get() == """
        ---
        title: T
        ---
        Before: 2.

        ```calc
        x = [1.5, 2, 4]
        mean(x)
        for v in x { row(v = v, twice = 2 * v) }
        ```

        `mean(x)` = 2.5

        | v | twice |
        |---:|---:|
        | 1.5000 | 3 |
        | 2.0000 | 4 |
        | 4.0000 | 8 |

        After: 2.5 and \\[1.5, 2, 4\\].

        """)
    }

    @Test func optionsHideSourceOrOutputAndSetDigits() throws {
        let hidden = try Fixture.markdown("a\n\n```calc echo=false digits=2\n1/3\n```\nb\n").get()
        #expect(hidden == "a\n\n`1/3` = 0.33\nb\n")
        let silent = try Fixture.markdown("```calc output=false\ny = 2\ny\n```\n{{ y }}\n").get()
        #expect(silent == "```calc output=false\ny = 2\ny\n```\n2\n")
        let html = try Fixture.bodyHTML("```calc echo=false\n[1, 2]\n```\n")
        #expect(html == """
        <div class="calc-cell">
        <div class="calc-output">
        <table class="calc-table">
        <thead>
        <tr><th class="num"></th><th class="num">[1, 2]</th></tr>
        </thead>
        <tbody>
        <tr><td class="num">0</td><td class="num">1</td></tr>
        <tr><td class="num">1</td><td class="num">2</td></tr>
        </tbody>
        </table>
        </div>
        </div>

        """)
    }

    @Test func errorsPointAtTheNotesOwnLineAndColumn() throws {
        let note = """
        ---
        title: located
        ---
        Intro.

        > Quoted cell:
        > ```calc
        > values = [1, 2, 3]
        > mu = maen(values)
        > ```

        - item
          ```calc digits=2
          s = values + [1, 2]
          ```
        """
        #expect(try Fixture.errors(note) == """
        notes/test.md:9:8: error: unknown function 'maen'; did you mean 'mean'?
        > mu = maen(values)
               ^~~~
        notes/test.md:14:14: error: shapes (3,) and (2,) do not match for +
          s = values + [1, 2]
                     ^

        """)
    }

    @Test func badCellOptionsAreErrorsOnTheFence() throws {
        #expect(try Fixture.errors("```calc ecko=false\n1\n```\n") == """
        notes/test.md:1:1: error: unknown cell option 'ecko'; did you mean 'echo'?
        ```calc ecko=false
        ^~~~~~~~~~~~~~~~~~
        note: options: echo=false, output=false, digits=N

        """)
    }

    @Test func valuesSeeOnlyTheCellsAbove() throws {
        #expect(try Fixture.errors("{{ late }}\n\n```calc\nlate = 1\n```\n{{ late }}\n") == """
        notes/test.md:1:4: error: unknown name 'late'
        {{ late }}
           ^~~~

        """)
    }

    @Test func aFailedCellReportsItsErrorOnceNotItsConsequences() throws {
        let note = "```calc\nmu = maen([1, 2])\n```\n{{ mu }}\n\n```calc\nmu * 2\n```\n{{ DATE_PRETY }}\n"
        let errors = try Fixture.errors(note)
        #expect(errors.components(separatedBy: "error:").count - 1 == 2)
        #expect(errors.contains("unknown function 'maen'"))
        #expect(errors.contains("unknown name 'DATE_PRETY'; did you mean 'DATE_PRETTY'?"))
    }

    @Test func keepGoingRendersErrorBoxes() throws {
        var renderer = try Fixture.renderer(.html)
        renderer.keepGoing = true
        let note = try Fixture.note("```calc\nx = [1, 2] + [1, 2, 3]\n```\nvalue {{ x }}\n")
        let rendered = try renderer.render(note).get()
        #expect(rendered.errors.count == 1)
        #expect(rendered.bodyText.contains("<div class=\"calc-error\" role=\"alert\"><strong>Error</strong> at notes/test.md:2:12: shapes (2,) and (3,) do not match for +</div>"))
        #expect(rendered.bodyText.contains("<p>value <span class=\"calc-error\" role=\"alert\">unknown name &#39;x&#39;</span></p>") ||
                rendered.bodyText.contains("<p>value <span class=\"calc-error\" role=\"alert\">unknown name 'x'</span></p>"))
        var markdown = try Fixture.renderer(.markdown)
        markdown.keepGoing = true
        let text = try markdown.output(note).get()
        #expect(text.contains("> **Error** at notes/test.md:2:12: shapes (2,) and (3,) do not match for +"))
        // Without --keep-going the same note fails.
        let strict = try Fixture.renderer(.html).render(note)
        guard case .failure = strict else { Issue.record("expected a failure"); return }
    }

    @Test func tableCellsNeverSplitARow() throws {
        let output = try Fixture.markdown("```calc echo=false\ntable(name = [\"a|b\", \"`c`\"], n = [1, 2])\n```\n").get()
        #expect(output == "| name | n |\n|---|---:|\n| a\\|b | 1 |\n| \\`c\\` | 2 |\n")
    }

    @Test func highlighting() {
        #expect(Highlighter.html("x = mean([1, 2]) # avg\nif x > 1 { print(\"<b>\") }") ==
            "x <span class=\"tok-op\">=</span> <span class=\"tok-fn\">mean</span>([<span class=\"tok-num\">1</span>, <span class=\"tok-num\">2</span>]) <span class=\"tok-com\"># avg</span>\n<span class=\"tok-kw\">if</span> x <span class=\"tok-op\">&gt;</span> <span class=\"tok-num\">1</span> { <span class=\"tok-fn\">print</span>(<span class=\"tok-str\">&quot;&lt;b&gt;&quot;</span>) }")
        #expect(Highlighter.html("x = \"open") == "x = &quot;open")
    }
}
