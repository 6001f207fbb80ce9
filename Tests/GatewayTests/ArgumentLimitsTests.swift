import Foundation
import GraphQLExecution
import GraphQLSchema
import Testing

@testable import Gateway

/// String arguments of reads are bounded before any store is read, and cache keys are bounded
/// whatever the arguments (a long one is hashed into its key).
struct CacheKeyTests {
    @Test(arguments: [
        ("Cardiology", "Cardiology"),
        ("General Practice", "General%20Practice"),
        ("a:b", "a%3Ab"),
        ("", ""),
        (String(repeating: "a", count: 64), String(repeating: "a", count: 64)),
        (String(repeating: "a", count: 65), "sha256=635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (String(repeating: "é", count: 256), "sha256=57ed0ef12199207a92e3484cdf02cc0d3822dd0671fdecc234f39b4f50932c07"),
        (String(repeating: "x", count: 100_000), "sha256=d69e68988157833272305aaf21f453c800346e8a3640db6578e260215542e5d4"),
    ])
    func argumentPart(text: String, part: String) {
        #expect(CacheKey.argument(text) == part)
    }
}

extension SeededDataTests {
    @Suite struct ArgumentLimitsTests {
        static let name257 = String(repeating: "n", count: 257)
        static let cursor1025 = String(repeating: "Q", count: 1_025)

        /// Each query is given `$v`; the error names the argument, and no store is asked.
        @Test(arguments: [
            ("query($v: String) { analytics { topDoctors(specialty: $v) { totalRevenue } } }", name257, "specialty"),
            ("query($v: String) { doctors(specialty: $v) { totalCount } }", name257, "specialty"),
            ("query($v: String) { posts(tag: $v) { totalCount } }", name257, "tag"),
            ("query($v: String) { post(slug: $v) { id } }", name257, "slug"),
            ("query($v: ID) { post(id: $v) { id } }", name257, "id"),
            ("query($v: ID!) { node(id: $v) { id } }", name257, "id"),
            ("query($v: ID!) { nodes(ids: [\"UG9zdDp4\", $v]) { id } }", name257, "ids"),
            ("query($v: ID!) { user(id: $v) { id } }", name257, "id"),
            ("query($v: ID!) { medicalRecord(patientId: $v) { id } }", name257, "patientId"),
            ("query($v: String) { users(after: $v) { totalCount } }", cursor1025, "after"),
            ("query($v: String) { doctors(after: $v) { totalCount } }", cursor1025, "after"),
            ("query($v: String) { posts(after: $v) { totalCount } }", cursor1025, "after"),
        ])
        func longArgumentsAreRefusedBeforeAnyStoreIsRead(query: String, value: String, argument: String) async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let response = await gateway.execute(query, variables: ["v": .string(value)])
            let maximum = argument == "after" ? 1_024 : 256
            #expect(
                response.result.errors.map { [$0.message, $0.extensions["code"], $0.extensions["field"]] } == [
                    ["Invalid \(argument): is \(value.count) characters long; at most \(maximum) are allowed.",
                     "BAD_USER_INPUT", argument]
                ])
            for store in StoreName.allCases {
                #expect(response.trace.counts(for: store).roundTrips == 0, "\(store)")
            }
        }

        /// At the bound, an argument is served, and cached under a key of fixed length.
        @Test func aSpecialtyAtTheBoundIsCachedUnderItsHash() async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let specialty = String(repeating: "é", count: 256)
            let response = await gateway.execute(
                "query($v: String) { analytics { topDoctors(specialty: $v) { totalRevenue } } }",
                variables: ["v": .string(specialty)])
            #expect(response.result.errors.isEmpty)
            #expect(response.result.json() == #"{"data":{"analytics":{"topDoctors":[]}}}"#)
            let key = "chorus:v2:analytics:top-doctors:10:sha256=57ed0ef12199207a92e3484cdf02cc0d3822dd0671fdecc234f39b4f50932c07"
            #expect(await MutationFixtures.eventually(timeout: .seconds(5)) { (try? await gateway.stores.redis.get(key)) != nil })
        }

        /// No specialty and an empty one are two cache entries (the empty one matches nobody).
        @Test func noSpecialtyAndAnEmptyOneAreCachedApart() async throws {
            let gateway = try await GatewayTestEnvironment.shared
            let query = "query($v: String) { analytics { topDoctors(limit: 1, specialty: $v) { completedConsultations } } }"
            let empty = await gateway.execute(query, variables: ["v": .string("")])
            #expect(empty.result.json() == #"{"data":{"analytics":{"topDoctors":[]}}}"#)
            _ = await MutationFixtures.eventually(timeout: .seconds(5)) {
                (try? await gateway.stores.redis.get("chorus:v2:analytics:top-doctors:1:")) != nil
            }
            let all = await gateway.execute(query)
            #expect(all.result.json().hasPrefix(#"{"data":{"analytics":{"topDoctors":[{"completedConsultations":"#))
        }

        /// A cursor holding an instant no store can hold is refused, naming `after`, and no
        /// store counts a failure.
        @Test(arguments: ["users", "posts"])
        func aCursorOutOfTheDateRangeIsRefused(list: String) async throws {
            let gateway = try await GatewayTestEnvironment.shared
            // Year 10000: 253402300800 s after 1970, as the cursor's shifted microseconds.
            let key = "0\(253_402_300_800_000_000 + 100_000_000_000_000_000)"
            let cursor = Data("d\u{1F}\(key)\u{1F}00000000-0000-0000-0000-000000000000".utf8).base64EncodedString()
            let response = await gateway.execute(
                "query($v: String) { \(list)(after: $v) { totalCount } }", variables: ["v": .string(cursor)],
                viewer: GatewayTestEnvironment.admin)
            #expect(
                response.result.errors.map { [$0.message, $0.extensions["code"], $0.extensions["field"]] } == [
                    ["Invalid after: is not a cursor from this list.", "BAD_USER_INPUT", "after"]
                ])
            #expect(response.trace.counts(for: .mongo).roundTrips == 0)
            #expect(response.trace.counts(for: .postgres).roundTrips == 0)
        }
    }
}
