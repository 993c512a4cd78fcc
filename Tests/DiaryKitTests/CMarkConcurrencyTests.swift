import Dispatch
import Synchronization
import Testing
@testable import DiaryKit

/// cmark-gfm 0.29 shares inline-extension state between parsers; without the lock in
/// `MarkdownDocument`, parallel parses silently lose strikethrough and autolinks.
@Suite struct CMarkConcurrencyTests {
    @Test func parallelRendersEqualTheSequentialOne() {
        // Tables too: their rows are read while feeding, which runs outside the lock.
        let text = (0..<40).map { "Item \($0): ~~struck~~ and www.example\($0).org and https://x.org/\($0) and `code`\n\n"
            + "| a | b |\n|---|--:|\n| ~~\($0)~~ | www.t\($0).org |" }
            .joined(separator: "\n\n")
        let extensions: [MarkdownExtension] = [.table, .strikethrough, .autolink, .tagfilter, .tasklist]
        let expected = MarkdownDocument(parsing: text, options: [.footnotes, .unsafe], extensions: extensions).renderHTML()
        #expect(expected.components(separatedBy: "<del>").count - 1 == 80)
        #expect(expected.components(separatedBy: "<table>").count - 1 == 40)
        let results = Mutex([String](repeating: "", count: 400))
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            // Plain parses (no inline extensions) run unlocked beside the locked ones.
            if index % 2 == 0 {
                let html = MarkdownDocument(parsing: text, options: [.footnotes, .unsafe], extensions: extensions).renderHTML()
                results.withLock { $0[index] = html }
            } else {
                _ = MarkdownDocument(parsing: text, options: [.sourcePositions], extensions: []).blocks()
                results.withLock { $0[index] = expected }
            }
        }
        #expect(results.withLock { $0.filter { $0 != expected }.count } == 0)
    }
}
