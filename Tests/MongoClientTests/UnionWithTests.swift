import Foundation
import Testing
@testable import MongoClient

/// `$unionWith` and `$addFields`: several reads of one database in one aggregate round trip.
@Suite("aggregate: $unionWith and $addFields", .dropsScratchCollections)
struct UnionWithTests {
    let pool: MongoPool

    init() throws {
        pool = try TestServer.pool()
    }

    /// A scratch collection holding `{_id, n}` for each pair.
    func numbers(_ label: String, _ pairs: [(id: Int32, n: Int32)]) async throws -> MongoCollection {
        let collection = TestServer.scratchCollection(pool, label)
        try await collection.insertMany(pairs.map { ["_id": .int32($0.id), "n": .int32($0.n)] })
        return collection
    }

    @Test("a union of two collections, each part matched, sorted, limited and tagged")
    func unionOfTwoParts() async throws {
        let posts = TestServer.scratchCollection(pool, "posts")
        try await posts.insertMany((1...10).map { id -> BSONDocument in
            ["_id": .int32(Int32(id)), "authorId": .int32(Int32((id - 1) % 3 + 1)), "title": .string("post \(id)")]
        })
        let comments = TestServer.scratchCollection(pool, "comments")
        try await comments.insertMany((1...6).map { k -> BSONDocument in
            ["_id": .int32(Int32(100 + k)), "postId": .int32(Int32(k)), "n": .int32(Int32(k))]
        })
        let documents = try await posts.aggregate([
            .match(.eq("authorId", .int32(1))),  // 1, 4, 7, 10
            .sort(.descending("_id")),
            .limit(2),
            .addFields(["part": .literal("$posts")]),  // a literal, not a field reference
            .unionWith(collection: comments.name, pipeline: [
                .match(.gte("n", .int32(3))),  // 103…106
                .sort(.descending("n")),
                .limit(3),
                .addFields(["part": .literal("comments"), "score": .field("n")]),
            ]),
            .project([.include("part"), .include("score")]),
        ])
        #expect(documents == [
            ["_id": .int32(10), "part": "$posts"],
            ["_id": .int32(7), "part": "$posts"],
            ["_id": .int32(106), "part": "comments", "score": .int32(6)],
            ["_id": .int32(105), "part": "comments", "score": .int32(5)],
            ["_id": .int32(104), "part": "comments", "score": .int32(4)],
        ])
    }

    @Test("chained and nested unions; the stages after a union apply to all of it")
    func chainedUnions() async throws {
        let a = try await numbers("a", [(1, 5)])
        let b = try await numbers("b", [(3, 9), (2, 1)])
        let c = try await numbers("c", [(4, 3), (5, -1)])
        let parts: [Stage] = [
            .unionWith(collection: b.name, pipeline: [.sort(.ascending("_id"))]),
            .unionWith(collection: c.name, pipeline: [.match(.gt("n", .int32(0)))]),
        ]
        #expect(try await a.aggregate(parts) == [
            ["_id": .int32(1), "n": .int32(5)], ["_id": .int32(2), "n": .int32(1)],
            ["_id": .int32(3), "n": .int32(9)], ["_id": .int32(4), "n": .int32(3)],
        ])
        let ranked = try await a.aggregate(parts + [.sort(.descending("n")), .skip(1), .limit(2)])
        #expect(ranked.map { $0["_id"] } == [.int32(1), .int32(4)])
        let nested = try await a.aggregate([
            .unionWith(collection: b.name, pipeline: [
                .sort(.descending("_id")), .unionWith(collection: c.name, pipeline: [.sort(.descending("n"))]),
            ]),
            .addFields(["n": .literal(.int32(0))]),
        ])
        #expect(nested.map { $0["_id"] } == [.int32(1), .int32(3), .int32(2), .int32(4), .int32(5)])
        #expect(Set(nested.map { $0["n"] }) == [.int32(0)])
    }

    @Test("a $match before the union filters only the base collection")
    func unionAfterAMatch() async throws {
        let base = try await numbers("base", [(1, 10), (2, 20), (3, 30)])
        let other = try await numbers("other", [(11, 10), (12, 20)])
        let documents = try await base.aggregate([
            .match(.gte("n", .int32(20))),
            .sort(.ascending("_id")),
            .unionWith(collection: other.name, pipeline: [.sort(.ascending("_id"))]),
            .unionWith(collection: other.name + "_missing"),  // no such collection: nothing more
        ])
        #expect(documents == [
            ["_id": .int32(2), "n": .int32(20)], ["_id": .int32(3), "n": .int32(30)],
            ["_id": .int32(11), "n": .int32(10)], ["_id": .int32(12), "n": .int32(20)],
        ])
    }

    @Test("$set is $addFields under another name")
    func setStage() async throws {
        let items = try await numbers("set", [(1, 5)])
        let added = try await items.aggregate([.addFields(["twice": .field("n"), "tag": .literal("$n")])])
        let set = try await items.aggregate([.unsafeRaw(["$set": .document(["twice": "$n", "tag": .document(["$literal": "$n"])])])])
        #expect(added == [["_id": .int32(1), "n": .int32(5), "tag": "$n", "twice": .int32(5)]])
        #expect(set == [["_id": .int32(1), "n": .int32(5), "twice": .int32(5), "tag": "$n"]])
    }

    @Test("the stages' BSON")
    func stageDocuments() {
        #expect(Stage.addFields(["tag": .literal("$x"), "copy": .field("a.b"), "one": .literal(.int32(1))]).document
            == ["$addFields": .document(["copy": "$a.b", "one": .int32(1), "tag": .document(["$literal": "$x"])])])
        #expect(Stage.unionWith(collection: "comments", pipeline: [.limit(2)]).document
            == ["$unionWith": .document(["coll": "comments", "pipeline": [.document(["$limit": .int64(2)])]])])
        #expect(Stage.unionWith(collection: "comments").document
            == ["$unionWith": .document(["coll": "comments", "pipeline": []])])
    }
}
