import Foundation
import Testing

/// Reviewed golden files. `DIARY_UPDATE_GOLDENS=1 swift test` writes what the code
/// produces now and fails, so that a rewritten golden is always looked at (`git diff`)
/// before it is committed; a normal run compares.
public enum Golden {
    public static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["DIARY_UPDATE_GOLDENS"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record("rewrote \(url.lastPathComponent): review the diff, then run the tests without DIARY_UPDATE_GOLDENS",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(url.lastPathComponent); if the change is intended, see Golden", sourceLocation: sourceLocation)
    }
}
