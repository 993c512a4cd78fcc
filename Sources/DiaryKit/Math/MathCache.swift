import Synchronization

/// Converted formulas by TeX, mode and macros, shared by the threads of a run: formulas
/// recur (μ, σ², the update rule of every note), so each is converted once.
final class MathCache: Sendable {
    /// Enough for the formulas a diary repeats; a site of 10,000 notes with distinct
    /// formulas must not keep them all (about 1 KB of MathML each).
    static let capacity = 4096

    private struct Key: Hashable {
        var display: Bool
        var macros: TeXMacros.Signature
        var tex: String
    }

    private let entries = Mutex<[Key: Result<ConvertedMath, TeXError>]>([:])

    init() {}

    /// How many formulas are kept (at most ``capacity``).
    var count: Int { entries.withLock { $0.count } }

    /// The MathML of a formula with the macros in force, or the first construct that
    /// cannot be rendered.
    func convert(_ tex: String, display: Bool, macros: TeXMacros = .builtIn) throws(TeXError) -> ConvertedMath {
        let key = Key(display: display, macros: macros.signature, tex: tex)
        if let cached = entries.withLock({ $0[key] }) { return try cached.get() }
        let result: Result<ConvertedMath, TeXError>
        do {
            result = .success(try TeXParser.convert(tex, display: display, macros: macros))
        } catch {
            result = .failure(error)
        }
        entries.withLock { if $0.count < Self.capacity { $0[key] = result } }
        return try result.get()
    }

    /// The MathML alone (tests).
    func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        try convert(tex, display: display).markup
    }
}
