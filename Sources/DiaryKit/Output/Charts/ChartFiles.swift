import Calc

/// The charts of one note: numbered in order, and in markdown output written as SVG
/// files beside the note (`bn.md` gets `bn-chart-1.svg`), which GitHub shows as images.
struct ChartFiles: Sendable {
    /// The note's output path without `.md` (`2026/bn`).
    let stem: String
    private(set) var count = 0
    /// Relative path in the output folder → SVG bytes.
    private(set) var files: [String: [UInt8]] = [:]

    init(outputPath: String) {
        stem = outputPath.hasSuffix(".md") ? String(outputPath.dropLast(3)) : outputPath
    }

    /// The next chart's id within its page (`chart-1`).
    mutating func nextID() -> String {
        count += 1
        return "chart-\(count)"
    }

    /// Records the chart's SVG file; returns the link to it, relative to the note.
    mutating func file(for chart: Chart) -> String {
        let id = nextID()
        let path = stem + "-" + id + ".svg"
        files[path] = Array(ChartSVG(chart: chart, id: id, standalone: true).svg().utf8)
        return String(path.split(separator: "/").last ?? Substring(path))
    }
}
