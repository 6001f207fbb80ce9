import Foundation
import PostgresClient
import RedisClient

/// Measures the round trips the gateway's batched loaders make, against DATABASE_URL and
/// REDIS_URL: `swift run -c release stores-bench`. Prints one JSON line per measurement.

func measure(_ label: String, iterations: Int, _ body: () async throws -> Void) async throws {
    for _ in 0..<max(3, iterations / 10) { try await body() }  // warm-up: connections, prepared statements
    var samples: [Duration] = []
    for _ in 0..<iterations {
        let started = ContinuousClock.now
        try await body()
        samples.append(started.duration(to: .now))
    }
    samples.sort()
    func microseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    }
    let median = microseconds(samples[samples.count / 2])
    let p95 = microseconds(samples[samples.count * 95 / 100])
    print("{\"measure\":\"\(label)\",\"iterations\":\(iterations),\"median_us\":\(median),\"p95_us\":\(p95)}")
}

let postgres = PostgresClient(configuration: try .fromEnvironment())
let table = "bench_users_\(getpid())"
try await postgres.execute(unsafeSQL: "CREATE TABLE \(table) (id uuid PRIMARY KEY, email text NOT NULL, n int NOT NULL)")
let ids = (0..<100_000).map { _ in UUID() }
let copyStarted = ContinuousClock.now
try await postgres.copy(
    into: table, columns: ["id", "email", "n"],
    rows: ids.enumerated().map { [.uuid($1), .text("user\($0)@example.org"), .int32(Int32($0))] })
let copyTime = copyStarted.duration(to: .now)
print("{\"measure\":\"postgres COPY 100000 rows (uuid, text, int4)\",\"seconds\":\(Double(copyTime.components.seconds) + Double(copyTime.components.attoseconds) / 1e18)}")
try await postgres.execute(unsafeSQL: "ANALYZE \(table)")

try await measure("postgres SELECT 1", iterations: 2000) {
    _ = try await postgres.query("SELECT 1")
}
try await measure("postgres WHERE id = ANY($1), 1000 uuids -> 1000 rows", iterations: 300) {
    let batch = (0..<1000).map { _ in ids.randomElement()! }
    let rows = try await postgres.query("SELECT id, email, n FROM \(table) WHERE id = ANY($1)", [PostgresValue(batch)])
    precondition(rows.count == Set(batch).count)
}
try await measure("postgres count(*) WHERE id = ANY($1), 1000 uuids (server side + parameter)", iterations: 300) {
    let batch = (0..<1000).map { _ in ids.randomElement()! }
    _ = try await postgres.query("SELECT count(*) FROM \(table) WHERE id = ANY($1)", [PostgresValue(batch)])
}
let explainBatch = (0..<1000).map { _ in ids.randomElement()! }
for row in try await postgres.query("EXPLAIN (ANALYZE, BUFFERS OFF) SELECT id, email, n FROM \(table) WHERE id = ANY($1)", [PostgresValue(explainBatch)]) {
    if let line = try? row.decode(String.self, at: 0), line.contains("Time") || line.contains("Scan") { print("  explain: \(line)") }
}
try await measure("postgres WHERE id = $1, one row", iterations: 2000) {
    let rows = try await postgres.query("SELECT id, email, n FROM \(table) WHERE id = $1", [.uuid(ids.randomElement()!)])
    precondition(rows.count == 1)
}
try await postgres.execute(unsafeSQL: "DROP TABLE \(table)")
await postgres.shutdown()

let redis = RedisClient(configuration: try .fromEnvironment())
let keys = (0..<1000).map { "bench:\(getpid()):\($0)" }
_ = try await redis.pipeline(keys.map { .set($0, String(repeating: "v", count: 200)) })
try await measure("redis PING", iterations: 2000) { _ = try await redis.ping() }
try await measure("redis MGET 1000 keys (200-byte values)", iterations: 500) {
    let values = try await redis.mget(keys)
    precondition(values.count == 1000 && values.allSatisfy { $0 != nil })
}
try await measure("redis GET one key", iterations: 2000) { _ = try await redis.get(keys[0]) }
try await measure("redis pipeline of 1000 INCR", iterations: 300) {
    _ = try await redis.pipeline(keys.map { .incr($0 + ":n") })
}
try await redis.del(keys + keys.map { $0 + ":n" })
await redis.shutdown()
