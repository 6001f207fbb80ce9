import GraphQLLanguage

/// Errors the gateway's resolvers raise, each becoming a `GraphQLError` whose
/// `extensions.code` a client can act on.
///
/// Store errors never reach a client as they are (they may carry SQL or parameters): the
/// loaders and writes turn them into `STORE_UNAVAILABLE` (or, for writes, a field-specific
/// error or `INTERNAL_SERVER_ERROR`), with the original kept as `underlying` for the log.
enum GatewayError {
    /// Input that breaks a rule, naming the argument or input field at fault (`input.email`).
    static func badInput(_ field: String, _ problem: String) -> GraphQLError {
        GraphQLError(
            message: "Invalid \(field): \(problem).", extensions: ["code": "BAD_USER_INPUT", "field": field])
    }

    /// The object an argument names does not exist.
    static func notFound(_ what: String, field: String) -> GraphQLError {
        GraphQLError(message: "No \(what) has that ID.", extensions: ["code": "NOT_FOUND", "field": field])
    }

    /// A write that conflicts with the current state (a slot taken, a status that forbids it).
    static func conflict(_ message: String, field: String? = nil) -> GraphQLError {
        var extensions = ["code": "CONFLICT"]
        if let field { extensions["field"] = field }
        return GraphQLError(message: message, extensions: extensions)
    }

    /// A store the field needs did not answer.
    static func storeUnavailable(_ store: StoreName, underlying: any Error & Sendable) -> GraphQLError {
        GraphQLError(
            message: "The \(store.displayName) store is unavailable; try again shortly.",
            extensions: ["code": "STORE_UNAVAILABLE", "store": store.rawValue], underlying: underlying)
    }
}

/// The three stores, as traces, metrics and errors name them.
public enum StoreName: String, Sendable, CaseIterable {
    case postgres = "postgresql"
    case mongo = "mongodb"
    case redis = "redis"

    var displayName: String {
        switch self {
        case .postgres: "PostgreSQL"
        case .mongo: "MongoDB"
        case .redis: "Redis"
        }
    }
}
