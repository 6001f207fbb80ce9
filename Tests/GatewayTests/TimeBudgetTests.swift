import Foundation
import GraphQLExecution
import MongoClient
import PostgresClient
import Prometheus
import RedisClient
import StoreSupport
import Synchronization
import Testing

@testable import Gateway

/// The request's time budget: every store call's timeout comes from it, no call starts once
/// it is spent, and a query still running past it is answered without waiting for it.
/// (Stores frozen and stopped under load are in EndToEndTests.StoreFaultTests.)
struct TimeBudgetTests {
    @Test(
        "a call's timeout is the store timeout, or what is left of the budget if less",
        arguments: [
            (Duration.seconds(10), Duration.seconds(5), Duration.seconds(5)),
            (Duration.seconds(2), Duration.seconds(5), Duration.seconds(2)),
        ])
    func callTimeout(total: Duration, storeTimeout: Duration, atMost expected: Duration) throws {
        let budget = RequestBudget(total: total, storeTimeout: storeTimeout)
        let timeout = try budget.callTimeout(.postgres)
        #expect(timeout <= expected)
        #expect(timeout > expected - .milliseconds(500))
    }

    @Test("a spent budget refuses the call, naming the store and the budget")
    func spentBudget() {
        let budget = RequestBudget(total: .milliseconds(1500), storeTimeout: .seconds(5), start: .now - .seconds(2))
        #expect(throws: RequestBudget.exhausted(before: .mongo, budget: .milliseconds(1500))) {
            try budget.callTimeout(.mongo)
        }
        let error = RequestBudget.exhausted(before: .mongo, budget: .milliseconds(1500))
        #expect(error.message == "The request used up its time budget of 1.5 s before its call to MongoDB.")
        #expect(error.extensions == ["code": "REQUEST_TIMEOUT", "store": "mongodb"])
    }

    /// A gateway whose budget is spent before any call: nothing reaches a store.
    private static func spentGateway() async throws -> Gateway {
        let stores = try MutationFixtures.stores()
        try await MutationFixtures.migrate(stores)
        var configuration = GatewayConfiguration()
        configuration.requestTimeout = .zero
        return try Gateway(stores: stores, configuration: configuration, registry: PrometheusCollectorRegistry())
    }

    @Test("with the budget spent, store fields are null with REQUEST_TIMEOUT and the rest is served")
    func spentBudgetQuery() async throws {
        let gateway = try await Self.spentGateway()
        defer { Task { await gateway.stores.shutdown() } }
        let id = GlobalID.encode("User", UUID())
        let result = try await MutationFixtures.execute(
            gateway, #"query($id: ID!) { __typename user(id: $id) { email } }"#, #"{"id": "\#(id)"}"#)
        #expect(result.data == .object([.init(name: "__typename", value: .string("Query")), .init(name: "user", value: .null)]))
        #expect(
            MutationFixtures.errors(result) == [
                .init("The request used up its time budget of 0 ms before its call to PostgreSQL.", "REQUEST_TIMEOUT", nil)
            ])
        #expect(result.errors.first?.path == [.key("user")])
    }

    @Test("with the budget spent, a mutation writes nothing")
    func spentBudgetMutation() async throws {
        let gateway = try await Self.spentGateway()
        defer { Task { await gateway.stores.shutdown() } }
        let email = MutationFixtures.uniqueEmail("budget")
        let result = try await MutationFixtures.execute(
            gateway, "mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }",
            #"{"input": {"email": "\#(email)", "role": "PATIENT"}}"#)
        // createUser is non-null: its error nulls the whole response's data.
        #expect(result.data == .null)
        #expect(MutationFixtures.errors(result).map(\.code) == ["REQUEST_TIMEOUT"])
        let rows = try await gateway.stores.postgres.query("SELECT 1 FROM users WHERE email = $1", [.text(email)])
        #expect(rows.count == 0)
    }
}

/// What a client is told of a failed store call: busy, slow or unreachable, never the
/// store's own message.
struct StoreFailureTests {
    static let statistics = PoolStatistics(maximumConnections: 2, idle: 0, leased: 2, connecting: 0, waiting: 5)

    @Test(arguments: [
        (ConnectionPoolError.acquireTimeout(waited: .seconds(1), statistics: statistics) as any Error & Sendable, "busy"),
        (MongoError.poolExhausted(waited: .seconds(1), statistics: statistics), "busy"),
        (PostgresError.timeout(after: .seconds(5)), "timeout"),
        (MongoError.timeout(operation: "aggregate", after: .seconds(5)), "timeout"),
        (RedisError.timeout(after: .milliseconds(100)), "timeout"),
        (PostgresError.connectionFailed(message: "connection refused"), "unreachable"),
        (MongoError.connection(domain: 2, code: 13, message: "No suitable servers"), "unreachable"),
        (ConnectionPoolError.connectFailed(message: "refused"), "unreachable"),
    ])
    func reason(error: any Error & Sendable, reason: String) {
        #expect(StoreFailure(error).rawValue == reason)
    }

    @Test("the messages, by reason")
    func messages() {
        let busy = GatewayError.storeUnavailable(
            .postgres, underlying: ConnectionPoolError.acquireTimeout(waited: .seconds(1), statistics: Self.statistics))
        #expect(busy.message == "The PostgreSQL store is busy: no connection came free in time; try again shortly.")
        #expect(busy.extensions == ["code": "STORE_UNAVAILABLE", "store": "postgresql", "reason": "busy"])
        let slow = GatewayError.storeUnavailable(.mongo, underlying: MongoError.timeout(operation: "find", after: .seconds(5)))
        #expect(slow.message == "The MongoDB store did not answer in time; try again shortly.")
        let down = GatewayError.storeUnavailable(.redis, underlying: RedisError.connectionFailed(message: "refused"))
        #expect(down.message == "The Redis store is unavailable; try again shortly.")
        #expect(down.extensions["reason"] == "unreachable")
    }
}
