import Calc

/// The predefined, read-only upper-case names of a note: dates and day counters.
///
/// The set is open-ended (`DAYS_SINCE_2025_08_18` for any date), so names are resolved
/// on demand rather than listed.
struct BuiltinNames: NameResolver {
    typealias Resolution = NameResolution

    let context: RenderContext
    /// Config counters, then the note's (which win on a name clash).
    let counters: [Counter]
    let noteDate: CalendarDate?
    let noteDirectory: String

    /// The names of a note, or (for `diary eval`) of no note: then `NOTE_DATE` has no value.
    init(context: RenderContext, note: Note?) {
        self.context = context
        var counters = context.config.counters
        for counter in note?.frontMatter.counters ?? [] {
            counters.removeAll { $0.name == counter.name }
            counters.append(counter)
        }
        self.counters = counters
        self.noteDate = note?.date
        self.noteDirectory = note?.directory ?? "."
    }

    private static let fixed = ["DATE", "DATE_PRETTY", "YEAR", "MONTH", "DAY", "WEEKDAY",
                                "DAYS_SINCE_REPO_START", "NOTE_DATE", "DAYS_SINCE_NOTE"]

    /// Every name a user could mean, for "did you mean" suggestions.
    func candidates(near name: String) -> [String] {
        var names = Self.fixed
        for counter in counters { names += ["DAYS_SINCE_\(counter.name)", "DAYS_UNTIL_\(counter.name)"] }
        // A misspelt prefix before a date: offer the real prefixes with the same date.
        let tail = name.suffix(10)
        if name.count > 10, tail.allSatisfy({ $0.isNumber || $0 == "_" }) {
            names += Self.datePrefixes.map { $0.prefix + tail }
        }
        return names
    }

    private static let datePrefixes = [("DAYS_SINCE_", 1), ("DAY_SINCE_", 1), ("DAYS_UNTIL_", -1)].map { (prefix: $0.0, sign: $0.1) }

    func resolve(_ name: String) -> Resolution {
        let today = context.today
        switch name {
        case "DATE": return .value(.string(today.description))
        case "DATE_PRETTY": return .value(.string(context.prettyDate))
        case "YEAR": return .value(.number(Double(today.year)))
        case "MONTH": return .value(.number(Double(today.month)))
        case "DAY": return .value(.number(Double(today.day)))
        case "WEEKDAY": return .value(.string(context.weekday))
        case "NOTE_DATE":
            guard let noteDate else { return Self.noNoteDate }
            return .value(.string(noteDate.description))
        case "DAYS_SINCE_NOTE":
            guard let noteDate else { return Self.noNoteDate }
            return .value(.number(Double(noteDate.days(until: today))))
        case "DAYS_SINCE_REPO_START":
            if let pinned = context.config.repoStart {
                return .value(.number(Double(pinned.days(until: today))))
            }
            switch context.repoStart.start(forNoteIn: noteDirectory) {
            case .success(let start): return .value(.number(Double(start.days(until: today))))
            case .failure(let failure):
                return .failure("DAYS_SINCE_REPO_START is unknown: \(failure.reason)",
                                note: "set 'repo_start: YYYY-MM-DD' in diary.yml, or fetch the full history (git fetch --unshallow)")
            }
        default:
            break
        }
        for (prefix, sign) in Self.datePrefixes where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let counter = counters.last(where: { $0.name == rest }), prefix != "DAY_SINCE_" {
                return .value(.number(Double(sign * counter.date.days(until: today))))
            }
            if rest.first?.isNumber == true {
                guard Self.looksLikeDate(rest) else {
                    return .failure("'\(name)' needs a date written YYYY_MM_DD after '\(prefix)'", note: nil)
                }
                guard let date = CalendarDate(parsing: rest, separator: "_") else {
                    return .failure("'\(name)' names a date that does not exist: \(rest.replacingUnderscores())", note: nil)
                }
                return .value(.number(Double(sign * date.days(until: today))))
            }
        }
        return .unknown
    }

    private static let noNoteDate = Resolution.failure(
        "this note has no date", note: "add 'date: YYYY-MM-DD' to its front matter, or start its file name with the date")

    private static func looksLikeDate(_ text: Substring) -> Bool {
        CalendarDate.fields(of: text, separator: "_") != nil
    }
}

private extension Substring {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
