import Batching
import Foundation
import GraphQLExecution
import GraphQLSchema
import MongoClient
import PostgresClient

/// The `analytics` root field's value: each figure is computed on demand.
struct AnalyticsRoot: Sendable {}

struct DoctorRanking: Sendable, Hashable {
    var doctorId: UUID
    var completedConsultations: Int
    var averageRevenue: Double
    var totalRevenue: Int
}

struct VolumePoint: Sendable, Hashable {
    var periodStart: Date
    var consultations: Int
    var completed: Int
    var revenue: Int
}

struct TrendingPost: Sendable, Hashable {
    var postId: String
    var views: Int
    var likes: Int
    var score: Double
}

struct PlatformTotals: Sendable, Hashable {
    var users: Int
    var patients: Int
    var doctors: Int
    var consultations: Int
    var completedConsultations: Int
    var revenue: Int
    var posts: Int
    var comments: Int
}

/// Analytics: computed in PostgreSQL (one statement each) or MongoDB and Redis, and cached
/// in Redis for `GatewayConfiguration.analyticsTTL` seconds under a key naming the arguments.
enum AnalyticsResolvers {
    static let analytics: [String: FieldResolver] = [
        "topDoctors": Resolve.on(AnalyticsRoot.self) { _, arguments, info in
            let limit = try limitArgument(arguments)
            let specialty = try Resolve.name(arguments, "specialty")
            // No specialty and an empty one are two keys: the empty one matches no doctor.
            let key = CacheKey.analytics(
                specialty.map { "top-doctors:\(limit):\(CacheKey.argument($0))" } ?? "top-doctors:\(limit)")
            return cachedList(key, info) { context in try await topDoctors(limit: limit, specialty: specialty, context) } transform: {
                ranking in .object(ranking)
            }
        },
        "consultationVolume": Resolve.on(AnalyticsRoot.self) { _, arguments, info in
            try Access.admin("consultation volumes", info.gateway.viewer)
            guard let from = try Resolve.date(arguments, "from"), let to = try Resolve.date(arguments, "to") else {
                return .list([])
            }
            let interval = Resolve.string(arguments, "interval") ?? "DAY"
            guard from < to else { throw GatewayError.badInput("to", "must be after from") }
            let days = to.timeIntervalSince(from) / 86_400
            let points = interval == "DAY" ? days : interval == "WEEK" ? days / 7 : days / 28
            guard points <= 1_000 else {
                throw GatewayError.badInput("to", "makes \(Int(points)) periods of one \(interval.lowercased()); at most 1000 are allowed")
            }
            let key = CacheKey.analytics(
                "volume:\(interval):\(Int64(from.timeIntervalSince1970 * 1000)):\(Int64(to.timeIntervalSince1970 * 1000))")
            return cachedList(key, info) { context in try await volume(from: from, to: to, interval: interval, context) } transform: {
                .object($0)
            }
        },
        "trendingPosts": Resolve.on(AnalyticsRoot.self) { _, arguments, info in
            let limit = try limitArgument(arguments)
            return cachedList(CacheKey.analytics("trending-posts:\(limit)"), info) { context in
                try await trendingPosts(limit: limit, context)
            } transform: { .object($0) }
        },
        "totals": Resolve.on(AnalyticsRoot.self) { _, _, info in
            try Access.admin("platform totals", info.gateway.viewer)
            let context = info.gateway
            let pending = context.cached(CacheKey.analytics("totals"), ttl: context.gateway.configuration.analyticsTTL) {
                context.scheduler.run { Optional(try await totals(context)) }
            }
            return Resolve.pending(pending) { totals in totals.map { .object($0) } ?? .null }
        },
    ]

    static let doctorRanking: [String: FieldResolver] = [
        "doctor": Resolve.on(DoctorRanking.self) { ranking, _, info in
            Resolve.pending(info.gateway.doctor(ranking.doctorId), Resolve.doctor)
        },
        "completedConsultations": Resolve.field(DoctorRanking.self) { .int($0.completedConsultations) },
        "averageRevenue": Resolve.field(DoctorRanking.self) { .float($0.averageRevenue) },
        "totalRevenue": Resolve.field(DoctorRanking.self) { .int($0.totalRevenue) },
    ]

    static let volumePoint: [String: FieldResolver] = [
        "periodStart": Resolve.field(VolumePoint.self) { Resolve.dateTime($0.periodStart) },
        "consultations": Resolve.field(VolumePoint.self) { .int($0.consultations) },
        "completed": Resolve.field(VolumePoint.self) { .int($0.completed) },
        "revenue": Resolve.field(VolumePoint.self) { .int($0.revenue) },
    ]

    static let trendingPost: [String: FieldResolver] = [
        "post": Resolve.on(TrendingPost.self) { trending, _, info in
            Resolve.pending(info.gateway.document(.post(id: trending.postId)), Resolve.post)
        },
        "views": Resolve.field(TrendingPost.self) { .int($0.views) },
        "likes": Resolve.field(TrendingPost.self) { .int($0.likes) },
        "score": Resolve.field(TrendingPost.self) { .float($0.score) },
    ]

    static let platformTotals: [String: FieldResolver] = [
        "users": Resolve.field(PlatformTotals.self) { .int($0.users) },
        "patients": Resolve.field(PlatformTotals.self) { .int($0.patients) },
        "doctors": Resolve.field(PlatformTotals.self) { .int($0.doctors) },
        "consultations": Resolve.field(PlatformTotals.self) { .int($0.consultations) },
        "completedConsultations": Resolve.field(PlatformTotals.self) { .int($0.completedConsultations) },
        "revenue": Resolve.field(PlatformTotals.self) { .int($0.revenue) },
        "posts": Resolve.field(PlatformTotals.self) { .int($0.posts) },
        "comments": Resolve.field(PlatformTotals.self) { .int($0.comments) },
    ]

    // MARK: - Computing

    /// Doctors by completed consultations, then average revenue: the seed's ranking query.
    static func topDoctors(limit: Int, specialty: String?, _ context: RequestContext) async throws -> [DoctorRanking] {
        let rows = try await postgres(
            context,
            """
            SELECT c.doctor_id, count(*) AS completed, avg(c.amount_paid)::float8 AS average,
                   sum(c.amount_paid)::bigint AS revenue
            FROM consultations c JOIN doctors d ON d.user_id = c.doctor_id
            WHERE c.status = 'COMPLETED' AND ($2::text IS NULL OR d.specialty = $2)
            GROUP BY c.doctor_id
            ORDER BY completed DESC, average DESC, c.doctor_id
            LIMIT $1
            """, [.int64(Int64(limit)), specialty.map(PostgresValue.text) ?? .null])
        return try rows.map { row in
            DoctorRanking(
                doctorId: try row.decode(UUID.self, "doctor_id"),
                completedConsultations: try row.decode(Int.self, "completed"),
                averageRevenue: try row.decode(Double.self, "average"),
                totalRevenue: try row.decode(Int.self, "revenue"))
        }
    }

    /// One point per period of `[from, to)`, empty periods included; periods are UTC.
    static func volume(from: Date, to: Date, interval: String, _ context: RequestContext) async throws -> [VolumePoint] {
        let unit = ["DAY": "day", "WEEK": "week", "MONTH": "month"][interval] ?? "day"
        let rows = try await postgres(
            context,
            """
            SELECT period.start AT TIME ZONE 'UTC' AS period_start,
                   count(c.id) AS consultations,
                   count(c.id) FILTER (WHERE c.status = 'COMPLETED') AS completed,
                   coalesce(sum(c.amount_paid) FILTER (WHERE c.status = 'COMPLETED'), 0)::bigint AS revenue
            FROM generate_series(
                     date_trunc($3, $1::timestamptz AT TIME ZONE 'UTC'),
                     $2::timestamptz AT TIME ZONE 'UTC' - interval '1 microsecond',
                     ('1 ' || $3)::interval) AS period(start)
            LEFT JOIN consultations c
              ON c.scheduled_at >= greatest(period.start AT TIME ZONE 'UTC', $1::timestamptz)
             AND c.scheduled_at < least((period.start + ('1 ' || $3)::interval) AT TIME ZONE 'UTC', $2::timestamptz)
            GROUP BY period.start
            ORDER BY period.start
            """, [.timestamptz(from), .timestamptz(to), .text(unit)])
        return try rows.map { row in
            VolumePoint(
                periodStart: try row.decode(Date.self, "period_start"),
                consultations: try row.decode(Int.self, "consultations"),
                completed: try row.decode(Int.self, "completed"),
                revenue: try row.decode(Int.self, "revenue"))
        }
    }

    /// Published posts ranked by views + 10 × likes + 5 × comments, stored counts plus the
    /// live Redis counters (which only Redis holds: without it, the stored counts rank).
    static func trendingPosts(limit: Int, _ context: RequestContext) async throws -> [TrendingPost] {
        let posts = try await context.trace.roundTrip(.mongo, within: context.budget, items: \.count) { timeout in
            try await context.gateway.stores.mongo.collection("posts").find(
                .eq("status", .string("PUBLISHED")), options: FindOptions(projection: .include(["engagement"])),
                timeout: timeout)
        }
        let ids = posts.compactMap { $0["_id"]?.stringValue }
        var live: [String?] = Array(repeating: nil, count: ids.count * 2)
        let cacheTimeout = context.gateway.configuration.cacheTimeout * 5
        if !ids.isEmpty, context.gateway.redisGate.isOpen, context.budget.remaining >= cacheTimeout {
            do {
                live = try await context.gateway.stores.redis.mget(
                    ids.flatMap { [CacheKey.postViews($0), CacheKey.postLikes($0)] },
                    timeout: cacheTimeout)
                context.trace.roundTrip(.redis, items: live.count { $0 != nil })
            } catch {
                context.trace.roundTrip(.redis, items: 0)
                context.gateway.redisGate.failed()
                context.gateway.metrics.cacheFallback()
            }
        }
        var ranked: [TrendingPost] = []
        for (index, post) in posts.enumerated() {
            guard let id = post["_id"]?.stringValue else { continue }
            let engagement = post["engagement"]?.documentValue
            let views = (engagement?["views"]?.intValue ?? 0) + (live[2 * index].flatMap { Int($0) } ?? 0)
            let likes = (engagement?["likes"]?.intValue ?? 0) + (live[2 * index + 1].flatMap { Int($0) } ?? 0)
            let comments = engagement?["comments"]?.intValue ?? 0
            ranked.append(
                TrendingPost(postId: id, views: views, likes: likes, score: Double(views + 10 * likes + 5 * comments)))
        }
        ranked.sort { ($0.score, $1.postId) > ($1.score, $0.postId) }
        return Array(ranked.prefix(limit))
    }

    static func totals(_ context: RequestContext) async throws -> PlatformTotals {
        async let rows = postgres(
            context,
            """
            SELECT (SELECT count(*) FROM users) AS users,
                   (SELECT count(*) FROM users WHERE role = 'PATIENT') AS patients,
                   (SELECT count(*) FROM doctors) AS doctors,
                   (SELECT count(*) FROM consultations) AS consultations,
                   (SELECT count(*) FROM consultations WHERE status = 'COMPLETED') AS completed,
                   (SELECT coalesce(sum(amount_paid), 0)::bigint FROM consultations WHERE status = 'COMPLETED') AS revenue
            """, [])
        let mongo = context.gateway.stores.mongo
        let counts = try await context.trace.roundTrip(.mongo, within: context.budget, items: \.count) { timeout in
            try await mongo.collection("posts").aggregate(
                [
                    .match(.eq("status", .string("PUBLISHED"))), .count("posts"),
                    .unionWith(collection: "comments", pipeline: [.count("comments")]),
                ], timeout: timeout)
        }
        let row = try await rows[0]
        return PlatformTotals(
            users: try row.decode(Int.self, "users"), patients: try row.decode(Int.self, "patients"),
            doctors: try row.decode(Int.self, "doctors"), consultations: try row.decode(Int.self, "consultations"),
            completedConsultations: try row.decode(Int.self, "completed"), revenue: try row.decode(Int.self, "revenue"),
            // `$count` yields nothing for an empty input, so each count is read by its name.
            posts: counts.lazy.compactMap { $0["posts"]?.intValue }.first ?? 0,
            comments: counts.lazy.compactMap { $0["comments"]?.intValue }.first ?? 0)
    }

    // MARK: - Helpers

    private static func limitArgument(_ arguments: [String: CoercedValue]) throws -> Int {
        guard case .int(let limit)? = arguments["limit"] else { return 10 }
        guard (1...100).contains(limit) else { throw GatewayError.badInput("limit", "must be between 1 and 100, not \(limit)") }
        return limit
    }

    private static func postgres(_ context: RequestContext, _ sql: String, _ parameters: [PostgresValue])
        async throws -> PostgresRows
    {
        try await context.trace.roundTrip(.postgres, within: context.budget, items: \.count) { timeout in
            try await context.gateway.stores.postgres.query(sql, parameters, timeout: timeout)
        }
    }

    /// A list computed by `compute`, read through the analytics cache.
    private static func cachedList<Item: CacheCoding>(
        _ key: String, _ info: ResolveInfo, compute: @escaping @Sendable (RequestContext) async throws -> [Item],
        transform: @escaping @Sendable (Item) -> FieldValue
    ) -> FieldValue {
        let context = info.gateway
        let pending = context.cached(key, ttl: context.gateway.configuration.analyticsTTL) {
            context.scheduler.run { Optional(try await compute(context)) }
        }
        return Resolve.pending(pending) { items in .list((items ?? []).map(transform)) }
    }
}
