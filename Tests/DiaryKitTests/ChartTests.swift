import Calc
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Diagnostics
import TestSupport
import Testing
@testable import DiaryKit

@Suite struct ChartTests {
    private func chart(_ source: String) throws -> Chart {
        var session = Session()
        let run = session.run(cell: source)
        if let error = run.error { throw error }
        guard case .value(_, .chart(let chart))? = run.outputs.last else { throw Diagnostic.error("no chart", at: 0..<0) }
        return chart
    }

    private func error(_ source: String) -> String? {
        var session = Session()
        return session.run(cell: source).error.map { SourceFile(path: "cell", text: source).render($0) }
    }

    @Test func niceTicks() {
        #expect(NiceScale(minimum: 0, maximum: 3.5).ticks == [0, 1, 2, 3, 4])
        #expect(NiceScale(minimum: 0.25, maximum: 3.5).ticks == [0, 1, 2, 3, 4])
        #expect(NiceScale(minimum: 1, maximum: 6, maxTicks: 7).ticks == [1, 2, 3, 4, 5, 6])
        #expect(NiceScale(minimum: -3.2, maximum: 3.6).ticks == [-4, -2, 0, 2, 4])
        #expect(NiceScale(minimum: 0, maximum: 88).ticks == [0, 20, 40, 60, 80, 100])
        #expect(NiceScale(minimum: 0.001, maximum: 0.0042).ticks == [0.001, 0.002, 0.003, 0.004, 0.005])
        #expect(NiceScale(minimum: 12_000, maximum: 97_000).ticks == [0, 20_000, 40_000, 60_000, 80_000, 100_000])
        #expect(NiceScale(minimum: 5, maximum: 5).ticks == [2, 3, 4, 5, 6, 7, 8])
        #expect(NiceScale(minimum: 0.1, maximum: 0.3).ticks.map(NiceScale(minimum: 0.1, maximum: 0.3).label) == ["0.10", "0.15", "0.20", "0.25", "0.30"])
        #expect(NiceScale(minimum: -2, maximum: 2).label(-2) == "\u{2212}2")
        // Tiny and huge values never show as 0 or as rows of digits.
        let tiny = NiceScale(minimum: 1e-9, maximum: 3e-9)
        #expect(tiny.ticks.map(tiny.label) == ["1e-09", "1.5e-09", "2e-09", "2.5e-09", "3e-09"])
        let pico = NiceScale(minimum: 1e-12, maximum: 3e-12)
        #expect(Set(pico.ticks.map(pico.label)).count == pico.ticks.count && !pico.ticks.map(pico.label).contains("0.0000000000"))
        let huge = NiceScale(minimum: -1e308, maximum: 1e308)
        #expect(huge.ticks.map(huge.label).allSatisfy { $0.count <= 10 })
        let small = NiceScale(minimum: 0.0001, maximum: 0.0005)
        #expect(small.ticks.map(small.label) == ["0.0001", "0.0002", "0.0003", "0.0004", "0.0005"])
        #expect(NiceScale.nice(0.7, round: true) == 0.5)
        #expect(NiceScale.nice(7.5, round: true) == 10)
    }

    @Test func chartFunctions() throws {
        let line = try chart("plot([1, 2, 3], [[1, 4, 9], [1, 2, 3]], title = \"t\", label = [\"sq\", \"id\"])")
        #expect(line.kind == .line)
        #expect(line.series.map(\.name) == ["sq", "id"])
        #expect(line.series.map(\.y) == [[1, 4, 9], [1, 2, 3]])
        #expect(line.title == "t")
        #expect(try chart("plot([5, 6])").series[0].x == [0, 1])
        let bars = try chart("bar([\"a\", \"b\"], [3, 4], ylabel = \"n\")")
        #expect(bars.categories == ["a", "b"])
        #expect(bars.yLabel == "n")
        let histogram = try chart("hist([0, 1, 1, 2, 2, 2, 3, 10], bins = 5)")
        #expect(histogram.series[0].y == [3, 4, 0, 0, 1]) // [0, 2) [2, 4) [4, 6) [6, 8) [8, 10]
        #expect(histogram.edges == [0, 2, 4, 6, 8, 10])
        #expect(try chart("scatter([1, 2], [3, 4], xlabel = \"x\")").xLabel == "x")
    }

    @Test func badDataIsALocatedError() {
        #expect(error("plot([1, 2, 3], [1, 2])")?.hasPrefix("cell:1:17: error: x has 3 values but y has 2\n") == true)
        #expect(error("plot([], [])")?.hasPrefix("cell:1:1: error: plot needs at least one point\n") == true)
        #expect(error("plot([1, 2], [0/0, 1/0])")?.hasPrefix("cell:1:1: error: plot has no finite point to draw\n") == true)
        #expect(error("plot([1], [[1], [2]], label = [\"a\"])")?.hasPrefix("cell:1:31: error: 1 labels for 2 series\n") == true)
        #expect(error("bar([\"a\", \"b\"], [1, 2, 3])")?.hasPrefix("cell:1:17: error: bar has 2 labels but 3 values\n") == true)
        #expect(error("hist([1, 2], bins = 0)")?.hasPrefix("cell:1:21: error: 'bins' of hist must be from 1 to 1000, not 0\n") == true)
        #expect(error("plot([1, 2], [1, 2], title = 3)")?.hasPrefix("cell:1:30: error: 'title' must be a string\n") == true)
    }

    @Test func skippedPointsAreAWarningAtTheCall() throws {
        var session = Session()
        let run = session.run(cell: "x = 1\nplot([1, 2, 3], [1, 0/0, 1/0])")
        #expect(run.error == nil)
        #expect(run.warnings.map(\.message) == ["2 points with NaN or infinite values were skipped"])
        #expect(run.warnings.first?.range == 6..<36)
    }

    @Test func theSVGIsWellFormedAccessibleAndDeterministic() throws {
        let value = try chart("plot([1, 2, 3, 4], [[1, 0/0, 3, 4], [2, 2, 2, 2]], title = \"Means & <more>\", xlabel = \"step\", ylabel = \"mean\", label = [\"a\", \"b\"])")
        let svg = ChartSVG(chart: value, id: "chart-7").svg()
        #expect(svg == ChartSVG(chart: value, id: "chart-7").svg())
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diary-chart\" viewBox=\"0 0 640 400\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-7-title chart-7-desc\""))
        #expect(svg.contains("<title id=\"chart-7-title\">Means &amp; &lt;more&gt;</title>"))
        #expect(svg.contains("<desc id=\"chart-7-desc\">Line chart of 2 series, 8 points: a, b</desc>"))
        // On a page its colours come from the site's stylesheet, light or dark; as a file
        // beside markdown it is a white card of a fixed size.
        #expect(!svg.contains("<style"))
        let card = ChartSVG(chart: value, id: "chart-7", standalone: true).svg()
        #expect(card.contains("width=\"640\" height=\"400\""))
        #expect(card.contains("<rect width=\"640\" height=\"400\" rx=\"8\" fill=\"#ffffff\"/>"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("http://") || svg.components(separatedBy: "http://").count == 2) // only the namespace
        // The NaN breaks series a into two pieces: one polyline of two points, one lone marker.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }

    /// A reviewed golden SVG of a simple chart (regenerate with DIARY_UPDATE_GOLDENS=1).
    @Test func goldenChart() throws {
        let value = try chart("bar([\"mon\", \"tue\", \"wed\"], [[2, 3.5, 1], [1, 1, 4]], title = \"Hours\", ylabel = \"hours\", label = [\"math\", \"code\"])")
        let svg = ChartSVG(chart: value, id: "chart-1").svg()
        try Golden.check(svg, against: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/bar-chart.svg"))
    }

    @Test func markdownWritesTheSVGBesideTheNoteAndHTMLInlinesIt() throws {
        let text = "# C\n\n```calc echo=false\nplot([1, 2], [3, 4], title = \"A [chart]\")\n```\n"
        let markdown = try Fixture.renderer(.markdown).render(try Fixture.note(text, path: "notes/2026/c.md")).get()
        #expect(markdown.bodyText == "# C\n\n![A \\[chart\\]](c-chart-1.svg)\n")
        #expect(Array(markdown.attachments.keys) == ["c-chart-1.svg"])
        let html = try Fixture.renderer(.html).output(try Fixture.note(text)).get()
        #expect(html.contains("<figure class=\"calc-chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diary-chart\""))
        #expect(html.contains("aria-labelledby=\"chart-1-title chart-1-desc\""))
    }
}
