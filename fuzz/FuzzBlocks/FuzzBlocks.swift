@testable import DiaryKit
import FuzzSupport

/// libFuzzer target, differential: the fast block scanner must find exactly the code
/// blocks, HTML blocks and block quotes that cmark-gfm's parser finds, or decline the
/// note (nil). A difference is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBlocks(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let note = try? Note(path: "notes/fuzz.md", relativePath: "fuzz.md", bytes: bytes),
          let scanned = BlockScanner.blocks(in: note) else { return 0 }
    let document = MarkdownDocument(parsing: Array(note.body.utf8), options: [.sourcePositions, .footnotes], extensions: [])
    let expected = BlockMap.structure(of: document.blocks())
    let actual = BlockMap.structure(of: scanned)
    if actual != expected {
        preconditionFailure("the block scanner and cmark-gfm differ:\nscanner: \(actual)\ncmark-gfm: \(expected)")
    }
    return 0
}

@main enum Main {
    static func main() { Fuzz.main(fuzzBlocks) }
}
