import Foundation
import GraphQLLanguage
import MongoClient
import PostgresClient
import RedisClient

/// The store calls of one mutation: each counted in the request's trace, each failure turned
/// into a client error. A constraint violation becomes the error of the input field behind
/// it; any other store failure becomes `STORE_UNAVAILABLE`, never the store's own message
/// (which may quote SQL or the values written).
struct StoreWrites {
    let gateway: Gateway
    /// Where round trips are counted: the request's trace (none outside a request).
    let trace: RequestTrace?
    /// The request's time budget (none outside a request): no write starts once it is spent.
    let budget: RequestBudget?

    init(gateway: Gateway, trace: RequestTrace?, budget: RequestBudget? = nil) {
        self.gateway = gateway
        self.trace = trace
        self.budget = budget
    }

    init(context: RequestContext) {
        self.init(gateway: context.gateway, trace: context.trace, budget: context.budget)
    }

    /// The timeout of a call starting now: the store timeout, or what is left of the budget.
    var timeout: Duration {
        budget?.timeout() ?? gateway.configuration.storeTimeout
    }

    /// Refuses to start a write to `store` once the request's budget is spent.
    private func checkBudget(_ store: StoreName) throws {
        _ = try budget?.callTimeout(store)
    }

    // MARK: - PostgreSQL

    /// One parameterized statement.
    func query(_ sql: String, _ parameters: [PostgresValue]) async throws -> PostgresRows {
        try checkBudget(.postgres)
        do {
            let rows = try await gateway.stores.postgres.query(sql, parameters, timeout: timeout)
            trace?.roundTrip(.postgres, items: rows.count)
            return rows
        } catch {
            trace?.roundTrip(.postgres, items: 0)
            throw Self.postgresFailure(error)
        }
    }

    /// Statements sent together in one round trip.
    func pipeline(_ statements: [PostgresStatement]) async throws -> [PostgresRows] {
        try checkBudget(.postgres)
        do {
            let results = try await gateway.stores.postgres.pipeline(statements, timeout: timeout)
            trace?.roundTrip(.postgres, items: results.reduce(0) { $0 + $1.count })
            return results
        } catch {
            trace?.roundTrip(.postgres, items: 0)
            throw Self.postgresFailure(error)
        }
    }

    /// A transaction: committed when `body` returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: (TracedTransaction) async throws -> T) async throws -> T {
        try checkBudget(.postgres)
        let trace = trace
        do {
            let result = try await gateway.stores.postgres.withTransaction(timeout: timeout) { transaction in
                trace?.roundTrip(.postgres, items: 0)  // BEGIN
                return try await body(TracedTransaction(transaction: transaction, trace: trace))
            }
            trace?.roundTrip(.postgres, items: 0)  // COMMIT
            return result
        } catch {
            throw Self.postgresFailure(error)
        }
    }

    /// A resolver's own errors pass through; a constraint violation becomes its field's
    /// error. A statement PostgreSQL refused for another reason of data or SQL (classes 22,
    /// 23, 42: a rule the gateway should have checked) is an internal error; anything else
    /// (no connection, a timeout, a serialization failure) means PostgreSQL could not do the
    /// write now: STORE_UNAVAILABLE.
    static func postgresFailure(_ error: any Error) -> any Error {
        if error is GraphQLError { return error }
        guard let error = error as? PostgresError else { return GatewayError.storeUnavailable(.postgres, underlying: error) }
        if let constraint = error.constraint, var mapped = ConstraintErrors.byName[constraint] {
            mapped.underlying = error
            return mapped
        }
        if let state = error.sqlState, ["22", "23", "42"].contains(state.errorClass) {
            return GraphQLError(
                message: "Internal error: the write was refused.", extensions: ["code": "INTERNAL_SERVER_ERROR"],
                underlying: error)
        }
        return GatewayError.storeUnavailable(.postgres, underlying: error)
    }

    // MARK: - MongoDB and Redis

    /// A MongoDB call. A duplicate key the call did not handle itself becomes a CONFLICT
    /// (a unique index refused a write racing another); any other failure, `STORE_UNAVAILABLE`.
    @discardableResult
    func mongo<T: Sendable>(_ body: (MongoDatabase) async throws -> T) async throws -> T {
        try checkBudget(.mongo)
        do {
            let result = try await body(gateway.stores.mongo)
            trace?.roundTrip(.mongo, items: 1)
            return result
        } catch let error as MongoError {
            trace?.roundTrip(.mongo, items: 0)
            if case .duplicateKey = error {
                var conflict = GatewayError.conflict("The write conflicts with one made at the same time; try again.")
                conflict.underlying = error
                throw conflict
            }
            throw GatewayError.storeUnavailable(.mongo, underlying: error)
        } catch {
            trace?.roundTrip(.mongo, items: 0)
            if error is GraphQLError { throw error }
            throw GatewayError.storeUnavailable(.mongo, underlying: error)
        }
    }

    /// A Redis write. Unlike cache reads, a counter the mutation exists to change cannot be
    /// skipped when Redis is down: the mutation fails with `STORE_UNAVAILABLE`.
    @discardableResult
    func redis<T: Sendable>(_ body: (RedisClient) async throws -> T) async throws -> T {
        try checkBudget(.redis)
        do {
            let result = try await body(gateway.stores.redis)
            trace?.roundTrip(.redis, items: 1)
            return result
        } catch {
            trace?.roundTrip(.redis, items: 0)
            throw GatewayError.storeUnavailable(.redis, underlying: error)
        }
    }

    /// Deletes the cache entries a write made stale (see `Gateway.invalidate`).
    func invalidate(_ keys: [String]) async {
        await gateway.invalidate(keys)
    }
}

/// A transaction whose statements count in the request's trace.
struct TracedTransaction {
    let transaction: PostgresTransaction
    let trace: RequestTrace?

    func query(_ sql: String, _ parameters: [PostgresValue]) async throws -> PostgresRows {
        let rows = try await transaction.query(sql, parameters)
        trace?.roundTrip(.postgres, items: rows.count)
        return rows
    }

    func query(_ statement: PostgresStatement) async throws -> PostgresRows {
        try await query(statement.sql, statement.parameters)
    }
}

/// PostgreSQL constraints (named in `ChorusSchema`) and the input field each one guards.
///
/// The mutations check their input before writing, so most of these only fire on a race
/// (two sign-ups with one email) or on a rule the check missed; either way the client gets
/// its field's error, not PostgreSQL's message.
enum ConstraintErrors {
    static let byName: [String: GraphQLError] = [
        "users_email_key": GatewayError.conflict("A user with this email address already exists.", field: "input.email"),
        "users_email_check": GatewayError.badInput("input.email", "is not an email address"),
        "users_role_check": GatewayError.badInput("input.role", "is not a role"),
        "doctors_license_number_key": GatewayError.conflict(
            "A doctor with this license number already exists.", field: "input.doctorProfile.licenseNumber"),
        "doctors_consultation_fee_check": GatewayError.badInput(
            "input.doctorProfile.consultationFee", "must be at least 0"),
        "consultations_patient_is_not_doctor_check": GatewayError.badInput(
            "input.doctorId", "names the patient; a doctor cannot book a consultation with themselves"),
        "consultations_patient_id_fkey": GatewayError.notFound("user", field: "input.patientId"),
        "consultations_doctor_id_fkey": GatewayError.notFound("doctor", field: "input.doctorId"),
    ]
}
