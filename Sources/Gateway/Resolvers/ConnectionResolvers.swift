import GraphQLExecution

/// Resolvers shared by every connection type (Relay cursor connections) and `PageInfo`.
enum ConnectionResolvers {
    static let connection: [String: FieldResolver] = [
        "edges": Resolve.field(Connection.self) { connection in .list(connection.edges.map { .object($0) }) },
        "nodes": Resolve.field(Connection.self) { connection in .list(connection.edges.map(\.node)) },
        "pageInfo": Resolve.field(Connection.self) { .object($0) },
        "totalCount": Resolve.field(Connection.self) { .int($0.totalCount) },
    ]

    static let edge: [String: FieldResolver] = [
        "cursor": Resolve.field(Connection.Edge.self) { .string($0.cursor) },
        "node": Resolve.field(Connection.Edge.self) { $0.node },
    ]

    static let pageInfo: [String: FieldResolver] = [
        "hasNextPage": Resolve.field(Connection.self) { .boolean($0.hasNextPage) },
        "hasPreviousPage": Resolve.field(Connection.self) { .boolean($0.hasPreviousPage) },
        "startCursor": Resolve.field(Connection.self) { .string($0.edges.first?.cursor) },
        "endCursor": Resolve.field(Connection.self) { .string($0.edges.last?.cursor) },
    ]
}
