/// The diagnostics of one file, with the file that locates them.
public struct FileDiagnostics: Error, Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]

    /// How many diagnostics of one family (see ``Diagnostic/family``) a file shows: a
    /// line with 5,000 unknown commands gives twenty messages and a count, not 5,000.
    public static let shownPerFamily = 20

    public init(_ file: SourceFile, _ diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics to print, in file order: the first ``shownPerFamily`` of each
    /// family, and for each family cut short, how many more there were.
    public func shown() -> (diagnostics: [Diagnostic], omitted: [(example: Diagnostic, count: Int)]) {
        var counts: [Diagnostic.Family: Int] = [:]
        var shown: [Diagnostic] = []
        var firstOmitted: [Diagnostic.Family: Diagnostic] = [:]
        var order: [Diagnostic.Family] = []
        for diagnostic in diagnostics.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let family = diagnostic.family
            let count = counts[family, default: 0]
            counts[family] = count + 1
            if count < Self.shownPerFamily {
                shown.append(diagnostic)
            } else if firstOmitted[family] == nil {
                firstOmitted[family] = diagnostic
                order.append(family)
            }
        }
        let omitted = order.compactMap { family in
            firstOmitted[family].map { (example: $0, count: counts[family, default: 0] - Self.shownPerFamily) }
        }
        return (shown, omitted)
    }

    /// Every diagnostic, rendered as a compiler would, in file order; repeats beyond
    /// ``shownPerFamily`` are summed up in one line each.
    public func rendered() -> String {
        let (shown, omitted) = shown()
        var out = shown.map(file.render).joined()
        for (example, count) in omitted {
            out += "\(file.path): \(example.severity.rawValue): … and \(count) more like this (\(example.message))\n"
        }
        return out
    }
}
