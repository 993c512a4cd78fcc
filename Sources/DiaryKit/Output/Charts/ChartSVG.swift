import Calc

/// A chart as a self-contained SVG: its own styles (light and dark), system fonts, no
/// script, `role="img"` with a title and a description. The same chart gives the same
/// bytes: every coordinate is written with two decimals.
struct ChartSVG {
    static let width = 640.0
    static let height = 400.0
    /// Okabe and Ito's colour-blind-safe palette, readable on light and dark backgrounds.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"]

    let chart: Chart
    /// Unique within the page (`chart-2`): the ids of its title and description.
    let id: String

    func svg() -> String {
        let named = chart.series.enumerated().filter { $0.element.name != nil }
        // A legend gets its own row under the title, so it never hides data.
        let top = (chart.title == nil ? 20.0 : 44.0) + (named.isEmpty ? 0 : 24)
        let bottom = Self.height - (chart.xLabel == nil ? 34 : 54)
        let left = chart.yLabel == nil ? 58.0 : 76.0
        let right = Self.width - 18
        let plot = (left: left, right: right, top: top, bottom: bottom)
        let titleText = chart.title ?? chart.summary
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="diary-chart" viewBox="0 0 \(Self.width.formatted0) \(Self.height.formatted0)" \
        width="\(Self.width.formatted0)" height="\(Self.height.formatted0)" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">
        <title id="\(id)-title">\(Self.escape(titleText))</title>
        <desc id="\(id)-desc">\(Self.escape(chart.summary))</desc>
        <style>
        .diary-chart { color: #1f2328; }
        .diary-chart .grid { stroke: #d8dee4; }
        @media (prefers-color-scheme: dark) {
          .diary-chart { color: #e6e8eb; }
          .diary-chart .grid { stroke: #30363d; }
        }
        </style>

        """
        let ys = chart.series.flatMap(\.y).filter(\.isFinite)
        let yScale = NiceScale(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1,
                               maxTicks: 6, includeZero: chart.kind == .bar || chart.kind == .histogram)
        func y(_ value: Double) -> Double { yScale.position(value, from: plot.bottom, to: plot.top) }

        // Grid and y ticks.
        out += "<g class=\"grid\" stroke-width=\"1\">\n"
        for tick in yScale.ticks { out += "<line x1=\"\(plot.left.svgNumber)\" y1=\"\(y(tick).svgNumber)\" x2=\"\(plot.right.svgNumber)\" y2=\"\(y(tick).svgNumber)\"/>\n" }
        out += "</g>\n<g fill=\"currentColor\" text-anchor=\"end\">\n"
        for tick in yScale.ticks {
            out += "<text x=\"\((plot.left - 8).svgNumber)\" y=\"\((y(tick) + 4).svgNumber)\">\(Self.escape(yScale.label(tick)))</text>\n"
        }
        out += "</g>\n"

        // X axis: numbers, categories or bin edges.
        var xPosition: (Double) -> Double = { _ in plot.left }
        out += "<g fill=\"currentColor\" text-anchor=\"middle\">\n"
        switch chart.kind {
        case .bar:
            let band = (plot.right - plot.left) / Double(max(chart.categories.count, 1))
            xPosition = { plot.left + band * ($0 + 0.5) }
            for (index, category) in chart.categories.enumerated() {
                out += "<text x=\"\(xPosition(Double(index)).svgNumber)\" y=\"\((plot.bottom + 18).svgNumber)\">\(Self.escape(category))</text>\n"
            }
        case .line, .scatter, .histogram:
            let xs = (chart.kind == .histogram ? chart.edges : chart.series.flatMap(\.x)).filter(\.isFinite)
            let xScale = NiceScale(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, maxTicks: 7)
            xPosition = { xScale.position($0, from: plot.left, to: plot.right) }
            for tick in xScale.ticks {
                out += "<text x=\"\(xPosition(tick).svgNumber)\" y=\"\((plot.bottom + 18).svgNumber)\">\(Self.escape(xScale.label(tick)))</text>\n"
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
            switch chart.kind {
            case .line:
                // A point that is not finite breaks the line into segments.
                var segment: [String] = []
                func flush() {
                    if segment.count > 1 {
                        out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(segment.joined(separator: " "))\"/>\n"
                    }
                    segment = []
                }
                for (px, py) in zip(series.x, series.y) {
                    if px.isFinite, py.isFinite { segment.append("\(xPosition(px).svgNumber),\(y(py).svgNumber)") } else { flush() }
                }
                flush()
                if series.x.count <= 40 {
                    for (px, py) in zip(series.x, series.y) where px.isFinite && py.isFinite {
                        out += "<circle cx=\"\(xPosition(px).svgNumber)\" cy=\"\(y(py).svgNumber)\" r=\"3\" fill=\"\(color)\"/>\n"
                    }
                }
            case .scatter:
                for (px, py) in zip(series.x, series.y) where px.isFinite && py.isFinite {
                    out += "<circle cx=\"\(xPosition(px).svgNumber)\" cy=\"\(y(py).svgNumber)\" r=\"3.5\" fill=\"\(color)\" fill-opacity=\"0.8\"/>\n"
                }
            case .bar:
                let band = (plot.right - plot.left) / Double(max(chart.categories.count, 1))
                let barWidth = band * 0.7 / Double(chart.series.count)
                for (category, value) in series.y.enumerated() {
                    let x = plot.left + band * Double(category) + band * 0.15 + barWidth * Double(index)
                    let (top, bottom) = (min(y(value), y(0)), max(y(value), y(0)))
                    out += "<rect x=\"\(x.svgNumber)\" y=\"\(top.svgNumber)\" width=\"\(barWidth.svgNumber)\" height=\"\((bottom - top).svgNumber)\" fill=\"\(color)\"/>\n"
                }
            case .histogram:
                for (bin, count) in series.y.enumerated() {
                    let (x0, x1) = (xPosition(chart.edges[bin]), xPosition(chart.edges[bin + 1]))
                    let top = y(count)
                    out += "<rect x=\"\((x0 + 0.5).svgNumber)\" y=\"\(top.svgNumber)\" width=\"\(max(0, x1 - x0 - 1).svgNumber)\" height=\"\((y(0) - top).svgNumber)\" fill=\"\(color)\"/>\n"
                }
            }
        }

        // Title, axis labels, legend.
        out += "<g fill=\"currentColor\" text-anchor=\"middle\">\n"
        if let title = chart.title {
            out += "<text x=\"\(((plot.left + plot.right) / 2).svgNumber)\" y=\"24\" font-size=\"15\" font-weight=\"600\">\(Self.escape(title))</text>\n"
        }
        if let label = chart.xLabel {
            out += "<text x=\"\(((plot.left + plot.right) / 2).svgNumber)\" y=\"\((Self.height - 12).svgNumber)\">\(Self.escape(label))</text>\n"
        }
        if let label = chart.yLabel {
            let center = ((plot.top + plot.bottom) / 2).svgNumber
            out += "<text x=\"18\" y=\"\(center)\" transform=\"rotate(-90 18 \(center))\">\(Self.escape(label))</text>\n"
        }
        out += "</g>\n"
        if !named.isEmpty {
            // One row of swatches and names, left-aligned over the plot.
            let rowY = plot.top - 14
            var x = plot.left
            out += "<g class=\"legend\" fill=\"currentColor\">\n"
            for entry in named {
                let color = Self.palette[entry.offset % Self.palette.count]
                let name = entry.element.name ?? ""
                out += "<rect x=\"\(x.svgNumber)\" y=\"\((rowY - 9).svgNumber)\" width=\"14\" height=\"10\" fill=\"\(color)\"/>\n"
                out += "<text x=\"\((x + 19).svgNumber)\" y=\"\(rowY.svgNumber)\">\(Self.escape(name))</text>\n"
                x += 19 + 7 * Double(name.count) + 18
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
