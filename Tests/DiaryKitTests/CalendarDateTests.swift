import Foundation
import Testing
@testable import DiaryKit

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CalendarDate(parsing: "2026-11-26") == CalendarDate(year: 2026, month: 11, day: 26))
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2025-02-29") == nil)
        #expect(CalendarDate(parsing: "2025-02-30") == nil)
        #expect(CalendarDate(parsing: "2025-13-01") == nil)
        #expect(CalendarDate(parsing: "2025-1-01") == nil)
        #expect(CalendarDate(parsing: "2025_08_18", separator: "_") == CalendarDate(year: 2025, month: 8, day: 18))
    }

    @Test func countsCalendarDays() throws {
        let start = try #require(CalendarDate(parsing: "2025-08-18"))
        #expect(start.days(until: Fixture.today) == 465)
        #expect(Fixture.today.days(until: start) == -465)
        // Across a leap day and a century non-leap year.
        #expect(try #require(CalendarDate(parsing: "2024-02-28")).days(until: try #require(CalendarDate(parsing: "2024-03-01"))) == 2)
        #expect(try #require(CalendarDate(parsing: "1900-02-28")).days(until: try #require(CalendarDate(parsing: "1900-03-01"))) == 1)
    }

    @Test func weekdayAndDescription() throws {
        #expect(Fixture.today.isoWeekday == 4) // Thursday
        #expect(try #require(CalendarDate(parsing: "2000-01-03")).isoWeekday == 1)
        #expect(try #require(CalendarDate(year: 987, month: 3, day: 4)).description == "0987-03-04")
    }

    @Test func todayComesFromTheConfiguredZoneNotTheClock() throws {
        // 23:30 UTC on the 26th: still the 26th in UTC, already the 27th in Auckland,
        // and the 26th in Los Angeles: what a late GitHub Actions cron run sees.
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-26T23:30:00Z"))
        #expect(RenderContext.currentDate(in: .gmt, now: instant).description == "2026-11-26")
        #expect(RenderContext.currentDate(in: try #require(TimeZone(identifier: "Pacific/Auckland")), now: instant).description == "2026-11-27")
        #expect(RenderContext.currentDate(in: try #require(TimeZone(identifier: "America/Los_Angeles")), now: instant).description == "2026-11-26")
    }

    @Test func dstChangeNeverShiftsACount() throws {
        // Berlin moves its clocks on 2026-03-29: the day has 23 hours, so an elapsed
        // seconds/86400 count from midnight to midnight would give 1, not 2.
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let saturday = try #require(CalendarDate(parsing: "2026-03-28"))
        let monday = try #require(CalendarDate(parsing: "2026-03-30"))
        #expect(saturday.days(until: monday) == 2)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let midnight = { (d: CalendarDate) in calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))! }
        let seconds = midnight(monday).timeIntervalSince(midnight(saturday))
        #expect(Int(seconds / 86_400) == 1, "the naive count this type exists to avoid")
        #expect(CalendarDate(midnight(monday), in: berlin) == monday)
    }

    @Test func resolvesTheTimeZoneInOrder() throws {
        var config = Config()
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(RenderContext.resolveTimeZone(option: nil, config: config, environment: [:]).identifier == "GMT")
        #expect(RenderContext.resolveTimeZone(option: nil, config: config, environment: ["TZ": "Asia/Tokyo"]) == tokyo)
        config.timeZone = berlin
        #expect(RenderContext.resolveTimeZone(option: nil, config: config, environment: ["TZ": "Asia/Tokyo"]) == berlin)
        #expect(RenderContext.resolveTimeZone(option: tokyo, config: config, environment: [:]) == tokyo)
    }
}
