import Calc

/// A chart as SVG: system fonts, no script, `role="img"` with a title and a description.
/// The same chart gives the same bytes: every coordinate is written with two decimals.
///
/// In a page it scales with the column (`width="100%"`) and takes its colours from the
/// page's stylesheet, light or dark; its text is drawn larger on narrow screens by that
/// stylesheet. As a file beside markdown (`standalone`) it is a card with its own light
/// background and dark text, readable on GitHub's light and dark themes alike.
struct ChartSVG {
    static let width = 640.0
    static let height = 400.0
    /// Okabe and Ito's colour-blind-safe palette, readable on light and dark backgrounds.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"]

    let chart: Chart
    /// Unique within the page (`chart-2`): the ids of its title and description.
    let id: String
    /// A file of its own (markdown output), not inline in a page.
    var standalone = false

    /// Every gap is measured for the largest text a stylesheet gives charts (22 units, on a
    /// phone, where the chart is drawn at about half size): so text never touches an axis
    /// or another label, whatever the screen.
    static let largestText = 22.0
    /// The width of a character of that text.
    static let characterWidth = 12.5
    /// The height of a legend row.
    static let legendRow = 30.0

    /// Legend entries, each with its row and its x: rows wrap before the plot's right edge.
    private func legendLayout(left: Double, right: Double) -> (entries: [(index: Int, name: String, row: Int, x: Double)], rows: Int) {
        var entries: [(Int, String, Int, Double)] = []
        var (row, x) = (0, left)
        for (index, series) in chart.series.enumerated() {
            guard let name = series.name else { continue }
            let width = 24 + Self.characterWidth * Double(name.count) + 18
            if x > left, x + width > right {
                row += 1
                x = left
            }
            entries.append((index, name, row, x))
            x += width
        }
        return (entries, entries.isEmpty ? 0 : row + 1)
    }

    func svg() -> String {
        let ys = chart.series.flatMap(\.y).filter(\.isFinite)
        let yScale = NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1,
                               maxTicks: 6, includeZero: chart.kind == .bar || chart.kind == .histogram)
        // Room for the widest y tick label, and for the y axis label left of it.
        let labelWidth = Double(yScale.ticks.map { yScale.label($0).count }.max() ?? 1) * Self.characterWidth
        let left = (chart.yLabel == nil ? 6.0 : 34.0) + labelWidth + 10
        let right = Self.width - 24
        // A legend gets its own rows under the title, so it never hides data.
        let legend = legendLayout(left: left, right: right)
        let legendTop = chart.title == nil ? 8.0 : 36.0
        let top = legend.rows > 0 ? legendTop + Self.legendRow * Double(legend.rows) + 16 : (chart.title == nil ? 16.0 : 50.0)
        let bottom = Self.height - (chart.xLabel == nil ? 36 : 62)
        let plot = (left: left, right: right, top: top, bottom: bottom)
        let titleText = chart.title ?? chart.summary
        let size = standalone ? "width=\"\(Self.width.formatted0)\" height=\"\(Self.height.formatted0)\"" : "width=\"100%\""
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="diary-chart" viewBox="0 0 \(Self.width.formatted0) \(Self.height.formatted0)" \
        \(size) role="img" aria-labelledby="\(id)-title \(id)-desc" \
        font-family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif" font-size="14">
        <title id="\(id)-title">\(Self.escape(titleText))</title>
        <desc id="\(id)-desc">\(Self.escape(chart.summary))</desc>

        """
        if standalone {
            // Its own card: the same on a light page and a dark one.
            out += "<style>.diary-chart { color: #1d2126; } .diary-chart .grid { stroke: #e3e6e2; }</style>\n"
            out += "<rect width=\"\(Self.width.formatted0)\" height=\"\(Self.height.formatted0)\" rx=\"8\" fill=\"#ffffff\"/>\n"
        }
        func y(_ value: Double) -> Double { yScale.position(value, from: plot.bottom, to: plot.top) }

        // Grid and y ticks.
        out += "<g class=\"grid\" stroke=\"#d9dcd8\" stroke-width=\"1\">\n"
        for tick in yScale.ticks { out += "<line x1=\"\(plot.left.svgNumber)\" y1=\"\(y(tick).svgNumber)\" x2=\"\(plot.right.svgNumber)\" y2=\"\(y(tick).svgNumber)\"/>\n" }
        out += "</g>\n<g fill=\"currentColor\" text-anchor=\"end\">\n"
        for tick in yScale.ticks {
            // Centred on its line (dominant-baseline is not in every SVG reader).
            out += "<text x=\"\((plot.left - 8).svgNumber)\" y=\"\((y(tick) + 5).svgNumber)\">\(Self.escape(yScale.label(tick)))</text>\n"
        }
        out += "</g>\n"

        // X axis: numbers, categories or bin edges, their tops clear of the axis at any size.
        let xTickBaseline = plot.bottom + 6 + Self.largestText * 0.8
        var xPosition: (Double) -> Double = { _ in plot.left }
        out += "<g fill=\"currentColor\" text-anchor=\"middle\">\n"
        switch chart.kind {
        case .bar:
            let band = (plot.right - plot.left) / Double(max(chart.categories.count, 1))
            xPosition = { plot.left + band * ($0 + 0.5) }
            for (index, category) in chart.categories.enumerated() {
                out += "<text x=\"\(xPosition(Double(index)).svgNumber)\" y=\"\(xTickBaseline.svgNumber)\">\(Self.escape(category))</text>\n"
            }
        case .line, .scatter, .histogram:
            let xs = (chart.kind == .histogram ? chart.edges : chart.series.flatMap(\.x)).filter(\.isFinite)
            let xScale = NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, maxTicks: 7)
            xPosition = { xScale.position($0, from: plot.left, to: plot.right) }
            for tick in xScale.ticks {
                out += "<text x=\"\(xPosition(tick).svgNumber)\" y=\"\(xTickBaseline.svgNumber)\">\(Self.escape(xScale.label(tick)))</text>\n"
            }
        }
        out += "</g>\n"
        out += "<g stroke=\"currentColor\" stroke-width=\"1\">\n"
        out += "<line x1=\"\(plot.left.svgNumber)\" y1=\"\(plot.bottom.svgNumber)\" x2=\"\(plot.right.svgNumber)\" y2=\"\(plot.bottom.svgNumber)\"/>\n"
        out += "<line x1=\"\(plot.left.svgNumber)\" y1=\"\(plot.top.svgNumber)\" x2=\"\(plot.left.svgNumber)\" y2=\"\(plot.bottom.svgNumber)\"/>\n"
        out += "</g>\n"

        // The data.
        for (index, series) in chart.series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            // The class lets a page's dark theme lighten a colour that is dim on dark.
            let seriesClass = "class=\"s\(index % Self.palette.count)\" "
            switch chart.kind {
            case .line:
                // A point that is not finite breaks the line into segments.
                var segment: [String] = []
                func flush() {
                    if segment.count > 1 {
                        out += "<polyline \(seriesClass)fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(segment.joined(separator: " "))\"/>\n"
                    }
                    segment = []
                }
                for (px, py) in zip(series.x, series.y) {
                    if px.isFinite, py.isFinite { segment.append("\(xPosition(px).svgNumber),\(y(py).svgNumber)") } else { flush() }
                }
                flush()
                if series.x.count <= 40 {
                    for (px, py) in zip(series.x, series.y) where px.isFinite && py.isFinite {
                        out += "<circle \(seriesClass)cx=\"\(xPosition(px).svgNumber)\" cy=\"\(y(py).svgNumber)\" r=\"3\" fill=\"\(color)\"/>\n"
                    }
                }
            case .scatter:
                for (px, py) in zip(series.x, series.y) where px.isFinite && py.isFinite {
                    out += "<circle \(seriesClass)cx=\"\(xPosition(px).svgNumber)\" cy=\"\(y(py).svgNumber)\" r=\"3.5\" fill=\"\(color)\" fill-opacity=\"0.8\"/>\n"
                }
            case .bar:
                let band = (plot.right - plot.left) / Double(max(chart.categories.count, 1))
                let barWidth = band * 0.7 / Double(chart.series.count)
                for (category, value) in series.y.enumerated() {
                    let x = plot.left + band * Double(category) + band * 0.15 + barWidth * Double(index)
                    let (top, bottom) = (min(y(value), y(0)), max(y(value), y(0)))
                    out += "<rect \(seriesClass)x=\"\(x.svgNumber)\" y=\"\(top.svgNumber)\" width=\"\(barWidth.svgNumber)\" height=\"\((bottom - top).svgNumber)\" fill=\"\(color)\"/>\n"
                }
            case .histogram:
                for (bin, count) in series.y.enumerated() {
                    let (x0, x1) = (xPosition(chart.edges[bin]), xPosition(chart.edges[bin + 1]))
                    let top = y(count)
                    out += "<rect \(seriesClass)x=\"\((x0 + 0.5).svgNumber)\" y=\"\(top.svgNumber)\" width=\"\(max(0, x1 - x0 - 1).svgNumber)\" height=\"\((y(0) - top).svgNumber)\" fill=\"\(color)\"/>\n"
                }
            }
        }

        // Title, axis labels, legend.
        out += "<g fill=\"currentColor\" text-anchor=\"middle\">\n"
        if let title = chart.title {
            out += "<text class=\"chart-title\" x=\"\(((plot.left + plot.right) / 2).svgNumber)\" y=\"26\" font-size=\"17\" font-weight=\"600\">\(Self.escape(title))</text>\n"
        }
        if let label = chart.xLabel {
            out += "<text x=\"\(((plot.left + plot.right) / 2).svgNumber)\" y=\"\((Self.height - 10).svgNumber)\">\(Self.escape(label))</text>\n"
        }
        if let label = chart.yLabel {
            let center = ((plot.top + plot.bottom) / 2).svgNumber
            out += "<text x=\"22\" y=\"\(center)\" transform=\"rotate(-90 22 \(center))\">\(Self.escape(label))</text>\n"
        }
        out += "</g>\n"
        if !legend.entries.isEmpty {
            // Rows of swatches and names, left-aligned over the plot.
            out += "<g class=\"legend\" fill=\"currentColor\">\n"
            for entry in legend.entries {
                let color = Self.palette[entry.index % Self.palette.count]
                let rowY = legendTop + Self.legendRow * Double(entry.row) + 21
                out += "<rect class=\"s\(entry.index % Self.palette.count)\" x=\"\(entry.x.svgNumber)\" y=\"\((rowY - 11).svgNumber)\" width=\"16\" height=\"12\" fill=\"\(color)\"/>\n"
                out += "<text x=\"\((entry.x + 22).svgNumber)\" y=\"\(rowY.svgNumber)\">\(Self.escape(entry.name))</text>\n"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    static func escape(_ text: String) -> String { Escaping.xml(text) }
}

private extension Double {
    /// Two decimals, `-0.00` as `0.00`: the same bytes on every platform.
    var svgNumber: String { NumberFormat.fixed(self, digits: 2) }
    var formatted0: String { NumberFormat.fixed(self, digits: 0) }
}
