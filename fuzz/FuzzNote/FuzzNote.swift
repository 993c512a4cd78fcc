@testable import DiaryKit
import Calc
import Foundation
import FuzzSupport

/// libFuzzer target: a whole note, from its bytes through front matter, the block map,
/// the prose scanner, placeholders, cells and both writers (a page and its markdown).
private let context = RenderContext(today: CalendarDate(year: 2026, month: 11, day: 26) ?? .init(Date(), in: .gmt), timeZone: .gmt,
                                    config: Config(), repoStart: .fixed(CalendarDate(year: 2025, month: 8, day: 18) ?? .init(Date(), in: .gmt)))
private let templates = try? Templates(directory: nil)
private let limits = Limits(steps: 20_000, elementWork: 20_000_000, memory: 64 << 20, outputLines: 10_000, outputBytes: 1 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNote(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let note = try? Note(path: "notes/fuzz.md", relativePath: "fuzz.md", bytes: bytes), let templates else { return 0 }
    // One of the four runs (HTML or markdown, with or without --keep-going), chosen by
    // the input's length, so that each input costs one render.
    let html = try? HTMLSiteWriter(context: context, templates: templates, mathFont: nil)
    guard let html else { return 0 }
    let writer: any OutputWriter = size % 2 == 0 ? html : MarkdownWriter()
    var renderer = NoteRenderer(context: context, writer: writer)
    renderer.keepGoing = size % 4 >= 2
    renderer.limits = limits
    switch renderer.render(note) {
    case .success(let rendered): _ = writer.files(for: [rendered])
    case .failure(let diagnostics): _ = diagnostics.rendered()
    }
    return 0
}

@main enum Main {
    static func main() { Fuzz.main(fuzzNote) }
}
