import Foundation
import GraphQLLanguage
import Logging
import MongoClient
import PostgresClient

/// Applies outbox events to MongoDB and records each outcome on the event's row, inside the
/// transaction that holds the row's lock. The inline step of a mutation and the worker share it.
struct OutboxProcessor {
    let gateway: Gateway

    enum Outcome {
        /// The event is in MongoDB; for a record entry, the entry written.
        case applied(BSONDocument)
        /// It is not; the row records the attempt and will be retried.
        case failed(summary: String)
    }

    /// Applies a row this transaction has locked, then marks it processed or failed.
    /// Throws only for PostgreSQL failures (the transaction then rolls back and the row
    /// stays as it was).
    func process(_ row: Outbox.Row, in transaction: PostgresTransaction, timeout: Duration, backOff: Bool)
        async throws -> Outcome
    {
        let entry: BSONDocument
        do {
            entry = try await apply(row, timeout: timeout)
        } catch {
            let summary = OutboxProcessor.summary(error)
            gateway.metrics.outboxEventFailed()
            gateway.logger.warning(
                "outbox event not applied; it will be retried",
                metadata: ["event": "\(row.id)", "attempts": "\(row.attempts + 1)", "error": "\(summary)"])
            let failed = Outbox.markFailed(id: row.id, error: summary, backOff: backOff)
            try await transaction.execute(failed.sql, failed.parameters)
            return .failed(summary: summary)
        }
        let processed = Outbox.markProcessed(id: row.id)
        try await transaction.execute(processed.sql, processed.parameters)
        gateway.metrics.outboxEventApplied()
        return .applied(entry)
    }

    /// Applies one event to MongoDB (idempotent: see `RecordEntryEvent.apply`).
    func apply(_ row: Outbox.Row, timeout: Duration) async throws -> BSONDocument {
        guard row.kind == RecordEntryEvent.kind else { throw OutboxError.unknownKind(row.kind) }
        let event = try Self.event(row)
        return try await event.apply(to: gateway.stores.mongo, timeout: timeout)
    }

    static func event(_ row: Outbox.Row) throws(OutboxError) -> RecordEntryEvent {
        do {
            return try row.payload.decode(RecordEntryEvent.self)
        } catch {
            throw .invalidPayload(kind: row.kind)
        }
    }

    /// Applies a just-committed event at once (step two of `completeConsultation`), within
    /// `timeout`. Returns the entry when it is in MongoDB, nil when it is left to the worker;
    /// never throws, since the PostgreSQL change it follows is already committed.
    ///
    /// A failure is recorded without backoff and wakes the worker, which retries at once
    /// with the longer store timeout: a MongoDB that was only slow gets a second chance
    /// before the exponential backoff starts.
    func applyNow(eventId: Int64, timeout: Duration) async -> BSONDocument? {
        var entry: BSONDocument?
        do {
            try await gateway.stores.postgres.withTransaction(timeout: timeout + .seconds(1)) { transaction in
                let claim = Outbox.claim(id: eventId)
                guard let found = try await transaction.query(claim.sql, claim.parameters).first else { return }
                let row = try Outbox.Row(found)
                if row.isProcessed {
                    // A worker got there first (its lock held us back until it committed).
                    entry = try? Self.event(row).entry()
                    return
                }
                if case .applied(let applied) = try await process(row, in: transaction, timeout: timeout, backOff: false) {
                    entry = applied
                }
            }
        } catch {
            // The entry may be in MongoDB while its row still says pending (the commit
            // failed): the worker applies it again, which changes nothing.
            gateway.logger.warning(
                "could not record an outbox event's outcome; the worker will retry it",
                metadata: ["event": "\(eventId)", "error": "\(OutboxProcessor.summary(error))"])
        }
        if entry == nil { gateway.outboxWake.signal() }
        return entry
    }

    /// A short description of why an event was not applied, for `last_error` and logs: the
    /// kind of failure and its code, never a server message (which may quote the document).
    static func summary(_ error: any Error) -> String {
        switch error {
        case let error as GraphQLError:
            return error.underlying.map(summary) ?? "gateway error"
        case let error as OutboxError:
            return error.description
        case let error as MongoError:
            switch error {
            case .timeout(let operation, let after): return "MongoDB \(operation) timed out after \(after)"
            case .connection(_, let code, _): return "MongoDB unreachable (error \(code))"
            case .server(_, let code, _): return "MongoDB server error \(code)"
            case .duplicateKey: return "MongoDB duplicate key"
            case .client(_, let code, _): return "MongoDB client error \(code)"
            case .poolExhausted: return "MongoDB pool exhausted"
            case .shutDown: return "MongoDB pool shut down"
            case .invalidURL, .invalidDocument, .invalidBSON: return "MongoDB refused the document"
            }
        case let error as PostgresError:
            if let state = error.sqlState { return "PostgreSQL error \(state)" }
            switch error {
            case .timeout(let after): return "PostgreSQL call timed out after \(after)"
            case .cancelled: return "PostgreSQL call cancelled"
            default: return "PostgreSQL unavailable"
            }
        case is CancellationError:
            return "cancelled"
        default:
            return "unexpected error"
        }
    }
}
