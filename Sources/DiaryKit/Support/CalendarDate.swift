import Foundation

/// A day on the proleptic Gregorian calendar, with no time and no time zone.
///
/// Day counts are differences of Julian day numbers, so a daylight-saving change can
/// never shift them: they are pure calendar arithmetic.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for dates that do not exist (`2025-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (or `YYYY_MM_DD` with `separator: "_"`).
    public init?<S: StringProtocol>(parsing text: S, separator: Character = "-") {
        guard let (year, month, day) = Self.fields(of: text, separator: separator) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The numbers of text shaped `YYYY-MM-DD` (ASCII digits), whether or not they form a date.
    static func fields<S: StringProtocol>(of text: S, separator: Character = "-") -> (Int, Int, Int)? {
        guard let separator = separator.asciiValue else { return nil }
        var (year, month, day) = (0, 0, 0)
        var index = 0
        for byte in text.utf8 {
            guard index < 10 else { return nil }
            if index == 4 || index == 7 {
                guard byte == separator else { return nil }
            } else {
                guard byte >= 48, byte <= 57 else { return nil }
                let digit = Int(byte - 48)
                if index < 4 { year = year * 10 + digit } else if index < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            index += 1
        }
        return index == 10 ? (year, month, day) : nil
    }

    /// The calendar date of an instant as seen in a time zone.
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // Components of a real instant always form a valid date.
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Julian day number (days since 4714-11-24 BC), by the Fliegel–Van Flandern formula.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// Whole calendar days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int { other.julianDay - julianDay }

    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    public var isoWeekday: Int { julianDay % 7 + 1 }

    /// Noon UTC of this day: formatting it in UTC can never land on a neighbouring day.
    public var noonUTC: Date {
        Date(timeIntervalSince1970: Double(julianDay - 2_440_588) * 86_400 + 43_200)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.julianDay < rhs.julianDay }
}
