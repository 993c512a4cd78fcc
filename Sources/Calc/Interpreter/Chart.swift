/// A chart value: what `plot`, `scatter`, `bar` and `hist` return. Pure data; the
/// host draws it (as SVG).
public struct Chart: Sendable, Equatable {
    /// The most points (or bars) one chart draws: an SVG of more is megabytes a reader
    /// cannot see apart. `hist` summarises any number of values into bins.
    public static let maximumPoints = 100_000

    public enum Kind: Sendable, Equatable {
        case line, scatter, bar, histogram
    }

    /// One series: points (or, for bars, one value per category).
    public struct Series: Sendable, Equatable {
        public var name: String?
        public var x: [Double]
        public var y: [Double]

        public init(name: String?, x: [Double], y: [Double]) {
            self.name = name
            self.x = x
            self.y = y
        }
    }

    public var kind: Kind
    public var series: [Series]
    /// Category names of a bar chart, in order.
    public var categories: [String] = []
    /// Bin edges of a histogram (one more than its counts).
    public var edges: [Double] = []
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?

    public init(kind: Kind, series: [Series]) {
        self.kind = kind
        self.series = series
    }

    /// A one-line description (the SVG's `<desc>`, `diary eval`'s output).
    public var summary: String {
        let kindName = switch kind {
        case .line: "Line chart"
        case .scatter: "Scatter plot"
        case .bar: "Bar chart"
        case .histogram: "Histogram"
        }
        let points = series.map(\.y.count).reduce(0, +)
        var text = "\(kindName) of \(series.count) series, \(points) \(kind == .bar ? "values" : kind == .histogram ? "bins" : "points")"
        let names = series.compactMap(\.name)
        if !names.isEmpty { text += ": " + names.joined(separator: ", ") }
        return text
    }
}
