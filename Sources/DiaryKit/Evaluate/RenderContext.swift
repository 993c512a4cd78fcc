import Foundation
import Synchronization

/// Everything a note's output depends on besides the note itself. Passed in explicitly,
/// never read from globals, so tests pin "today" and every build is reproducible.
public struct RenderContext: Sendable {
    public var today: CalendarDate
    public var timeZone: TimeZone
    public var config: Config
    public var repoStart: RepoStart
    /// Dates of the last commits, for undated notes.
    public var gitDates: GitDates
    /// `DATE_PRETTY` and `WEEKDAY`, formatted once per run with the config's locale.
    public let prettyDate: String
    public let weekday: String
    private let formatter: DateFormatterBox
    private let monthFormatter: DateFormatterBox

    public init(today: CalendarDate, timeZone: TimeZone, config: Config, repoStart: RepoStart, gitDates: GitDates? = nil) {
        self.gitDates = gitDates ?? GitDates(timeZone: timeZone)
        self.today = today
        self.timeZone = timeZone
        self.config = config
        self.repoStart = repoStart
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: config.locale)
        // The date is noon UTC of `today`, so formatting in UTC shows exactly that day.
        formatter.timeZone = .gmt
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = config.dateFormat
        prettyDate = formatter.string(from: today.noonUTC)
        let weekdayFormatter = formatter.copy() as? DateFormatter ?? formatter
        weekdayFormatter.dateFormat = "EEEE"
        weekday = weekdayFormatter.string(from: today.noonUTC)
        let monthFormatter = formatter.copy() as? DateFormatter ?? formatter
        // "November 2026" ("novembre 2026"): the month's stand-alone name. A pattern set
        // directly: the locale's own pattern generator costs milliseconds at start-up.
        monthFormatter.dateFormat = "LLLL yyyy"
        self.formatter = DateFormatterBox(formatter)
        self.monthFormatter = DateFormatterBox(monthFormatter)
    }

    /// A date in the configured `date_format` and locale.
    public func format(_ date: CalendarDate) -> String { formatter.string(from: date.noonUTC) }

    /// A date's month and year in the locale's words (the archive's and index's headings).
    public func formatMonth(_ date: CalendarDate) -> String { monthFormatter.string(from: date.noonUTC) }

    /// "Today" when none is given: the current date in the configured time zone.
    public static func currentDate(in timeZone: TimeZone, now: Date = Date()) -> CalendarDate {
        CalendarDate(now, in: timeZone)
    }

    /// The time zone: `--timezone`, else config `timezone`, else `TZ`, else UTC.
    public static func resolveTimeZone(option: TimeZone?, config: Config, environment: [String: String]) -> TimeZone {
        if let option { return option }
        if let zone = config.timeZone { return zone }
        if let name = environment["TZ"], let zone = TimeZone(identifier: name.hasPrefix(":") ? String(name.dropFirst()) : name) {
            return zone
        }
        return .gmt
    }
}

/// One configured formatter shared by the threads that render notes.
private final class DateFormatterBox: Sendable {
    private let formatter: Mutex<DateFormatter>
    init(_ formatter: sending DateFormatter) { self.formatter = Mutex(formatter) }
    func string(from date: Date) -> String { formatter.withLock { $0.string(from: date) } }
}
