import Foundation
import Logging
import PostgresClient

extension Gateway {
    /// Starts the worker that applies pending outbox events to MongoDB: one pass at once (so
    /// a gateway restarted after a crash finishes what was left), then one pass every
    /// `pollInterval`, or sooner when a mutation could not apply its event itself.
    ///
    /// `chorus serve` must start it once, after creating the gateway, and cancel the task at
    /// shutdown; the worker stops between two events (a cancelled event is rolled back and
    /// applied by the next worker, which changes nothing when it was already written). Any
    /// number of gateways may run workers against the same stores: each event is locked by
    /// the worker applying it.
    public func startOutboxWorker(pollInterval: Duration = .seconds(1)) -> Task<Void, Never> {
        let worker = OutboxWorker(gateway: self)
        logger.info("outbox worker started", metadata: ["pollInterval": "\(pollInterval)"])
        return Task {
            var lastErasure: ContinuousClock.Instant?
            while !Task.isCancelled {
                _ = await worker.pass()
                // Old payloads go once a minute (and at start), off the events' path.
                if lastErasure.map({ $0.duration(to: .now) >= .seconds(60) }) ?? true {
                    lastErasure = .now
                    _ = try? await self.eraseOutboxPayloads()
                }
                await self.outboxWake.wait(upTo: pollInterval)
            }
        }
    }

    /// Erases the payloads of outbox events applied more than `outboxRetention` ago; returns
    /// how many. The worker does it every minute.
    @discardableResult
    public func eraseOutboxPayloads() async throws -> Int {
        let erase = Outbox.erasePayloads(appliedBefore: configuration.outboxRetention)
        let erased = try await stores.postgres.execute(erase.sql, erase.parameters, timeout: configuration.storeTimeout)
        if erased > 0 { logger.info("erased old outbox payloads", metadata: ["events": "\(erased)"]) }
        return erased
    }

    /// Applies every outbox event that is due, now, and says what happened: what the worker
    /// does on each tick (for tools and tests).
    public func processOutbox() async -> OutboxPass {
        await OutboxWorker(gateway: self).pass()
    }
}

/// What one pass of the outbox worker did.
public struct OutboxPass: Sendable, Equatable {
    /// Events applied to MongoDB and marked processed.
    public var applied = 0
    /// Events whose attempt failed (each now backs off before its next one).
    public var failed = 0

    public init(applied: Int = 0, failed: Int = 0) {
        self.applied = applied
        self.failed = failed
    }
}

/// Applies due outbox events in batches: each batch is one transaction that locks up to
/// `batchSize` rows (`FOR UPDATE SKIP LOCKED`, so concurrent workers share the queue without
/// waiting on each other), applies them in order, and records each outcome.
///
/// A batch stops at its first failure: MongoDB is then most likely down, and trying the
/// rest would only cost each one a timeout; they stay due for the next pass. It also stops
/// starting new events once it has run for `timeLimit` (one store timeout), so that its locks
/// and its transaction stay short; the pass then goes on with another batch.
struct OutboxWorker {
    let gateway: Gateway
    var batchSize = 20
    var timeLimit: Duration

    init(gateway: Gateway, batchSize: Int = 20, timeLimit: Duration? = nil) {
        self.gateway = gateway
        self.batchSize = batchSize
        self.timeLimit = timeLimit ?? gateway.configuration.storeTimeout
    }

    func pass() async -> OutboxPass {
        var total = OutboxPass()
        while !Task.isCancelled {
            let batch: (claimed: Int, pass: OutboxPass)
            do {
                batch = try await runBatch()
            } catch {
                gateway.logger.warning(
                    "outbox pass stopped; the next one retries",
                    metadata: ["error": "\(OutboxProcessor.summary(error))"])
                break
            }
            total.applied += batch.pass.applied
            total.failed += batch.pass.failed
            // Done when a batch failed, or when it found fewer than a batch and applied them all
            // (one that stopped for time leaves due events behind).
            if batch.pass.failed > 0 || (batch.claimed < batchSize && batch.pass.applied == batch.claimed) { break }
        }
        return total
    }

    private func runBatch() async throws -> (claimed: Int, pass: OutboxPass) {
        let timeout = gateway.configuration.storeTimeout
        let processor = OutboxProcessor(gateway: gateway)
        // Room for the last event started within the time limit (two MongoDB calls) and its outcome.
        return try await gateway.stores.postgres.withTransaction(timeout: timeLimit + timeout * 3) { transaction in
            let claim = Outbox.claimDue(limit: batchSize)
            let rows = try await transaction.query(claim.sql, claim.parameters).map(Outbox.Row.init)
            var pass = OutboxPass()
            let started = ContinuousClock.now
            for row in rows {
                // The first event always starts, so that every batch makes progress.
                guard pass.applied == 0 || started.duration(to: .now) < timeLimit, !Task.isCancelled else { break }
                switch try await processor.process(row, in: transaction, timeout: timeout, backOff: true) {
                case .applied: pass.applied += 1
                case .failed:
                    pass.failed += 1
                    return (rows.count, pass)
                }
            }
            return (rows.count, pass)
        }
    }
}
