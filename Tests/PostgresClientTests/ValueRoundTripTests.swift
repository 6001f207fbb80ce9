import Foundation
import PostgresClient
import Testing

/// Values go out as parameters and come back unchanged, type by type.
@Suite struct ValueRoundTripTests {
    static let id = UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7")!
    /// 2024-02-29 12:34:56.789012 UTC, to the microsecond.
    static let leapDay = Date(timeIntervalSince1970: 1_709_210_096.789012)

    static let values: [PostgresValue] = [
        .bool(true), .bool(false),
        .int16(.min), .int16(.max), .int32(.min), .int32(-1), .int64(.min), .int64(.max), .int64(0),
        .float64(0.1), .float64(-0.0), .float64(1e308), .float64(.leastNonzeroMagnitude), .float64(.infinity), .float64(-.infinity),
        .text(""), .text("plain"), .text("it's \"quoted\""), .text("'; DROP TABLE users; --"),
        .text("back\\slash\ttab\nnewline\r"), .text("emoji 🩺👩🏽‍⚕️ and e\u{301} combining"),
        .text("{\"$gt\": \"\"}"), .text("NULL"), .text("\\N"),
        .bytea([]), .bytea([0, 1, 2, 0, 255]), .bytea(Array(0...255)),
        .uuid(id), .timestamptz(leapDay), .timestamptz(Date(timeIntervalSince1970: 0)),
        .timestamptz(Date(timeIntervalSince1970: -1_000_000_000.5)), .timestamptz(.distantFuture),
        .numeric(PostgresNumeric("0")!), .numeric(PostgresNumeric("-12.500")!),
        .numeric(PostgresNumeric("123456789012345678901234567890.000000000000000001")!),
        .numeric(PostgresNumeric("0.00001")!), .numeric(PostgresNumeric("10000")!), .numeric(PostgresNumeric("NaN")!),
        .jsonb(PostgresJSON(text: "{\"a\": [1, 2.5, null, \"x\"], \"b\": {\"c\": true}}")),
        .jsonb(PostgresJSON(text: "\"'; DROP TABLE users; --\"")),
        PostgresValue([id, UUID(uuidString: "00000000-0000-0000-0000-000000000000")!]),
        PostgresValue(["a", "b,c", "d\"e", "f\\g", "NULL", "", "🩺"]),
        PostgresValue([String?.some("x"), nil]),
        PostgresValue([Int64.min, 0, Int64.max]), PostgresValue([Int32(1), Int32(-2)]),
        PostgresValue([Int16(7)]), PostgresValue([true, false]), PostgresValue([1.5, -0.25]),
        PostgresValue([leapDay]), PostgresValue([PostgresNumeric("1.10")!, PostgresNumeric("-3")!]),
        PostgresValue([PostgresJSON(text: "{\"k\": \"v\"}")]), PostgresValue([String]()),
    ]

    @Test(arguments: values)
    func valueComesBackUnchanged(value: PostgresValue) async throws {
        let client = try sharedClient()
        let rows = try await client.query("SELECT $1 AS value", [value])
        #expect(rows.count == 1)
        #expect(rows[0]["value"] == value)
        #expect(rows.columns == [PostgresColumn(name: "value", dataType: value.dataType)])
    }

    @Test(arguments: [
        ("SELECT NULL::text", PostgresValue.null),
        ("SELECT 'NaN'::float8 = 'NaN'::float8", .bool(true)),
        ("SELECT 42::int4", .int32(42)),
        ("SELECT '1.5'::numeric(10, 3)", .numeric(PostgresNumeric("1.500")!)),
        ("SELECT '{\"b\":1,  \"a\":2}'::jsonb", .jsonb(PostgresJSON(text: "{\"a\": 2, \"b\": 1}"))),
        ("SELECT '2024-02-29 12:34:56.789012+00'::timestamptz", .timestamptz(leapDay)),
        ("SELECT ARRAY[1, NULL, 3]::int8[]", PostgresValue([Int64?.some(1), nil, 3])),
        ("SELECT '{}'::text[]", PostgresValue([String]())),
        ("SELECT 'abc'::varchar(5)", .text("abc")),
        ("SELECT 2.5::float4", .float64(2.5)),
    ])
    func serverValuesDecode(sql: String, expected: PostgresValue) async throws {
        let client = try sharedClient()
        #expect(try await client.query(sql)[0][0] == expected)
    }

    @Test func nullParameterTakesTheInferredType() async throws {
        let client = try sharedClient()
        let rows = try await client.query("SELECT $1::int4 IS NULL AS missing, $2::uuid AS id", [.null, PostgresValue(Optional<UUID>.none)])
        #expect(rows[0].values == [.bool(true), .null])
    }

    @Test func typedDecodingNamesTheColumnOnMismatch() async throws {
        let client = try sharedClient()
        let row = try await client.query("SELECT 'x'::text AS name, NULL::int8 AS count, 7::int4 AS small")[0]
        #expect(try row.decode(String.self, "name") == "x")
        #expect(try row.decode(Int?.self, "count") == nil)
        #expect(try row.decode(Int.self, "small") == 7)
        #expect(throws: PostgresError.decoding(column: "name", reason: "a text value cannot be read as Int")) {
            try row.decode(Int.self, "name")
        }
        #expect(throws: PostgresError.decoding(column: "count", reason: "NULL cannot be read as Int; read an Optional")) {
            try row.decode(Int.self, "count")
        }
        #expect(throws: PostgresError.decoding(column: "nope", reason: "the result has no such column")) {
            try row.decode(Int.self, "nope")
        }
    }

    @Test func textWithNULIsRefusedBeforeSending() async throws {
        let client = try sharedClient()
        await #expect(throws: PostgresError.invalidParameter(
            index: 2,
            reason: "it contains a NUL character (U+0000), which PostgreSQL text cannot store; send bytes as bytea")
        ) {
            try await client.query("SELECT $1, $2", ["fine", .text("cut\u{0}here")])
        }
        // The same bytes as bytea are fine.
        #expect(try await client.query("SELECT $1", [.bytea(Array("cut\u{0}here".utf8))])[0][0]
            == .bytea([99, 117, 116, 0, 104, 101, 114, 101]))
    }

    @Test func invalidUTF8IsAClearServerError() async throws {
        let client = try sharedClient()
        await #expect {
            try await client.query("SELECT convert_from($1, 'UTF8')", [.bytea([0x61, 0xFF, 0xFE])])
        } throws: { error in
            (error as? PostgresError)?.sqlState == .characterNotInRepertoire
                && "\(error)" == "PostgreSQL error 22021: invalid byte sequence for encoding \"UTF8\": 0xff"
        }
    }

    @Test func oversizedParameterIsRefusedBeforeSending() async throws {
        let client = try makeClient(maximumParameterBytes: 1024)
        defer { Task { await client.shutdown() } }
        await #expect(throws: PostgresError.invalidParameter(index: 1, reason: "its 1025 bytes exceed the limit of 1024 bytes")) {
            try await client.query("SELECT length($1)", [.text(String(repeating: "x", count: 1025))])
        }
        #expect(try await client.query("SELECT length($1)", [.text(String(repeating: "é", count: 512))])[0][0] == .int32(512))
    }

    @Test func oversizedIndexedValueIsAClearServerError() async throws {
        let client = try sharedClient()
        try await withScratchTable(client, "email text PRIMARY KEY") { (table) async throws in
            // Random text does not compress: 10,000 bytes exceed a btree entry's limit (2704 bytes).
            let big = (0..<10_000).map { _ in String(UnicodeScalar(UInt8.random(in: 65...90))) }.joined()
            await #expect {
                try await client.execute("INSERT INTO \(table) VALUES ($1)", [.text(big)])
            } throws: { error in
                (error as? PostgresError)?.sqlState == .programLimitExceeded
            }
        }
    }
}
