import Calc
import Diagnostics
import Testing
@testable import DiaryKit

@Suite struct BuiltinNamesTests {
    private func value(_ name: String, note text: String = "x", config: Config = Config(),
                       repoStart: RepoStart = .fixed(CalendarDate(year: 2026, month: 1, day: 1)!)) throws -> BuiltinNames.Resolution {
        let names = BuiltinNames(context: Fixture.context(config: config, repoStart: repoStart), note: try Fixture.note(text))
        return names.resolve(name)
    }

    @Test func everyBuiltInNameForToday() throws {
        #expect(try value("DATE") == .value(.string("2026-11-26")))
        #expect(try value("DATE_PRETTY") == .value(.string("Thursday, November 26, 2026")))
        #expect(try value("YEAR") == .value(.number(2026)))
        #expect(try value("MONTH") == .value(.number(11)))
        #expect(try value("DAY") == .value(.number(26)))
        #expect(try value("WEEKDAY") == .value(.string("Thursday")))
        #expect(try value("DAYS_SINCE_2025_08_18") == .value(.number(465)))
        #expect(try value("DAY_SINCE_2025_08_18") == .value(.number(465)))
        #expect(try value("DAYS_UNTIL_2026_12_25") == .value(.number(29)))
        #expect(try value("DAYS_UNTIL_2025_08_18") == .value(.number(-465)))
        #expect(try value("DAYS_SINCE_2026_12_25") == .value(.number(-29)))
        #expect(try value("DAYS_SINCE_REPO_START") == .value(.number(329)))
    }

    @Test func countersFromConfigAndFrontMatter() throws {
        var config = Config()
        config.counters = [Counter(name: "DIARY", date: CalendarDate(year: 2025, month: 8, day: 18)!),
                           Counter(name: "EXAM", date: CalendarDate(year: 2026, month: 12, day: 1)!)]
        #expect(try value("DAYS_SINCE_DIARY", config: config) == .value(.number(465)))
        #expect(try value("DAYS_UNTIL_EXAM", config: config) == .value(.number(5)))
        let note = "---\ncounters:\n  exam: 2026-12-10\n---\nx"
        #expect(try value("DAYS_UNTIL_EXAM", note: note, config: config) == .value(.number(14)))
    }

    @Test func noteDate() throws {
        let note = "---\ndate: 2026-11-20\n---\nx"
        #expect(try value("NOTE_DATE", note: note) == .value(.string("2026-11-20")))
        #expect(try value("DAYS_SINCE_NOTE", note: note) == .value(.number(6)))
        guard case .failure(let message, _) = try value("NOTE_DATE") else { Issue.record("expected a failure"); return }
        #expect(message == "this note has no date")
    }

    @Test func configRepoStartWinsOverGit() throws {
        var config = Config()
        config.repoStart = CalendarDate(year: 2026, month: 11, day: 1)
        let failing = RepoStart { _ in .failure(.init(reason: "not a repository")) }
        #expect(try value("DAYS_SINCE_REPO_START", config: config, repoStart: failing) == .value(.number(25)))
    }

    @Test func invalidAndUnknownNames() throws {
        #expect(try value("DAY_SINCE_2025_02_30") == .failure("'DAY_SINCE_2025_02_30' names a date that does not exist: 2025-02-30", note: nil))
        #expect(try value("DAYS_SINCE_2025_8_18") == .failure("'DAYS_SINCE_2025_8_18' needs a date written YYYY_MM_DD after 'DAYS_SINCE_'", note: nil))
        #expect(try value("DATE_PRETY") == .unknown)
        let names = BuiltinNames(context: Fixture.context(), note: try Fixture.note("x"))
        #expect(Suggestion.closest(to: "DATE_PRETY", among: names.candidates(near: "DATE_PRETY")) == "DATE_PRETTY")
        #expect(Suggestion.closest(to: "DAYS_SINCE_NOTES", among: names.candidates(near: "DAYS_SINCE_NOTES")) == "DAYS_SINCE_NOTE")
        #expect(Suggestion.closest(to: "DAYS_SINSE_2025_08_18", among: names.candidates(near: "DAYS_SINSE_2025_08_18")) == "DAYS_SINCE_2025_08_18")
        #expect(Suggestion.closest(to: "BANANA", among: names.candidates(near: "BANANA")) == nil)
    }

    @Test func localeAndDateFormat() throws {
        var config = Config()
        config.locale = "de_DE"
        config.dateFormat = "EEEE, d. MMMM yyyy"
        #expect(try value("DATE_PRETTY", config: config) == .value(.string("Donnerstag, 26. November 2026")))
        #expect(try value("WEEKDAY", config: config) == .value(.string("Donnerstag")))
    }
}
