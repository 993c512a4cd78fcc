/// Read-only names a session gets from its host: the built-in date names of a note.
public protocol NameResolver: Sendable {
    func resolve(_ name: String) -> NameResolution
    /// Names a misspelling could have meant, for "did you mean".
    func candidates(near name: String) -> [String]
}

public enum NameResolution: Sendable, Equatable {
    case value(Value)
    /// The name exists but has no value here; the message says why.
    case failure(String, note: String?)
    case unknown
}
