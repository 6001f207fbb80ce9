import Foundation
import PostgresClient

/// The `outbox` table (ARCHITECTURE.md §6, "Writes"): events committed with the PostgreSQL change that caused
/// them, applied to MongoDB afterwards, each until it lands.
///
/// A row's life:
///
///     pending (processed_at NULL, available_at ≤ now)
///       ├─ applied ──────────────→ processed (processed_at set)
///       └─ failed ───────────────→ pending again: attempts + 1, last_error, and
///                                  available_at = now + 2^attempts s (at most `maximumBackoff`)
///
/// Whoever applies a row holds its lock (`FOR UPDATE`) from reading it until it records the
/// outcome, in one transaction; other workers skip locked rows. Applying is idempotent, so a
/// crash after applying and before recording only means the row is applied again later.
enum Outbox {
    /// The longest a failed event waits before its next attempt.
    static let maximumBackoff: Duration = .seconds(30)

    /// A row as a worker reads it.
    struct Row: Sendable {
        var id: Int64
        var kind: String
        var payload: PostgresJSON
        var attempts: Int
        var isProcessed: Bool

        static let columns = "id, kind, payload, attempts, processed_at IS NOT NULL AS processed"

        init(_ row: PostgresRow) throws {
            id = try row.decode(Int64.self, "id")
            kind = try row.decode(String.self, "kind")
            payload = try row.decode(PostgresJSON.self, "payload")
            attempts = try row.decode(Int.self, "attempts")
            isProcessed = try row.decode(Bool.self, "processed")
        }
    }

    /// Adds a completed consultation's event, answering the new row's `id`. Run it in the
    /// transaction that completes the consultation.
    static func enqueue(_ event: RecordEntryEvent, consultationId: UUID) throws -> PostgresStatement {
        PostgresStatement(
            "INSERT INTO outbox (aggregate, aggregate_id, kind, payload) VALUES ($1, $2, $3, $4) RETURNING id",
            [
                .text(RecordEntryEvent.aggregate), .uuid(consultationId), .text(RecordEntryEvent.kind),
                .jsonb(try PostgresJSON(encoding: event)),
            ])
    }

    /// Locks and returns up to `limit` due rows, oldest first, skipping rows another worker holds.
    static func claimDue(limit: Int) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT \(Row.columns) FROM outbox
            WHERE processed_at IS NULL AND available_at <= now()
            ORDER BY id LIMIT $1
            FOR UPDATE SKIP LOCKED
            """, [.int64(Int64(limit))])
    }

    /// Locks and returns one row, waiting for a worker that holds it.
    static func claim(id: Int64) -> PostgresStatement {
        PostgresStatement("SELECT \(Row.columns) FROM outbox WHERE id = $1 FOR UPDATE", [.int64(id)])
    }

    static func markProcessed(id: Int64) -> PostgresStatement {
        PostgresStatement("UPDATE outbox SET processed_at = clock_timestamp() WHERE id = $1", [.int64(id)])
    }

    /// Erases the payloads of events applied longer than `retention` ago: a payload holds a
    /// diagnosis, which belongs in the medical record, not in a queue. The row stays (its
    /// kind, consultation and times), so what happened can still be told.
    static func erasePayloads(appliedBefore retention: Duration) -> PostgresStatement {
        PostgresStatement(
            """
            UPDATE outbox SET payload = '{}'::jsonb
            WHERE processed_at < clock_timestamp() - $1::float8 * interval '1 second' AND payload <> '{}'::jsonb
            """, [.float64(Double(retention.components.seconds))])
    }

    /// Records a failed attempt. With `backOff`, the row waits 2^attempts seconds (capped)
    /// from now, the failure's time (`clock_timestamp()`, not the transaction's start);
    /// without, it stays due so a worker retries it at once.
    static func markFailed(id: Int64, error: String, backOff: Bool) -> PostgresStatement {
        PostgresStatement(
            """
            UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                available_at = CASE WHEN $3::bool
                    THEN clock_timestamp() + least($4::float8, power(2::float8, attempts)) * interval '1 second'
                    ELSE available_at END
            WHERE id = $1
            """,
            [
                .int64(id), .text(String(error.prefix(200))), .bool(backOff),
                .float64(Double(maximumBackoff.components.seconds)),
            ])
    }
}
