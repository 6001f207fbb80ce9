import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import MongoClient
import PostgresClient

/// The `Query` root: lookups by ID, `node`, and the root lists.
enum QueryResolvers {
    static let query: [String: FieldResolver] = [
        "node": FieldResolver { _, arguments, info in
            try node(Resolve.name(arguments, "id") ?? "", info)
        },
        "nodes": FieldResolver { _, arguments, info in
            guard case .list(let ids)? = arguments["ids"] else { return .list([]) }
            guard ids.count <= PageArguments.maximum else {
                throw GatewayError.badInput("ids", "holds \(ids.count) IDs; at most \(PageArguments.maximum) are allowed")
            }
            // Every ID is checked before any is loaded: a refused list reads nothing.
            for case .string(let text) in ids { try Resolve.checkLength(text, of: "ids", maximum: Resolve.maximumNameLength) }
            return .list(try ids.map { id in
                guard case .string(let text) = id else { return .null }
                return try node(text, info)
            })
        },
        "user": FieldResolver { _, arguments, info in
            let id = try GlobalID.uuid(Resolve.name(arguments, "id") ?? "", of: "User", argument: "id")
            return Resolve.pending(info.gateway.user(id), Resolve.user)
        },
        "doctor": FieldResolver { _, arguments, info in
            let id = try GlobalID.uuid(Resolve.name(arguments, "id") ?? "", of: "Doctor", argument: "id")
            return Resolve.pending(info.gateway.doctor(id), Resolve.doctor)
        },
        "consultation": FieldResolver { _, arguments, info in
            let id = try GlobalID.uuid(Resolve.name(arguments, "id") ?? "", of: "Consultation", argument: "id")
            return visibleConsultation(id, info)
        },
        "medicalRecord": FieldResolver { _, arguments, info in
            let id = try GlobalID.uuid(Resolve.name(arguments, "patientId") ?? "", of: "User", argument: "patientId")
            return try visibleRecord(of: id, info)
        },
        "post": FieldResolver { _, arguments, info in
            switch try (Resolve.name(arguments, "id"), Resolve.name(arguments, "slug")) {
            case (let id?, nil):
                let uuid = try GlobalID.uuid(id, of: "Post", argument: "id")
                return Resolve.pending(info.gateway.document(.post(id: uuid.lowercasedText))) { [viewer = info.gateway.viewer] in
                    Resolve.post($0, visibleTo: viewer)
                }
            case (nil, let slug?):
                return Resolve.pending(info.gateway.document(.postBySlug(slug))) { [viewer = info.gateway.viewer] in
                    Resolve.post($0, visibleTo: viewer)
                }
            default:
                throw GatewayError.badInput("post", "give exactly one of id and slug")
            }
        },
        "users": .async { _, arguments, info in
            let page = try PageArguments(arguments, defaultFirst: 20)
            return .object(try await RootLists.users(role: Resolve.string(arguments, "role"), page, info.gateway))
        },
        "doctors": .async { _, arguments, info in
            let page = try PageArguments(arguments, defaultFirst: 20, datedCursor: false)
            var available: Bool? = nil
            if case .boolean(let flag)? = arguments["available"] { available = flag }
            return .object(
                try await RootLists.doctors(
                    specialty: Resolve.name(arguments, "specialty"), available: available, page, info.gateway))
        },
        "posts": .async { _, arguments, info in
            let page = try PageArguments(arguments, defaultFirst: 20)
            return .object(
                try await RootLists.posts(
                    tag: Resolve.name(arguments, "tag"), status: Resolve.string(arguments, "status"), page,
                    info.gateway))
        },
        "analytics": FieldResolver { _, _, _ in .object(AnalyticsRoot()) },
    ]

    /// A consultation, when the viewer is its patient, its doctor or an admin.
    static func visibleConsultation(_ id: UUID, _ info: ResolveInfo) -> FieldValue {
        let viewer = info.gateway.viewer
        return Resolve.pending(info.gateway.consultation(id)) { row in
            guard let row else { return .null }
            try Access.consultation(row, viewer)
            return Resolve.consultation(row)
        }
    }

    /// A patient's medical record, when the viewer may see it.
    static func visibleRecord(of patient: UUID, _ info: ResolveInfo) throws -> FieldValue {
        try Access.patient(patient, "this medical record", info) {
            Resolve.pending(info.gateway.document(.record(patientId: patient.lowercasedText)), Resolve.record)
        }
    }

    /// `node(id:)`: the global ID's type names the loader.
    static func node(_ text: String, _ info: ResolveInfo) throws -> FieldValue {
        guard let id = GlobalID(decoding: text) else { return .null }
        let context = info.gateway
        switch id.typeName {
        case "User":
            guard let uuid = UUID(uuidString: id.key) else { return .null }
            return Resolve.pending(context.user(uuid), Resolve.user)
        case "Doctor":
            guard let uuid = UUID(uuidString: id.key) else { return .null }
            return Resolve.pending(context.doctor(uuid), Resolve.doctor)
        case "Consultation":
            guard let uuid = UUID(uuidString: id.key) else { return .null }
            return visibleConsultation(uuid, info)
        case "MedicalRecord":
            guard let uuid = UUID(uuidString: id.key) else { return .null }
            return try visibleRecord(of: uuid, info)
        case "Post":
            return Resolve.pending(context.document(.post(id: id.key))) { [viewer = context.viewer] in
                Resolve.post($0, visibleTo: viewer)
            }
        case "Comment":
            return Resolve.pending(context.document(.comment(id: id.key)), Resolve.comment)
        default:
            return .null
        }
    }
}

/// The root lists: one statement (or one aggregate) each, with the total in the same round trip.
enum RootLists {
    static func users(role: String?, _ page: PageArguments, _ context: RequestContext) async throws -> Connection {
        let rows = try await query(
            context,
            """
            SELECT \(UserRow.columns), (extract(epoch FROM created_at) * 1000000)::bigint AS sort_key
            FROM users
            WHERE ($1::text IS NULL OR role = $1)
              AND ($2::bigint IS NULL OR ((extract(epoch FROM created_at) * 1000000)::bigint, id) < ($2, $3::uuid))
            ORDER BY sort_key DESC, id DESC LIMIT $4
            """,
            "SELECT count(*) AS total FROM users WHERE ($1::text IS NULL OR role = $1)",
            [
                role.map(PostgresValue.text) ?? .null,
                page.after.flatMap { Cursor.micros(fromDateKey: $0.key) }.map(PostgresValue.int64) ?? .null,
                page.after.flatMap { UUID(uuidString: $0.id) }.map(PostgresValue.uuid) ?? .null,
                .int64(Int64(page.first + 1)),
            ], countParameters: 1)
        let users = try rows.items.map(UserRow.init)
        return Page(items: Array(users.prefix(page.first)), hasNextPage: users.count > page.first, totalCount: rows.total)
            .connection(page, cursor: { Cursor(order: .descending, key: Cursor.dateKey($0.createdAt), id: $0.id.lowercasedText) }) {
                Resolve.user($0)
            }
    }

    static func doctors(specialty: String?, available: Bool?, _ page: PageArguments, _ context: RequestContext)
        async throws -> Connection
    {
        let rows = try await query(
            context,
            """
            SELECT \(DoctorRow.columns) FROM doctors
            WHERE ($1::text IS NULL OR specialty = $1) AND ($2::bool IS NULL OR available = $2)
              AND ($3::text IS NULL OR (specialty, license_number) > ($3, $4::text))
            ORDER BY specialty, license_number LIMIT $5
            """,
            "SELECT count(*) AS total FROM doctors WHERE ($1::text IS NULL OR specialty = $1) AND ($2::bool IS NULL OR available = $2)",
            [
                specialty.map(PostgresValue.text) ?? .null,
                available.map(PostgresValue.bool) ?? .null,
                page.after.map { PostgresValue.text($0.key) } ?? .null,
                page.after.map { PostgresValue.text($0.id) } ?? .null,
                .int64(Int64(page.first + 1)),
            ], countParameters: 2)
        let doctors = try rows.items.map(DoctorRow.init)
        return Page(items: Array(doctors.prefix(page.first)), hasNextPage: doctors.count > page.first, totalCount: rows.total)
            .connection(page, cursor: { Cursor(order: .ascending, key: $0.specialty, id: $0.licenseNumber) }) {
                Resolve.doctor($0)
            }
    }

    /// A page statement and a count statement in one pipeline: one round trip.
    private static func query(
        _ context: RequestContext, _ pageSQL: String, _ countSQL: String, _ parameters: [PostgresValue],
        countParameters: Int
    ) async throws -> (items: [PostgresRow], total: Int) {
        let results = try await context.trace.roundTrip(.postgres, within: context.budget, items: { $0[0].count }) { timeout in
            try await context.gateway.stores.postgres.pipeline(
                [.init(pageSQL, parameters), .init(countSQL, Array(parameters.prefix(countParameters)))],
                timeout: timeout)
        }
        return (Array(results[0]), try results[1].first?.decode(Int.self, "total") ?? 0)
    }

    /// Posts newest first, filtered by status and tag: one aggregate with `$facet` for the
    /// page and the total.
    static func posts(tag: String?, status: String?, _ page: PageArguments, _ context: RequestContext) async throws
        -> Connection
    {
        var filters: [Filter] = []
        if let status { filters.append(.eq("status", .string(status))) }
        if let tag { filters.append(.eq("tags", .string(tag))) }
        // Drafts: admins see all of them, an author their own, anyone else none.
        if let visible = Access.visiblePosts(context.viewer) { filters.append(visible) }
        let matching: Filter = filters.isEmpty ? .all : .and(filters)
        var after: Filter = .all
        if let cursor = page.after, let micros = Cursor.micros(fromDateKey: cursor.key) {
            let date = BSONValue.date(Date(timeIntervalSince1970: Double(micros) / 1_000_000))
            after = .or([.lt("createdAt", date), .and([.eq("createdAt", date), .lt("_id", .string(cursor.id))])])
        }
        let pipeline: [Stage] = [
            .match(matching),
            .unsafeRaw([
                "$facet": .document([
                    "items": .array([
                        .document(["$match": .document(after.document)]),
                        .document(["$sort": .document(["createdAt": .int32(-1), "_id": .int32(-1)])]),
                        .document(["$limit": .int32(Int32(page.first + 1))]),
                    ]),
                    "total": .array([.document(["$count": .string("total")])]),
                ])
            ]),
        ]
        let result = try await context.trace.roundTrip(
            .mongo, within: context.budget, items: { $0.first?["items"]?.arrayValue?.count ?? 0 }
        ) { timeout in
            try await context.gateway.stores.mongo.collection("posts").aggregate(pipeline, timeout: timeout)
        }
        let items = (result.first?["items"]?.arrayValue ?? []).compactMap(\.documentValue)
        let total = result.first?["total"]?.arrayValue?.first?.documentValue?["total"]?.intValue ?? 0
        return Page(items: Array(items.prefix(page.first)), hasNextPage: items.count > page.first, totalCount: total)
            .connection(page, cursor: MongoBatch.postCursor) { Resolve.post($0) }
    }
}
