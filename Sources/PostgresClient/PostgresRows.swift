/// A result column: its name and type.
public struct PostgresColumn: Sendable, Hashable {
    public var name: String
    public var dataType: PostgresDataType

    public init(name: String, dataType: PostgresDataType) {
        self.name = name
        self.dataType = dataType
    }
}

/// The rows of one statement, copied out of libpq's result.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [PostgresColumn]
    /// Rows changed by INSERT, UPDATE, DELETE or COPY (and rows returned by SELECT).
    public let affectedRows: Int
    private let values: [PostgresValue]  // row-major
    private let columnIndex: [String: Int]

    init(columns: [PostgresColumn], values: [PostgresValue], affectedRows: Int) {
        self.columns = columns
        self.values = values
        self.affectedRows = affectedRows
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column.name] == nil {
            index[column.name] = position
        }
        columnIndex = index
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(rows: self, offset: position * columns.count)
    }

    fileprivate func value(at offset: Int) -> PostgresValue { values[offset] }
    fileprivate func position(of column: String) -> Int? { columnIndex[column] }
}

/// One row; read values by column name or position.
public struct PostgresRow: Sendable {
    fileprivate let rows: PostgresRows
    fileprivate let offset: Int

    public var columns: [PostgresColumn] { rows.columns }

    /// All values in column order.
    public var values: [PostgresValue] { (0..<rows.columns.count).map { self[$0] } }

    public subscript(column: Int) -> PostgresValue { rows.value(at: offset + column) }

    /// `.null` for a column the row does not have; use `decode` to fail instead.
    public subscript(column: String) -> PostgresValue {
        rows.position(of: column).map { self[$0] } ?? .null
    }

    /// The column's value as `T`; throws `PostgresError.decoding` when it is missing or of
    /// another type (use an `Optional` type for nullable columns).
    public func decode<T: PostgresValueConvertible>(_ type: T.Type, _ column: String) throws -> T {
        guard let position = rows.position(of: column) else {
            throw PostgresError.decoding(column: column, reason: "the result has no such column")
        }
        return try decode(type, at: position)
    }

    public func decode<T: PostgresValueConvertible>(_ type: T.Type, at column: Int) throws -> T {
        let value = self[column]
        guard let decoded = T(postgresValue: value) else {
            throw PostgresError.decoding(
                column: rows.columns[column].name,
                reason: value.isNull
                    ? "NULL cannot be read as \(T.self); read an Optional"
                    : "a \(rows.columns[column].dataType) value cannot be read as \(T.self)")
        }
        return decoded
    }
}
