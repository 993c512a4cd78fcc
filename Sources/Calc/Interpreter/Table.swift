/// A table value: named columns and rows of cells.
public struct Table: Sendable, Equatable {
    /// The most cells a table value holds: a table is for reading (it shows its first and
    /// last rows), and every cell is a value in memory.
    public static let maximumCells = 1_000_000

    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
