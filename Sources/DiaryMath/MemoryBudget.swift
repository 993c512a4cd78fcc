import Synchronization

/// The memory the tensors of one computation (a note's cells) may hold at once.
///
/// Every tensor storage made while a budget is ``current`` is charged to it and gives
/// its bytes back when it is freed; a storage that would pass the limit is an error
/// (``MathError/outOfMemory(bytes:limit:)``), never an allocation the system refuses.
/// Budgets are per computation, so two notes rendering in parallel never fail because
/// of each other.
public final class MemoryBudget: Sendable {
    /// The current computation's budget; nil means no limit (a library caller's own code).
    @TaskLocal public static var current: MemoryBudget?

    public let limit: Int
    private let used = Atomic(0)

    public init(limit: Int) { self.limit = limit }

    /// Bytes held now by live tensors charged to this budget.
    public var bytesInUse: Int { used.load(ordering: .relaxed) }

    /// Takes `bytes` from the budget, or returns false (and takes nothing) when they do not fit.
    func charge(_ bytes: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            let (total, overflow) = current.addingReportingOverflow(bytes)
            guard !overflow, total <= limit else { return false }
            let (exchanged, original) = used.compareExchange(expected: current, desired: total, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ bytes: Int) {
        used.subtract(bytes, ordering: .relaxed)
    }
}
