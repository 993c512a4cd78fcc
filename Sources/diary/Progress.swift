import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on a terminal's stderr for long runs: redrawn at most ten times a
/// second, shown only after half a second, erased at the end. Never in pipes or logs.
final class Progress: Sendable {
    private let start = Date()
    private let state = Mutex<(lastDraw: Date, shown: Bool)>((.distantPast, false))

    private init() {}

    /// A progress line, or nil when stderr is not a terminal.
    static func line() -> Progress? {
        isatty(STDERR_FILENO) == 1 ? Progress() : nil
    }

    @Sendable func update(done: Int, total: Int) {
        let now = Date()
        guard now.timeIntervalSince(start) > 0.5 else { return }
        let draw = state.withLock { state -> Bool in
            guard now.timeIntervalSince(state.lastDraw) > 0.1 || done == total else { return false }
            state = (now, true)
            return true
        }
        if draw { Console.status(String(format: "\r\u{1B}[Krendering %d/%d notes", done, total)) }
    }

    func finish() {
        if state.withLock({ $0.shown }) { Console.status("\r\u{1B}[K") }
    }
}
