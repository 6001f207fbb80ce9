import Batching
import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Logging
import MongoClient
import Prometheus
import RedisClient
import StoreSupport

/// Settings a deployment may change; the defaults suit the local stack.
public struct GatewayConfiguration: Sendable {
    /// Where the SDL files are; nil for the copy of `schema/` built into Chorus.
    public var schemaDirectory: URL?
    /// How long a cached user or doctor lives in Redis, in seconds.
    public var entityTTL = 300
    /// How long a cached analytics result lives in Redis, in seconds.
    public var analyticsTTL = 60
    /// The longest a PostgreSQL or MongoDB call may take before its fields fail.
    public var storeTimeout: Duration = .seconds(5)
    /// The longest one request may take, all its store calls included: a call starts with what
    /// is left of it (or `storeTimeout`, if less), and none starts once it has run out.
    public var requestTimeout: Duration = .seconds(10)
    /// The longest a cache read may take before the request reads the source instead.
    public var cacheTimeout: Duration = .milliseconds(100)
    /// How long requests skip Redis after it failed.
    public var cachePause: Duration = .seconds(2)
    /// Whether clients may introspect the schema.
    public var introspection = true
    /// The HS256 secret bearer tokens are signed with (`CHORUS_JWT_SECRET`); the development
    /// secret when none is given, which `chorus serve --production` refuses; nil for no HS256.
    public var tokenSecret: String? = TokenAuthority.developmentSecret
    /// The public keys RS256 and EdDSA tokens are verified with (`CHORUS_JWT_PUBLIC_KEYS`).
    public var tokenPublicKeys: [TokenAuthority.PublicKey] = []
    /// The longest a bearer token may be valid (its `exp` from its `iat`, and from now).
    public var tokenMaximumLifetime = TokenAuthority.defaultMaximumLifetime
    /// Requests per client (token subject, else address) per `rateWindow`, shared through
    /// Redis; 0 turns rate limiting off.
    public var rateLimit = 600
    public var rateWindow: Duration = .seconds(60)
    /// How long an applied outbox event keeps its payload (which holds a diagnosis) before the
    /// worker erases it, keeping only the row's bookkeeping.
    public var outboxRetention: Duration = .seconds(3600)
    /// Bounds on each operation (depth, cost, aliases, root fields, selections, introspection
    /// depth), checked before execution; the cost once the variables are known.
    public var limits = OperationLimits()
    /// The most tokens a document may hold, and its deepest nesting, checked while parsing.
    public var parseOptions = ParseOptions(maxTokens: 10_000, maxDepth: 64)

    public init() {}
}

/// The unified graph over PostgreSQL, MongoDB and Redis: the schema from `schema/*.graphql`
/// bound to its resolvers, and per-request loaders that batch every store access.
public final class Gateway: Sendable {
    public let schema: Schema
    public let configuration: GatewayConfiguration
    public let stores: GatewayStores
    let resolvers: Resolvers
    let metrics: GatewayMetrics
    let redisGate: RedisGate
    /// This instance's own request counts, which decide when Redis cannot (`RateLimiter`).
    let localRates = LocalRateWindows()
    let logger: Logger
    /// Verifies bearer tokens.
    public let tokens: TokenAuthority
    /// Wakes the outbox worker when a mutation could not apply its event (Outbox/).
    let outboxWake = OutboxWake()

    /// Builds the schema and binds the resolvers; throws `GatewayConfigurationError` when the
    /// SDL is invalid or a field and its resolver do not match.
    public init(
        stores: GatewayStores, configuration: GatewayConfiguration = GatewayConfiguration(),
        registry: PrometheusCollectorRegistry, logger: Logger = Logger(label: "chorus.gateway")
    ) throws {
        self.schema = try GatewaySchema.build(GatewaySchema.files(in: configuration.schemaDirectory))
        self.configuration = configuration
        self.stores = stores
        self.resolvers = GatewayResolvers.all
        self.metrics = GatewayMetrics(registry: registry)
        self.redisGate = RedisGate(pause: configuration.cachePause)
        self.logger = logger
        self.tokens = try TokenAuthority(
            secret: configuration.tokenSecret, publicKeys: configuration.tokenPublicKeys,
            maximumLifetime: configuration.tokenMaximumLifetime)
        try GatewaySchema.checkBinding(schema, resolvers)
    }

    /// The rules every request is validated with: the specification's, the operation limits
    /// (all but the cost, which execution checks with the variables' values), and no
    /// introspection when it is turned off.
    public var validationRules: [any ValidationRule] {
        var rules = specifiedRules
        rules.append(OperationLimitsRule(limits: configuration.limits))
        if !configuration.introspection { rules.append(NoSchemaIntrospectionCustomRule()) }
        return rules
    }

    /// The unified schema, built from the SDL files, without stores (`chorus schema print`).
    public static func schema(directory: URL? = nil) throws -> Schema {
        try GatewaySchema.build(GatewaySchema.files(in: directory))
    }

    /// The result and the response's `extensions` (the trace, when asked for).
    public struct Response: Sendable {
        public var result: ExecutionResult
        public var extensions: CoercedValue?
        /// What each store cost this request.
        public var trace: RequestTrace
        /// The HTTP status to answer with instead of the usual one: 504 for a query that
        /// overran its time budget.
        public var status: Int? = nil
    }

    /// Executes one operation with fresh loaders; writes the cache entries it read from the
    /// sources afterwards, off the response's path.
    ///
    /// Every store call gets its timeout from the request's budget (`requestTimeout`), so a
    /// request normally ends within it, whatever its stores do. A query that still runs
    /// shortly after is answered with `REQUEST_TIMEOUT` alone (status 504) and left to finish
    /// unheard; a mutation is always awaited, since its writes have happened or not.
    public func execute(_ request: GraphQLRequest, viewer: Viewer, trace: Bool = false) async -> Response {
        let scheduler = BatchScheduler()
        let context = RequestContext(gateway: self, scheduler: scheduler, viewer: viewer, start: request.receivedAt)
        let execution = ExecutionRequest(
            schema: schema, document: request.document, source: request.source, operation: request.operation,
            variableValues: request.variables, context: context, resolvers: resolvers,
            introspection: configuration.introspection, scheduler: scheduler,
            maskError: { [logger] error in Self.mask(error, logger: logger) }, limits: configuration.limits)
        let result: ExecutionResult
        var status: Int?
        if request.operation.operation == .mutation {
            result = await GraphQLExecution.execute(execution)
        } else if let finished = await awaitValue(
            until: request.receivedAt.advanced(by: configuration.requestTimeout + Self.overrunGrace),
            cancellingLateWork: true, { await GraphQLExecution.execute(execution) })
        {
            result = finished
        } else {
            logger.warning(
                "a query overran its time budget", metadata: ["budget": "\(configuration.requestTimeout)"])
            metrics.requestOverrun()
            result = ExecutionResult(data: nil, errors: [RequestBudget.overrun(configuration.requestTimeout)])
            status = 504
        }
        flushCache(context.takeCacheFills())
        return Response(
            result: result, extensions: trace ? .object([.init(name: "trace", value: context.trace.extensionValue())]) : nil,
            trace: context.trace, status: status)
    }

    /// How long past its budget a query may run before it is answered without its result.
    static let overrunGrace: Duration = .milliseconds(250)

    /// Parses, validates and executes a query text, as `/graphql` does but without its cache
    /// or its statuses: for tests, the CLI and benchmarks.
    public func execute(
        _ query: String, operationName: String? = nil, variables: [String: CoercedValue] = [:], trace: Bool = false,
        viewer: Viewer = .anonymous
    ) async -> Response {
        let receivedAt = ContinuousClock.now
        let refused = { (errors: [GraphQLError]) in
            Response(result: ExecutionResult(data: nil, errors: errors), extensions: nil, trace: RequestTrace(metrics: nil))
        }
        let source: Source
        let document: Document
        switch DocumentCache.prepare(
            Source(body: query), schema: schema, rules: validationRules, parseOptions: configuration.parseOptions)
        {
        case .syntaxError(let error): return refused([error])
        case .parsed(_, _, let errors) where !errors.isEmpty: return refused(errors)
        case .parsed(let parsedSource, let parsed, _): (source, document) = (parsedSource, parsed)
        }
        switch selectOperation(document, name: operationName) {
        case .failure(let error): return refused([error])
        case .success(let operation):
            return await execute(
                GraphQLRequest(
                    document: document, source: source, operation: operation, variables: variables, receivedAt: receivedAt),
                viewer: viewer, trace: trace)
        }
    }

    /// An unexpected error as the client sees it: `INTERNAL_SERVER_ERROR` and an id to find
    /// the log line, never the error itself (it may hold SQL, a store's message or data).
    static func mask(_ error: any Error, logger: Logger) -> GraphQLError {
        let id = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        logger.error("unexpected error in a resolver", metadata: ["errorId": "\(id)", "error": "\(error)"])
        return GraphQLError(
            message: "Internal server error (id \(id)).", extensions: ["code": "INTERNAL_SERVER_ERROR", "errorId": id],
            underlying: error)
    }

    /// Each store's health probe, run concurrently.
    public func health() async -> [StoreHealth] {
        async let postgres = stores.postgres.health()
        async let redis = stores.redis.health()
        async let mongo = stores.mongo.pool.health()
        return await [postgres, mongo, redis]
    }

    /// Writes cache entries in one pipeline, in the background; a failure only closes the gate.
    private func flushCache(_ fills: [(key: String, value: String, ttl: Int)]) {
        guard !fills.isEmpty, redisGate.isOpen else { return }
        let redis = stores.redis
        let gate = redisGate
        let timeout = configuration.cacheTimeout
        Task {
            do {
                _ = try await redis.pipeline(
                    fills.map { RedisCommand.set($0.key, $0.value, expiry: .seconds($0.ttl)) }, timeout: timeout * 5)
            } catch {
                gate.failed()
            }
        }
    }

    /// Deletes cache entries after a write; a failure closes the gate so no stale entry is
    /// read while Redis is unreliable, and the entries expire with their TTL.
    func invalidate(_ keys: [String]) async {
        guard !keys.isEmpty else { return }
        do {
            try await stores.redis.del(keys, timeout: configuration.cacheTimeout * 5)
        } catch {
            redisGate.failed()
            logger.warning("cache invalidation failed; entries expire with their TTL", metadata: ["keys": "\(keys.count)"])
        }
    }
}
