// TEMPORARY until the pipeline-mode implementation lands: same API, one query per statement.
public struct PostgresStatement: Sendable, Hashable {
    public var sql: String
    public var parameters: [PostgresValue]
    public init(_ sql: String, _ parameters: [PostgresValue] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension PostgresClient {
    public func pipeline(_ statements: [PostgresStatement], timeout: Duration? = nil) async throws -> [PostgresRows] {
        var results: [PostgresRows] = []
        for statement in statements { results.append(try await query(statement.sql, statement.parameters, timeout: timeout)) }
        return results
    }
}
