import GraphQLLanguage
import MongoClient
import PostgresClient
import RedisClient
import StoreSupport

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

    /// A store the field needs did not answer: `reason` says whether it is `busy` (every
    /// pooled connection in use past the pool's wait), `timeout` (it did not answer in time)
    /// or `unreachable` (down, refusing, or the connection broke).
    static func storeUnavailable(_ store: StoreName, underlying: any Error & Sendable) -> GraphQLError {
        let reason = StoreFailure(underlying)
        let message =
            switch reason {
            case .busy: "The \(store.displayName) store is busy: no connection came free in time; try again shortly."
            case .timeout: "The \(store.displayName) store did not answer in time; try again shortly."
            case .unreachable: "The \(store.displayName) store is unavailable; try again shortly."
            }
        return GraphQLError(
            message: message,
            extensions: ["code": "STORE_UNAVAILABLE", "store": store.rawValue, "reason": reason.rawValue],
            underlying: underlying)
    }
}

/// Why a store call failed, as far as a client should know.
enum StoreFailure: String {
    case busy, timeout, unreachable

    init(_ error: any Error) {
        switch error {
        case let error as ConnectionPoolError:
            if case .acquireTimeout = error { self = .busy } else { self = .unreachable }
        case let error as MongoError:
            switch error {
            case .poolExhausted: self = .busy
            case .timeout: self = .timeout
            default: self = .unreachable
            }
        case let error as PostgresError:
            if case .timeout = error { self = .timeout } else { self = .unreachable }
        case let error as RedisError:
            if case .timeout = error { self = .timeout } else { self = .unreachable }
        default: self = .unreachable
        }
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
