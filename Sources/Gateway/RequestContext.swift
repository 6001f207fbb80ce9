import Batching
import Foundation
import GraphQLExecution
import MongoClient
import RedisClient
import Synchronization

/// Everything one request shares: its loaders (one per store, so each dispatch costs each
/// store at most one round trip), its trace, and the cache fills to write after it.
///
/// Loaders live per request: their caches hold what this request read, never another's.
final class RequestContext: Sendable {
    let gateway: Gateway
    let scheduler: BatchScheduler
    let trace: RequestTrace
    let postgres: DataLoader<PostgresRead, PostgresLoaded>
    let mongo: DataLoader<MongoRead, MongoLoaded>
    let redis: DataLoader<String, String?>
    /// Who is asking.
    let viewer: Viewer
    /// How long the request may still take; every store call's timeout comes from it.
    let budget: RequestBudget
    private let cacheFills = Mutex<[(key: String, value: String, ttl: Int)]>([])
    /// Each cache key's read, decoded once however many fields ask for it: a `Pending` of the
    /// row type that key holds.
    private let cachedReads = Mutex<[String: any Sendable]>([:])

    init(gateway: Gateway, scheduler: BatchScheduler, viewer: Viewer = .anonymous, start: ContinuousClock.Instant = .now) {
        self.gateway = gateway
        self.scheduler = scheduler
        self.viewer = viewer
        let trace = RequestTrace(metrics: gateway.metrics)
        self.trace = trace
        let configuration = gateway.configuration
        let budget = RequestBudget(
            total: configuration.requestTimeout, storeTimeout: configuration.storeTimeout, start: start)
        self.budget = budget
        let postgresBatch = PostgresBatch(client: gateway.stores.postgres, trace: trace, budget: budget)
        postgres = DataLoader(scheduler: scheduler) { keys in try await postgresBatch.load(keys) }
        let mongoBatch = MongoBatch(database: gateway.stores.mongo, trace: trace, budget: budget, viewer: viewer)
        mongo = DataLoader(scheduler: scheduler) { keys in try await mongoBatch.load(keys) }
        let redisBatch = RedisBatch(
            client: gateway.stores.redis, gate: gateway.redisGate, trace: trace, timeout: configuration.cacheTimeout,
            budget: budget)
        redis = DataLoader(scheduler: scheduler) { keys in await redisBatch.load(keys) }
    }

    // MARK: - Entities, read through the cache

    func user(_ id: UUID) -> Pending<UserRow?> {
        cached(CacheKey.user(id), ttl: gateway.configuration.entityTTL) {
            self.postgres.load(.user(id)).map { loaded in
                guard case .user(let row) = loaded else { return nil }
                return row
            }
        }
    }

    func doctor(_ id: UUID) -> Pending<DoctorRow?> {
        cached(CacheKey.doctor(id), ttl: gateway.configuration.entityTTL) {
            self.postgres.load(.doctor(id)).map { loaded in
                guard case .doctor(let row) = loaded else { return nil }
                return row
            }
        }
    }

    func consultation(_ id: UUID) -> Pending<ConsultationRow?> {
        postgres.load(.consultation(id)).map { loaded in
            guard case .consultation(let row) = loaded else { return nil }
            return row
        }
    }

    func consultations(of party: ConsultationParty, _ id: UUID, _ arguments: ConsultationPageArguments)
        -> Pending<Page<ConsultationRow>>
    {
        postgres.load(.consultations(party, id, arguments)).map { loaded in
            guard case .consultations(let page) = loaded else { return Page(items: [], hasNextPage: false, totalCount: 0) }
            return page
        }
    }

    func document(_ read: MongoRead) -> Pending<BSONDocument?> {
        mongo.load(read).map { loaded in
            guard case .document(let document) = loaded else { return nil }
            return document
        }
    }

    func page(_ read: MongoRead) -> Pending<Page<BSONDocument>> {
        mongo.load(read).map { loaded in
            guard case .page(let page) = loaded else { return Page(items: [], hasNextPage: false, totalCount: 0) }
            return page
        }
    }

    /// Read-through: the Redis copy when there is one (batched into the level's `MGET`),
    /// else the source, whose answer is queued to be cached after the response. A key is
    /// read, decoded, counted in the trace and filled once per request, however many fields
    /// ask for it (fifty consultations with one doctor decode that doctor once).
    func cached<Row: CacheCoding>(
        _ key: String, ttl: Int, source: @escaping @Sendable () -> Pending<Row?>
    ) -> Pending<Row?> {
        if let read = cachedReads.withLock({ $0[key] }) as? Pending<Row?> { return read }
        let read = readThrough(key, ttl: ttl, source: source)
        return cachedReads.withLock { reads in
            if let first = reads[key] as? Pending<Row?> { return first }
            reads[key] = read
            return read
        }
    }

    private func readThrough<Row: CacheCoding>(
        _ key: String, ttl: Int, source: @escaping @Sendable () -> Pending<Row?>
    ) -> Pending<Row?> {
        redis.load(key).flatMap { cached in
            if let cached, let row = try? Row(cacheEntry: cached) {
                self.trace.cache(hits: 1, misses: 0)
                return Pending(.success(row))
            }
            self.trace.cache(hits: 0, misses: 1)
            return source().map { row in
                if let row, let value = try? row.cacheEntry() {
                    self.cacheFills.withLock { $0.append((key, value, ttl)) }
                }
                return row
            }
        }
    }

    /// The cache entries this request read from the sources, to write after the response.
    func takeCacheFills() -> [(key: String, value: String, ttl: Int)] {
        cacheFills.withLock { fills in
            defer { fills = [] }
            return fills
        }
    }
}
