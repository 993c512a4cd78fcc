/// "Did you mean" suggestions for misspelt names.
public enum Suggestion {
    /// The candidate closest to `name`, when it is close enough to be a likely typo
    /// (edit distance at most a third of the name, and at least 1, at most 3). Case
    /// counts, except that a name differing only in case is always a match (`date` →
    /// `DATE`, but `late` is not `DATE`).
    public static func closest<S: Sequence<String>>(to name: String, among candidates: S) -> String? {
        let limit = min(3, max(1, name.count / 3))
        var best: (name: String, distance: Int)?
        let target = Array(name.unicodeScalars)
        for candidate in candidates where candidate != name {
            let distance = candidate.lowercased() == name.lowercased()
                ? 1 : editDistance(target, Array(candidate.unicodeScalars), limit: limit)
            guard distance <= limit else { continue }
            // The closest wins; among equals, the first in alphabetical order.
            if let current = best, distance > current.distance || (distance == current.distance && candidate >= current.name) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
    /// stopping early once every entry of a row exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
