import Calc
import Diagnostics
import Testing
@testable import DiaryKit

@Suite struct NoteTests {
    @Test func splitsFrontMatterAndKeepsDatesAsCalendarDates() throws {
        let note = try Fixture.note("---\ntitle: Batch norm\ndate: 2026-11-26\ntags: [ml, bn]\ndraft: false\ndigits: 2\nmood: curious\n---\n# Body\n")
        #expect(note.frontMatter.title == "Batch norm")
        #expect(note.frontMatter.date?.description == "2026-11-26")
        #expect(note.frontMatter.tags == ["ml", "bn"])
        #expect(note.frontMatter.digits == 2)
        #expect(note.frontMatter.values?["mood"]?.text == "curious")
        #expect(note.body == "# Body\n")
        #expect(note.file.line(of: note.bodyStart) == 9)
    }

    @Test func timestampsKeepTheirWrittenDate() throws {
        // Read as an instant, 00:30 at +02:00 would be the 25th in UTC.
        let note = try Fixture.note("---\ndate: 2026-11-26T00:30:00+02:00\n---\nx")
        #expect(note.frontMatter.date?.description == "2026-11-26")
    }

    @Test func dateFromFileNamePrefix() throws {
        let note = try Fixture.note("x", path: "notes/2026-11-20-first.md")
        #expect(note.date?.description == "2026-11-20")
    }

    /// A `---` line then a blank line is a rule; `---` then text that no `---` closes is
    /// front matter the writer forgot to close.
    @Test func anUnclosedFrontMatterIsAnErrorButARuleIsNot() throws {
        #expect(try Fixture.note("---\n\ntext\n").bodyStart == 0)
        do throws(FileDiagnostics) {
            _ = try Fixture.note("---\ntitle: x\n\n# Body\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered().hasPrefix("notes/test.md:1:1: error: the front matter that starts here is never closed"))
        }
    }

    @Test func everyKnownKeyHasAType() throws {
        func errors(_ yaml: String) -> String {
            do throws(FileDiagnostics) {
                _ = try Fixture.note("---\n" + yaml + "\n---\nx\n")
                return ""
            } catch {
                return error.rendered()
            }
        }
        #expect(errors("tags: {a: 1}").contains("2:7: error: 'tags' must be a list, such as [batch-norm, notes], not a mapping"))
        #expect(errors("title: [1, 2]").contains("2:8: error: 'title' must be text, not a list"))
        #expect(errors("tags: [[a, b], {c: d}]").contains("2:8: error: a tag must be text, not a list"))
        #expect(errors("tags: [[a, b], {c: d}]").contains("2:16: error: a tag must be text, not a mapping"))
        #expect(errors("date: [2026-11-26]").contains("'date' must be a date written YYYY-MM-DD, not a list"))
        #expect(errors("draft: maybe").contains("'draft' must be true or false"))
        // `~` means "not set"; a number or a date as a title reads as written.
        let nulls = try Fixture.note("---\ntitle: ~\ndate: ~\ntags: ~\ndraft: ~\nslug: null\n---\n# Heading\n")
        #expect(nulls.frontMatter.title == nil && nulls.frontMatter.date == nil && nulls.frontMatter.tags.isEmpty)
        #expect(try Fixture.note("---\ntitle: 2024\ntags: a, b, a\n---\nx").frontMatter.title == "2024")
        #expect(try Fixture.note("---\ntags: a, b, a\n---\nx").frontMatter.tags == ["a", "b"])
    }

    @Test func yamlAliasesAreBounded() throws {
        var yaml = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        for (extra, message) in [("", "the YAML holds more than 100000 values once its aliases are expanded"),
                                 ("? *i\n: x\n", "an alias cannot be a mapping key here")] {
            do throws(FileDiagnostics) {
                _ = try Fixture.note("---\n" + yaml + extra + "---\nx\n")
                Issue.record("expected an error")
            } catch {
                #expect(error.rendered().contains(message), "\(error.rendered())")
            }
        }
        // Aliases within the bounds work, and text that only looks like one is fine.
        let fine = try Fixture.note("---\nbase: &b {x: 1}\nother: *b\ndescription: |\n  *note: this* and *x:\ntitle: \"a *b: c\"\n---\nx\n")
        #expect(fine.frontMatter.title == "a *b: c")
        do throws(FileDiagnostics) {
            _ = try Fixture.note("---\n" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n---\nx\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered().contains("the YAML nests more than 64 levels deep"))
        }
    }

    @Test func malformedYAMLIsALocatedError() throws {
        do throws(FileDiagnostics) {
            _ = try Fixture.note("---\ntitle: ok\ntags: [a, b\n---\nx")
            Issue.record("expected an error")
        } catch {
            let rendered = error.rendered()
            #expect(rendered.hasPrefix("notes/test.md:4:1: error: malformed YAML: did not find expected ',' or ']'"))
        }
    }

    @Test func badValuesAreLocatedErrors() throws {
        do throws(FileDiagnostics) {
            _ = try Fixture.note("---\ndate: 2026-02-30\ndigits: many\nslug: ../../etc\n---\nx")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map { error.file.location(of: $0.range.lowerBound).line } == [2, 3, 4])
            #expect(error.diagnostics.map(\.message) == [
                "'date' is not a valid date: '2026-02-30'",
                "'digits' must be a whole number from 0 to 15",
                "'slug' must be one file name made of letters, digits, '-', '_' and '.'",
            ])
        }
    }

    /// A timestamp's time must be a time: its date is taken, never a date with words after it.
    @Test func timestampsAreCheckedWhole() throws {
        for good in ["2026-11-26 21:59", "2026-11-26T21:59:43.10Z", "2026-11-26 21:59:43.10 -5", "2026-11-26t08:00:00+01:00"] {
            #expect(try Fixture.note("---\ndate: \"\(good)\"\n---\nx").date?.description == "2026-11-26", "\(good)")
        }
        for bad in ["2026-01-01 anything", "2026-01-01T25:00:00", "2026-01-01 12:61", "2026-01-01T"] {
            #expect(throws: FileDiagnostics.self, "\(bad)") { try Fixture.note("---\ndate: \"\(bad)\"\n---\nx") }
        }
    }

    /// A carriage return alone ends a line for markdown only: an error where it is (a fuzz
    /// finding: two cells' edits overlapped). CRLF is fine.
    @Test func aLoneCarriageReturnIsAnError() throws {
        do throws(FileDiagnostics) {
            _ = try Note(path: "n.md", relativePath: "n.md", bytes: Array("\r\r\r```calc echo=false\n```\n\n```calc echo=false".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered().hasPrefix("n.md:1:1: error: a carriage return without a line feed"))
        }
        #expect(throws: FileDiagnostics.self) { try Note(path: "n.md", relativePath: "n.md", bytes: Array("text\r".utf8)) }
        #expect(try Note(path: "n.md", relativePath: "n.md", bytes: Array("# A\r\n\r\ntext\r\n".utf8)).body == "# A\r\n\r\ntext\r\n")
    }

    @Test func invalidUTF8IsAnErrorAtTheFirstBadByte() throws {
        var bytes = Array("ok\nab".utf8)
        bytes.append(0xFF)
        do throws(FileDiagnostics) {
            _ = try Note(path: "n.md", relativePath: "n.md", bytes: bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered().hasPrefix("n.md:2:3: error: the file is not valid UTF-8"))
        }
    }

    @Test func configFile() throws {
        let file = SourceFile(path: "diary.yml", text: "title: T\nbase_url: https://x.org/d\ntimezone: Europe/Berlin\nrepo_start: 2025-08-18\ncounters:\n  diary: 2025-08-18\ndigits: 3\n")
        let config = try Config(file: file)
        #expect(config.title == "T")
        #expect(config.baseURL == "https://x.org/d/")
        #expect(config.timeZone?.identifier == "Europe/Berlin")
        #expect(config.repoStart?.description == "2025-08-18")
        #expect(config.counters == [Counter(name: "DIARY", date: CalendarDate(year: 2025, month: 8, day: 18)!)])
        #expect(config.digits == 3)
    }

    @Test func configErrorsAreLocated() throws {
        let file = SourceFile(path: "diary.yml", text: "title: T\ntimezone: Mars/Olympus\nrepo_start: yesterday\ntoc: sometimes\n")
        do throws(FileDiagnostics) {
            _ = try Config(file: file)
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered() == """
            diary.yml:2:11: error: unknown time zone 'Mars/Olympus'
            timezone: Mars/Olympus
                      ^
            note: use an IANA name such as Europe/Berlin or UTC
            diary.yml:3:13: error: 'repo_start' is not a valid date: 'yesterday'
            repo_start: yesterday
                        ^
            note: write dates as YYYY-MM-DD
            diary.yml:4:6: error: 'toc' must be true, false or auto
            toc: sometimes
                 ^

            """)
        }
    }
}
