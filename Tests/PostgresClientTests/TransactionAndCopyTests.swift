import Foundation
import PostgresClient
import Testing

@Suite struct TransactionAndCopyTests {
    struct Refusal: Error, Equatable {}

    @Test func transactionCommitsWhenTheBodyReturns() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "n int NOT NULL") { (table) async throws in
            let inserted = try await client.withTransaction { transaction in
                try await transaction.execute("INSERT INTO \(table) VALUES ($1), ($2)", [.int32(1), .int32(2)])
            }
            #expect(inserted == 2)
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(2))
        }
    }

    @Test func transactionRollsBackWhenTheBodyThrows() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        try await withScratchTable(client, "n int NOT NULL") { (table) async throws in
            await #expect(throws: Refusal()) {
                try await client.withTransaction { transaction in
                    try await transaction.execute("INSERT INTO \(table) VALUES ($1)", [.int32(1)])
                    throw Refusal()
                }
            }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
        }
    }

    @Test func transactionRollsBackAfterAServerError() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        try await withScratchTable(client, "n int PRIMARY KEY") { (table) async throws in
            let pid = try await client.query("SELECT pg_backend_pid()")[0][0]
            await #expect {
                try await client.withTransaction { transaction in
                    try await transaction.execute("INSERT INTO \(table) VALUES ($1)", [.int32(1)])
                    try await transaction.execute("INSERT INTO \(table) VALUES ($1)", [.int32(1)])
                }
            } throws: { ($0 as? PostgresError)?.isUniqueViolation == true }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
            // The single connection was rolled back and kept, not discarded.
            #expect(try await client.query("SELECT pg_backend_pid()")[0][0] == pid)
        }
    }

    @Test(arguments: [PostgresIsolation.readCommitted, .repeatableRead, .serializable])
    func isolationLevelIsApplied(isolation: PostgresIsolation) async throws {
        let client = try sharedClient()
        let level = try await client.withTransaction(isolation) { transaction in
            try await transaction.query("SELECT current_setting('transaction_isolation')")[0].decode(String.self, at: 0)
        }
        let expected = switch isolation {
        case .readCommitted: "read committed"
        case .repeatableRead: "repeatable read"
        case .serializable: "serializable"
        }
        #expect(level == expected)
    }

    @Test func copyLoadsOddValuesExactly() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "n int, t text, b bytea, j jsonb, tags text[], at timestamptz, amount numeric") { (table) async throws in
            let odd = ["tab\there", "new\nline", "back\\slash", "\\N", "🩺", "'; DROP TABLE users; --", "", "cr\r"]
            let at = Date(timeIntervalSince1970: 1_700_000_000.123456)
            let rows: [[PostgresValue]] = (0..<20_000).map { n in
                [.int32(Int32(n)), n % 10 == 9 ? .null : .text(odd[n % odd.count]), .bytea([0, UInt8(n % 256), 92, 9]),
                 .jsonb(PostgresJSON(text: "{\"n\": \(n)}")), PostgresValue([odd[n % odd.count], "x"]),
                 .timestamptz(at), .numeric(PostgresNumeric("\(n).25")!)]
            }
            #expect(try await client.copy(into: table, columns: ["n", "t", "b", "j", "tags", "at", "amount"], rows: rows) == 20_000)
            let back = try await client.query("SELECT n, t, b, j, tags, at, amount FROM \(table) ORDER BY n")
            #expect(back.count == 20_000)
            #expect(back.map(\.values) == rows)
        }
    }

    @Test func copyWithAnUnsendableValueLoadsNothing() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        try await withScratchTable(client, "t text") { (table) async throws in
            await #expect(throws: PostgresError.invalidParameter(
                index: 1, reason: "row 2: it contains a NUL character (U+0000), which PostgreSQL text cannot store; send bytes as bytea")
            ) {
                try await client.copy(into: table, columns: ["t"], rows: [["ok"], [.text("bad\u{0}")]])
            }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
        }
    }

    @Test func copyQuotesIdentifiers() async throws {
        let client = try sharedClient()
        await #expect { try await client.copy(into: "users\"; DROP TABLE x; --", columns: ["a"], rows: [["1"]]) }
            throws: { ($0 as? PostgresError)?.sqlState == .undefinedTable }
    }

    @Test func copyInsideATransactionRollsBackWithIt() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "n int") { (table) async throws in
            await #expect(throws: Refusal()) {
                try await client.withTransaction { transaction in
                    try await transaction.copy(into: table, columns: ["n"], rows: (0..<100).map { [.int32(Int32($0))] })
                    #expect(try await transaction.query("SELECT count(*) FROM \(table)")[0][0] == .int64(100))
                    throw Refusal()
                }
            }
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(0))
        }
    }
}
