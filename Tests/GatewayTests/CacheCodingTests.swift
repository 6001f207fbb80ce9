import Foundation
import RedisClient
import Testing

@testable import Gateway
@testable import GraphQLExecution
@testable import PostgresClient

/// The cached values' JSON (`CacheCoding`): the exact text of each type, read back equal;
/// everything else (another format, a missing field, a wrong type, a value JSON cannot carry
/// exactly) refused with its reason, which `RequestContext` turns into a cache miss.
struct CacheCodingTests {
    static let id = UUID(uuidString: "0F0F0F0F-1111-2222-3333-444455556666")!
    static let other = UUID(uuidString: "A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF")!

    /// A timestamp as `PostgresClient` makes it of PostgreSQL's microseconds (counted from 2000).
    static func postgres(_ microsecondsSince1970: Int) -> Date {
        PostgresTimestamp(microseconds: Int64(microsecondsSince1970 - 946_684_800_000_000)).date
    }

    static func user(
        email: String = "a@example.com", phone: String? = nil,
        created: Date = CacheCodingTests.postgres(1_709_285_400_123_457),
        updated: Date = CacheCodingTests.postgres(1_709_285_400_123_458)
    ) -> UserRow {
        UserRow(id: id, email: email, phone: phone, role: "PATIENT", createdAt: created, updatedAt: updated)
    }

    static func doctor(license: String = "FR-123", fee: Int = 4_500, available: Bool = true) -> DoctorRow {
        DoctorRow(
            userId: other, specialty: "Cardiology", licenseNumber: license, consultationFee: fee, available: available,
            createdAt: postgres(0), updatedAt: postgres(-1))
    }

    static func ranking(_ average: Double, revenue: Int = 9_000) -> DoctorRanking {
        DoctorRanking(doctorId: other, completedConsultations: 2, averageRevenue: average, totalRevenue: revenue)
    }

    /// The two timestamps of `user()`, as written.
    static let userDates = #""created":1709285400123457,"updated":1709285400123458"#
    static let userHead = #"{"id":"0f0f0f0f-1111-2222-3333-444455556666","email":"a@example.com""#
    static let doctorJSON =
        #"{"user":"a0b1c2d3-e4f5-4607-8899-aabbccddeeff","specialty":"Cardiology","license":"FR-123","fee":4500,"#
        + #""available":true,"created":0,"updated":-1}"#

    @Test(arguments: [
        (user(), userHead + #","role":"PATIENT","# + userDates + "}"),
        (user(phone: "+33 6 12 34 56 78"), userHead + #","phone":"+33 6 12 34 56 78","role":"PATIENT","# + userDates + "}"),
        (user(phone: ""), userHead + #","phone":"","role":"PATIENT","# + userDates + "}"),
        // Quotes, backslashes, control characters and non-ASCII text, escaped as JSON.stringify does.
        (user(email: "Zoë \"Doc\" O'Brien\\\n\t\u{0}\u{1F}🩺@例え.jp\u{2028}"),
         #"{"id":"0f0f0f0f-1111-2222-3333-444455556666","email":"Zoë \"Doc\" O'Brien\\\n\t\u0000\u001f🩺@例え.jp"#
            + "\u{2028}" + #"","role":"PATIENT","# + userDates + "}"),
        // Microseconds since 1970 on both sides of it, and the last one a JSON number holds exactly (2255).
        (user(created: postgres(-1), updated: postgres(1)),
         userHead + #","role":"PATIENT","created":-1,"updated":1}"#),
        (user(created: postgres(-9_007_199_254_740_992), updated: postgres(9_007_199_254_740_992)),
         userHead + #","role":"PATIENT","created":-9007199254740992,"updated":9007199254740992}"#),
        (user(created: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSinceReferenceDate: 0.25)),
         userHead + #","role":"PATIENT","created":0,"updated":978307200250000}"#),
    ] as [(UserRow, String)])
    func userRoundTrip(row: UserRow, json: String) throws {
        #expect(try row.cacheEntry() == json)
        #expect(try UserRow(cacheEntry: json) == row)
    }

    @Test(arguments: [
        (doctor(), doctorJSON),
        (doctor(license: "", fee: 0, available: false),
         doctorJSON.replacingOccurrences(of: #""FR-123","fee":4500,"available":true"#, with: #""","fee":0,"available":false"#)),
        (doctor(fee: -1), doctorJSON.replacingOccurrences(of: "4500", with: "-1")),
        (doctor(fee: 1 << 53), doctorJSON.replacingOccurrences(of: "4500", with: "9007199254740992")),
        (doctor(fee: -(1 << 53)), doctorJSON.replacingOccurrences(of: "4500", with: "-9007199254740992")),
        (doctor(license: "Nº \"42\" \\ ü"), doctorJSON.replacingOccurrences(of: "FR-123", with: #"Nº \"42\" \\ ü"#)),
    ] as [(DoctorRow, String)])
    func doctorRoundTrip(row: DoctorRow, json: String) throws {
        #expect(try row.cacheEntry() == json)
        #expect(try DoctorRow(cacheEntry: json) == row)
    }

    static let rankingHead = #"{"doctor":"a0b1c2d3-e4f5-4607-8899-aabbccddeeff","completed":2,"average":"#

    @Test(arguments: [
        ([], "[]"),
        ([ranking(4_500)], "[" + rankingHead + #"4500.0,"revenue":9000}]"#),
        // Doubles in Swift's shortest form that reads back to the same bits.
        ([ranking(1_234.5678), ranking(0.1, revenue: -5), ranking(1.0 / 3)],
         "[" + rankingHead + #"1234.5678,"revenue":9000},"# + rankingHead + #"0.1,"revenue":-5},"# + rankingHead
            + #"0.3333333333333333,"revenue":9000}]"#),
        ([ranking(1e21), ranking(.leastNonzeroMagnitude), ranking(-1.5e300)],
         "[" + rankingHead + #"1e+21,"revenue":9000},"# + rankingHead + #"5e-324,"revenue":9000},"# + rankingHead
            + #"-1.5e+300,"revenue":9000}]"#),
        ([ranking(1e-7), ranking(-0.0)],
         "[" + rankingHead + #"1e-07,"revenue":9000},"# + rankingHead + #"-0.0,"revenue":9000}]"#),
    ] as [([DoctorRanking], String)])
    func rankingsRoundTrip(rankings: [DoctorRanking], json: String) throws {
        #expect(try rankings.cacheEntry() == json)
        #expect(try [DoctorRanking](cacheEntry: json) == rankings)
    }

    @Test func otherAnalyticsRoundTrip() throws {
        let points = [
            VolumePoint(periodStart: Self.postgres(1_709_251_200_000_000), consultations: 12, completed: 0, revenue: 0),
            VolumePoint(periodStart: Self.postgres(1_709_337_600_000_000), consultations: 0, completed: 0, revenue: 0),
        ]
        let pointsJSON =
            #"[{"start":1709251200000000,"consultations":12,"completed":0,"revenue":0},"#
            + #"{"start":1709337600000000,"consultations":0,"completed":0,"revenue":0}]"#
        #expect(try points.cacheEntry() == pointsJSON)
        #expect(try [VolumePoint](cacheEntry: pointsJSON) == points)
        #expect(try [VolumePoint]().cacheEntry() == "[]")

        let posts = [TrendingPost(postId: "65f0c0ffee\"é", views: 1 << 40, likes: 0, score: 1_099_511_627_776.5)]
        let postsJSON = #"[{"post":"65f0c0ffee\"é","views":1099511627776,"likes":0,"score":1099511627776.5}]"#
        #expect(try posts.cacheEntry() == postsJSON)
        #expect(try [TrendingPost](cacheEntry: postsJSON) == posts)

        let totals = PlatformTotals(
            users: 1_000_000, patients: 0, doctors: 7, consultations: 123_456_789, completedConsultations: 3,
            revenue: 9_007_199_254_740_991, posts: 2, comments: 1)
        let totalsJSON =
            #"{"users":1000000,"patients":0,"doctors":7,"consultations":123456789,"completed":3,"#
            + #""revenue":9007199254740991,"posts":2,"comments":1}"#
        #expect(try totals.cacheEntry() == totalsJSON)
        #expect(try PlatformTotals(cacheEntry: totalsJSON) == totals)
    }

    /// UUIDs as Foundation writes them, lowercased, and read back in either case.
    @Test(arguments: [
        "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
        "0F0F0F0F-1111-2222-3333-444455556666", "A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF",
        "9A8B7C6D-5E4F-4A3B-9C2D-1E0F00112233",
    ])
    func uuidText(text: String) throws {
        let uuid = try #require(UUID(uuidString: text))
        #expect(UUIDText.lowercase(uuid) == text.lowercased())
        #expect(UUIDText.uuid(text.lowercased()) == uuid)
        #expect(UUIDText.uuid(text) == uuid)
    }

    /// Fields are found in any order, unknown ones ignored, a null optional read as nil.
    @Test func fieldsInAnyOrderAndUnknownOnes() throws {
        let json =
            #"{"updated":1709285400123458,"phone":null,"extra":[1,{"id":"x"}],"role":"PATIENT","#
            + #""created":1709285400123457,"email":"a@example.com","id":"0F0F0F0F-1111-2222-3333-444455556666"}"#
        #expect(try UserRow(cacheEntry: json) == Self.user())
    }

    /// What `RequestContext` reads as a miss: each refusal with its reason.
    @Test(arguments: [
        // The v1 entries, as `JSONEncoder` wrote them (dates as seconds since 2001).
        (UserRow.self,
         #"{"id":"0F0F0F0F-1111-2222-3333-444455556666","email":"a@example.com","role":"PATIENT","#
            + #""createdAt":731000000.5,"updatedAt":731000000.5}"#, CacheCodingError.missingField("created")),
        (DoctorRow.self,
         #"{"userId":"A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF","specialty":"Cardiology","licenseNumber":"FR-123","#
            + #""consultationFee":4500,"available":true,"createdAt":731000000.5,"updatedAt":731000000.5}"#,
         .missingField("user")),
        ([DoctorRanking].self,
         #"[{"doctorId":"A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF","completedConsultations":2,"averageRevenue":4500,"#
            + #""totalRevenue":9000}]"#, .missingField("doctor")),
        (PlatformTotals.self,
         #"{"users":1,"patients":0,"doctors":0,"consultations":0,"completedConsultations":0,"revenue":0,"#
            + #""posts":0,"comments":0}"#, .missingField("completed")),
        // A field missing or of another type.
        (UserRow.self, userHead + #","role":"PATIENT","created":1709285400123457}"#, .missingField("updated")),
        (UserRow.self, userHead + #","# + userDates + "}", .missingField("role")),
        (UserRow.self, userHead + #","role":null,"# + userDates + "}", .wrongType(field: "role")),
        (UserRow.self, userHead + #","phone":5,"role":"PATIENT","# + userDates + "}", .wrongType(field: "phone")),
        (UserRow.self, userHead + #","role":"PATIENT","created":"2024-03-01T09:30:00Z","updated":1}"#,
         .wrongType(field: "created")),
        (UserRow.self, userHead + #","role":"PATIENT","created":1709285400123.5,"updated":1}"#,
         .wrongType(field: "created")),
        (UserRow.self, userHead + #","role":"PATIENT","created":9007199254740994,"updated":1}"#,
         .wrongType(field: "created")),
        (UserRow.self, #"{"id":"0f0f0f0f","email":"a","role":"PATIENT","# + userDates + "}", .wrongType(field: "id")),
        (UserRow.self, #"{"id":7,"email":"a","role":"PATIENT","# + userDates + "}", .wrongType(field: "id")),
        (UserRow.self, #"{"id":"0f0f0f0f-1111-2222-3333-44445555666g","email":"a","role":"PATIENT","# + userDates + "}",
         .wrongType(field: "id")),
        (UserRow.self, #"{"id":"0f0f0f0f1-111-2222-3333-444455556666","email":"a","role":"PATIENT","# + userDates + "}",
         .wrongType(field: "id")),
        (UserRow.self, #"{"id":"{0f0f0f0f-1111-2222-3333-4444555566}","email":"a","role":"PATIENT","# + userDates + "}",
         .wrongType(field: "id")),
        (DoctorRow.self, doctorJSON.replacingOccurrences(of: "4500", with: #""4500""#), .wrongType(field: "fee")),
        (DoctorRow.self, doctorJSON.replacingOccurrences(of: "4500", with: "45.5"), .wrongType(field: "fee")),
        (DoctorRow.self, doctorJSON.replacingOccurrences(of: "true", with: "1"), .wrongType(field: "available")),
        ([DoctorRanking].self, "[" + rankingHead + #""4500","revenue":9000}]"#, .wrongType(field: "average")),
        ([DoctorRanking].self, "[" + rankingHead + #"null,"revenue":9000}]"#, .wrongType(field: "average")),
        // Not the JSON value the type is.
        (UserRow.self, "[]", .wrongType(field: nil)),
        (UserRow.self, "null", .wrongType(field: nil)),
        (UserRow.self, #""a@example.com""#, .wrongType(field: nil)),
        ([DoctorRanking].self, "[" + rankingHead + #"4500,"revenue":9000}"#,
         .syntax(JSON.SyntaxError(message: "Unexpected end of JSON", offset: 94))),
        ([DoctorRanking].self, "{}", .wrongType(field: nil)),
        ([DoctorRanking].self, "[1]", .wrongType(field: nil)),
        // Not JSON.
        (UserRow.self, "", .syntax(JSON.SyntaxError(message: "Unexpected end of JSON", offset: 0))),
        (UserRow.self, #"{"id":"#, .syntax(JSON.SyntaxError(message: "Unexpected end of JSON", offset: 6))),
        (UserRow.self, "not json", .syntax(JSON.SyntaxError(message: "Unexpected character in JSON", offset: 0))),
    ] as [(any CacheCoding.Type, String, CacheCodingError)])
    func refusedEntries(type: any CacheCoding.Type, entry: String, refusal: CacheCodingError) {
        #expect(throws: refusal) { _ = try type.init(cacheEntry: entry) }
    }

    /// Values JSON would not carry back equal are not cached.
    @Test(arguments: [
        (doctor(fee: (1 << 53) + 1), CacheCodingError.inexact(field: "fee")),
        (doctor(fee: .min), .inexact(field: "fee")),
        ([ranking(.nan)], .inexact(field: "average")),
        ([ranking(-.infinity)], .inexact(field: "average")),
        ([ranking(1, revenue: .max)], .inexact(field: "revenue")),
        // Dates: past 2⁵³ µs from 1970 (PostgreSQL's `infinity` is `distantFuture`), or not a
        // whole number of microseconds.
        (user(updated: postgres(9_007_199_254_740_993)), .inexact(field: "updated")),
        (user(created: postgres(-9_007_199_254_740_994)), .inexact(field: "created")),
        (user(created: .distantFuture), .inexact(field: "created")),
        (user(created: .distantPast), .inexact(field: "created")),
        (user(created: Date(timeIntervalSinceReferenceDate: 0.000_000_5)), .inexact(field: "created")),
        (user(updated: Date(timeIntervalSinceReferenceDate: 1_000.000_000_1)), .inexact(field: "updated")),
        ([VolumePoint(periodStart: Date(timeIntervalSinceReferenceDate: 1e-7), consultations: 0, completed: 0, revenue: 0)],
         .inexact(field: "start")),
    ] as [(any CacheCoding, CacheCodingError)])
    func refusedValues(value: any CacheCoding, refusal: CacheCodingError) {
        #expect(throws: refusal) { try value.cacheEntry() }
    }

    /// A date that is not a number (which a test argument cannot even describe) is refused too.
    @Test func aDateThatIsNotANumberIsRefused() {
        #expect(throws: CacheCodingError.inexact(field: "created")) {
            try Self.user(created: Date(timeIntervalSinceReferenceDate: .nan)).cacheEntry()
        }
    }
}

extension SeededDataTests {
    /// The cache codec against the stores: PostgreSQL's timestamps read back to the
    /// microsecond, and an entry that does not read is a miss, replaced by the fill.
    @Suite struct CacheCodingStoreTests {
        @Test func postgresRowsReadBackEqual() async throws {
            let postgres = try await GatewayTestEnvironment.shared.stores.postgres
            let users = try await postgres.query("SELECT \(UserRow.columns) FROM users").map(UserRow.init)
            let doctors = try await postgres.query("SELECT \(DoctorRow.columns) FROM doctors").map(DoctorRow.init)
            #expect(users.count > 10)
            #expect(doctors.count > 1)
            #expect(try users.filter { try UserRow(cacheEntry: $0.cacheEntry()) != $0 } == [])
            #expect(try doctors.filter { try DoctorRow(cacheEntry: $0.cacheEntry()) != $0 } == [])
        }

        /// Each timestamp is written as PostgreSQL's own count of microseconds since 1970, as
        /// far as a JSON number holds it exactly (2⁵³ µs either side); further ones are refused.
        /// (Before 1685, not every microsecond is a distinct `Date`: −2⁵³ − 1 µs reads as −2⁵³.)
        @Test func postgresTimestampsAsTheirMicroseconds() async throws {
            let postgres = try await GatewayTestEnvironment.shared.stores.postgres
            let rows = try await postgres.query(
                """
                SELECT t, (extract(epoch FROM t) * 1000000)::int8 AS micros
                FROM unnest(ARRAY[
                    '2024-03-01 09:30:00.123457+00', '1969-12-31 23:59:59.999999+00', 'epoch', 'now',
                    timestamptz 'epoch' + interval '9007199254740992 microseconds',
                    timestamptz 'epoch' - interval '9007199254740992 microseconds',
                    timestamptz 'epoch' + interval '9007199254740993 microseconds',
                    timestamptz 'epoch' - interval '9007199254740994 microseconds'
                ]) AS t
                """)
            #expect(rows.count == 8)
            for row in rows {
                let date = try row.decode(Date.self, "t")
                let micros = try row.decode(Int.self, "micros")
                let written = CacheNumbers.microsecondsSince1970(date)
                #expect(written == (micros.magnitude <= 1 << 53 ? micros : nil), "\(micros)")
                if let written { #expect(CacheNumbers.date(microsecondsSince1970: written) == date) }
            }
        }

        @Test(arguments: [
            // The v1 format of the entry (what JSONEncoder wrote), under the v2 key.
            #"[{"doctorId":"A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF","completedConsultations":2,"#
                + #""averageRevenue":4500,"totalRevenue":9000}]"#,
            "not json",
            #"{"doctor":"a0b1c2d3-e4f5-4607-8899-aabbccddeeff","completed":2,"average":4500,"revenue":9000}"#,
        ])
        func anEntryThatDoesNotReadIsAMissAndIsReplaced(entry: String) async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let redis = gateway.stores.redis
            let key = CacheKey.analytics("top-doctors:7")
            let query = "{ analytics { topDoctors(limit: 7) { completedConsultations totalRevenue } } }"
            try await redis.set(key, to: entry, expiry: .seconds(60))

            let missed = await gateway.execute(query, trace: true, viewer: GatewayTestEnvironment.admin)
            #expect(missed.result.errors.isEmpty)
            #expect(missed.trace.counts(for: .redis).cacheHits == 0)
            #expect(missed.trace.counts(for: .redis).cacheMisses == 1)
            // The answer came from PostgreSQL; the fill, after it, holds the same rankings.
            #expect(try await MutationFixtures.eventually(timeout: .seconds(5)) { try await redis.get(key) != entry })
            let rankings = try [DoctorRanking](cacheEntry: try #require(try await redis.get(key)))
            #expect(rankings.count == 7)
            let answer = rankings.map { #"{"completedConsultations":\#($0.completedConsultations),"totalRevenue":\#($0.totalRevenue)}"# }
            #expect(missed.result.json() == #"{"data":{"analytics":{"topDoctors":["# + answer.joined(separator: ",") + "]}}}")

            let hit = await gateway.execute(query, trace: true, viewer: GatewayTestEnvironment.admin)
            #expect(hit.trace.counts(for: .redis).cacheHits == 1)
            #expect(hit.trace.counts(for: .redis).cacheMisses == 0)
            #expect(hit.trace.counts(for: .postgres).roundTrips == 0)
            #expect(hit.result.json() == missed.result.json())
        }
    }
}
