import Foundation
import PostgresClient
import StoreSupport
import Testing

@Suite struct StatementTests {
    static let hostile = [
        "'; DROP TABLE users; --", "Robert'); DROP TABLE students;--", "\" OR 1=1 --", "$1", "$$ $$",
        "\\x00", "%s%n", "🩺 emoji", "line\nbreak", "tab\there", "E'\\''", "{\"$gt\": \"\"}",
    ]

    @Test func hostileStringsAreStoredAndFoundVerbatim() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "id serial PRIMARY KEY, value text NOT NULL") { (table) async throws in
            for value in Self.hostile {
                #expect(try await client.execute("INSERT INTO \(table) (value) VALUES ($1)", [.text(value)]) == 1)
            }
            for value in Self.hostile {
                let rows = try await client.query("SELECT value FROM \(table) WHERE value = $1", [.text(value)])
                #expect(rows.map { $0["value"] } == [.text(value)])
            }
            let all = try await client.query("SELECT value FROM \(table) ORDER BY id")
            #expect(try all.map { try $0.decode(String.self, "value") } == Self.hostile)
            #expect(try await client.query("SELECT count(*) FROM \(table)")[0][0] == .int64(Int64(Self.hostile.count)))
        }
    }

    @Test func constraintViolationsCarrySQLStateAndConstraint() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "id int PRIMARY KEY, email text CONSTRAINT scratch_email_key UNIQUE, fee int CONSTRAINT scratch_fee_check CHECK (fee >= 0)") { parent in
            try await withScratchTable(client, "parent_id int CONSTRAINT scratch_parent_fkey REFERENCES \(parent) (id)") { child in
                try await client.execute("INSERT INTO \(parent) VALUES (1, 'a@x', 0)")
                let cases: [(String, [PostgresValue], SQLState, String)] = [
                    ("INSERT INTO \(parent) VALUES (2, $1, 0)", ["a@x"], .uniqueViolation, "scratch_email_key"),
                    ("INSERT INTO \(parent) VALUES (3, 'b@x', $1)", [.int32(-1)], .checkViolation, "scratch_fee_check"),
                    ("INSERT INTO \(child) VALUES ($1)", [.int32(99)], .foreignKeyViolation, "scratch_parent_fkey"),
                ]
                for (sql, parameters, state, constraint) in cases {
                    await #expect {
                        try await client.execute(sql, parameters)
                    } throws: { error in
                        let error = error as? PostgresError
                        return error?.sqlState == state && error?.constraint == constraint
                    }
                }
                do {
                    try await client.execute("INSERT INTO \(parent) VALUES (2, $1, 0)", ["a@x"])
                    Issue.record("a duplicate email was accepted")
                } catch let error as PostgresError {
                    #expect(error.isUniqueViolation)
                    #expect(!error.isForeignKeyViolation && !error.isCheckViolation)
                    // The description leaves out the detail, which quotes the duplicate value.
                    #expect("\(error)" == "PostgreSQL error 23505: duplicate key value violates unique constraint \"scratch_email_key\" (constraint scratch_email_key)")
                }
            }
        }
    }

    @Test func syntaxErrorIsTypedAndTheConnectionStaysUsable() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        await #expect { try await client.query("SELEC 1") } throws: { ($0 as? PostgresError)?.sqlState == .syntaxError }
        #expect(try await client.query("SELECT 1")[0][0] == .int32(1))
    }

    @Test func anyOfAnArrayFindsEveryRow() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "id uuid PRIMARY KEY, n int NOT NULL") { (table) async throws in
            let ids = (0..<1000).map { _ in UUID() }
            try await client.copy(into: table, columns: ["id", "n"], rows: ids.enumerated().map { [.uuid($1), .int32(Int32($0))] })
            let rows = try await client.query("SELECT id, n FROM \(table) WHERE id = ANY($1) ORDER BY n", [PostgresValue(ids)])
            #expect(try rows.map { try $0.decode(UUID.self, "id") } == ids)
        }
    }

    @Test func preparedStatementIsReusedOnTheSameConnection() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let sql = "SELECT $1::int4 + 1 AS next"
        for n in Int32(0)..<3 {
            #expect(try await client.query(sql, [.int32(n)])[0]["next"] == .int32(n + 1))
        }
        let prepared = try await client.query(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [.text(sql)])
        #expect(prepared[0][0] == .int64(1))
    }

    @Test func concurrentCallersShareTheConnections() async throws {
        let client = try makeClient(maximumConnections: 4)
        defer { Task { await client.shutdown() } }
        let sums = try await withThrowingTaskGroup(of: Int64.self) { group in
            for n in 0..<50 {
                group.addTask { try await client.query("SELECT $1::int8 * 2", [.int64(Int64(n))])[0].decode(Int64.self, at: 0) }
            }
            return try await group.reduce(0, +)
        }
        #expect(sums == 2450)
        #expect(client.poolStatistics.leased == 0)
        #expect(client.poolStatistics.idle <= 4)
    }
}
