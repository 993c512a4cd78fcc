/// A table value: named columns and rows of cells.
public struct Table: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
