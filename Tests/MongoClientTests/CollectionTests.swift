import Foundation
import MongoSchema
import Testing
@testable import MongoClient

/// Every operation against the real server (`MONGODB_URL`), each test in its own collection.
@Suite("collection operations", .dropsScratchCollections)
struct CollectionTests {
    let pool: MongoPool

    init() throws {
        pool = try TestServer.pool()
    }

    /// Ten posts: _id 1…10, authorId 1…3 round robin, n = _id * 10, tags by parity.
    func seededPosts() async throws -> MongoCollection {
        let posts = TestServer.scratchCollection(pool, "posts")
        let documents: [BSONDocument] = (1...10).map { (id: Int) -> BSONDocument in
            let tags: BSONValue = id % 2 == 0 ? ["even", "all"] : ["odd", "all"]
            var document = BSONDocument()
            document.append("_id", .int32(Int32(id)))
            document.append("authorId", .int32(Int32((id - 1) % 3 + 1)))
            document.append("n", .int64(Int64(id * 10)))
            document.append("tags", tags)
            document.append("title", .string("post \(id)"))
            return document
        }
        try await posts.insertMany(documents)
        return posts
    }

    func ids(_ documents: [BSONDocument]) -> [Int] { documents.compactMap { $0["_id"]?.intValue } }

    @Test("every BSON type survives a trip through the server", arguments: everyType)
    func serverRoundTrip(key: String, value: BSONValue) async throws {
        let collection = TestServer.scratchCollection(pool, "types")
        let document: BSONDocument = ["_id": .int32(1), .init(stringLiteral: key): value]
        try await collection.insertOne(document)
        #expect(try await collection.findOne(.eq("_id", .int32(1))) == document)
        #expect(try await collection.count(.eq(FieldPath(validating: key), value)) == 1)
    }

    static let operatorLookingStrings = ["{\"$gt\": \"\"}", "$where", "$ne", "'; db.dropDatabase(); '", "{\"$regex\": \".*\"}", "\\u0000"]

    @Test("an operator-looking string is stored and matched as plain data", arguments: operatorLookingStrings)
    func operatorStrings(text: String) async throws {
        let posts = TestServer.scratchCollection(pool, "inject")
        try await posts.insertMany([["_id": 1, "slug": .string(text)], ["_id": 2, "slug": "other"], ["_id": 3, "slug": ""]])
        #expect(ids(try await posts.find(.eq("slug", .string(text)))) == [1])
        #expect(try await posts.findOne(.eq("_id", 1))?["slug"] == .string(text))
        #expect(ids(try await posts.find(.in("slug", [.string(text)]))) == [1])
        try await posts.updateOne(.eq("_id", 2), .set("slug", .string(text)))
        #expect(ids(try await posts.find(.eq("slug", .string(text)), options: FindOptions(sort: .ascending("_id")))) == [1, 2])
    }

    @Test("a document value shaped like an operator matches only an equal document")
    func operatorDocumentValue() async throws {
        let posts = TestServer.scratchCollection(pool, "injectdoc")
        try await posts.insertMany([["_id": 1, "slug": "a"], ["_id": 2, "slug": "b"]])
        // As an operator, {$gt: ""} would match both; as a value it matches neither.
        #expect(try await posts.find(.eq("slug", .document(["$gt": ""]))) == [])
        #expect(try await posts.count(.unsafeRaw(["slug": .document(["$gt": ""])])) == 2)
    }

    @Test("find with filter, projection, sort, skip and limit")
    func find() async throws {
        let posts = try await seededPosts()
        #expect(ids(try await posts.find(.eq("authorId", .int32(1)), options: FindOptions(sort: .descending("_id")))) == [10, 7, 4, 1])
        #expect(ids(try await posts.find(.gte("n", .int64(30)), options: FindOptions(sort: .ascending("n"), skip: 2, limit: 3))) == [5, 6, 7])
        #expect(ids(try await posts.find(.and([.eq("tags", "even"), .lt("_id", .int32(7))]), options: FindOptions(sort: .ascending("_id")))) == [2, 4, 6])
        #expect(ids(try await posts.find(.in("_id", [.int32(9), .int32(3), .int32(42)]), options: FindOptions(sort: .ascending("_id")))) == [3, 9])
        #expect(try await posts.findOne(.eq("_id", .int32(4)), projection: .include(["title"])) == ["_id": .int32(4), "title": "post 4"])
        #expect(try await posts.findOne(.eq("_id", .int32(4)), projection: .include(["title"], withoutId: true)) == ["title": "post 4"])
        #expect(try await posts.findOne(.eq("_id", .int32(4)), projection: .exclude(["tags", "n", "authorId"])) == ["_id": .int32(4), "title": "post 4"])
        #expect(try await posts.findOne(.eq("_id", .int32(99))) == nil)
    }

    @Test("a cursor reads in batches of batchSize")
    func cursorBatches() async throws {
        let items = TestServer.scratchCollection(pool, "cursor")
        try await items.insertMany((0..<250).map { ["_id": .int32(Int32($0))] })
        let cursor = try await items.cursor(options: FindOptions(sort: .ascending("_id"), batchSize: 100))
        var sizes: [Int] = []
        var seen: [Int] = []
        while let batch = try await cursor.nextBatch() {
            sizes.append(batch.count)
            seen += ids(batch)
        }
        #expect(sizes == [100, 100, 50])
        #expect(seen == Array(0..<250))
        var iterated = 0
        for try await document in try await items.cursor(.gte("_id", .int32(240)), options: FindOptions(batchSize: 3)) {
            #expect(document["_id"]?.intValue == 240 + iterated)
            iterated += 1
        }
        #expect(iterated == 10)
        // A cursor dropped half-way gives its connection back.
        do {
            let early = try await items.cursor(options: FindOptions(batchSize: 10))
            _ = try await early.nextBatch()
        }
        // It closes in the background (killCursors is a round trip): wait for it, boundedly.
        let deadline = ContinuousClock.now + .seconds(5)
        while pool.poolStatistics.leased > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(pool.poolStatistics.leased == 0)
    }

    @Test("insertOne and insertMany; a duplicate key is its own error")
    func insert() async throws {
        let items = TestServer.scratchCollection(pool, "insert")
        let generated = try await items.insertOne(["name": "a"])
        guard case .objectId = generated else {
            Issue.record("expected a generated ObjectId, got \(generated)")
            return
        }
        #expect(try await items.findOne(.eq("_id", generated)) == ["_id": generated, "name": "a"])
        let result = try await items.insertMany([["_id": "x"], ["_id": "y"]])
        #expect(result.insertedIds == ["x", "y"])
        await #expect(throws: MongoError.duplicateKey(message: "E11000 duplicate key error collection: chorus_test.\(items.name) index: _id_ dup key: { _id: 'x' }")) {
            try await items.insertOne(["_id": "x"])
        }
        #expect(try await items.count() == 3)

        let users = TestServer.scratchCollection(pool, "unique")
        try await users.createIndexes([IndexModel(keys: .ascending("email"), unique: true)])
        try await users.insertOne(["email": "a@example.org"])
        do {
            try await users.insertOne(["email": "a@example.org"])
            Issue.record("the second insert should have failed")
        } catch MongoError.duplicateKey(let message) {
            #expect(message.contains("index: email_1 dup key: { email: 'a@example.org' }"))
        }
        // Documents that already break a unique index make its creation fail, as in MongoDB.
        await #expect(throws: MongoError.self) {
            try await items.createIndexes([IndexModel(keys: .ascending("missing"), unique: true)])
        }
    }

    @Test("updates: $set, $push, $inc, $addToSet, $pull, upsert, many")
    func update() async throws {
        let posts = try await seededPosts()
        let one = try await posts.updateOne(.eq("_id", .int32(1)),
            .set("title", "first").and(.push("tags", "new")).and(.inc("n", by: .int64(5))).and(.addToSet("tags", "all", "odd", "extra")))
        #expect(one == UpdateResult(matchedCount: 1, modifiedCount: 1, upsertedId: nil))
        #expect(try await posts.findOne(.eq("_id", .int32(1))) == [
            "_id": .int32(1), "authorId": .int32(1), "n": .int64(15), "tags": ["odd", "all", "new", "extra"], "title": "first",
        ])
        try await posts.updateOne(.eq("_id", .int32(1)), .inc("n", by: .int32(1)).and(.inc("added", by: .double(0.5))))
        let incremented = try await posts.findOne(.eq("_id", .int32(1)), projection: .include(["n", "added"], withoutId: true))
        #expect(incremented == ["n": .int64(16), "added": .double(0.5)])
        let many = try await posts.updateMany(.eq("tags", "even"), .pull("tags", "all"))
        #expect(many == UpdateResult(matchedCount: 5, modifiedCount: 5, upsertedId: nil))
        #expect(try await posts.count(.eq("tags", "all")) == 5)
        let upserted = try await posts.updateOne(.eq("_id", .int32(11)), .set("title", "eleven").and(.setOnInsert("authorId", .int32(9))), upsert: true)
        #expect(upserted == UpdateResult(matchedCount: 0, modifiedCount: 0, upsertedId: .int32(11)))
        #expect(try await posts.findOne(.eq("_id", .int32(11))) == ["_id": .int32(11), "title": "eleven", "authorId": .int32(9)])
        let none = try await posts.updateOne(.eq("_id", .int32(404)), .set("title", "x"))
        #expect(none == UpdateResult(matchedCount: 0, modifiedCount: 0, upsertedId: nil))
    }

    @Test("deleteOne and deleteMany")
    func delete() async throws {
        let posts = try await seededPosts()
        #expect(try await posts.deleteOne(.eq("authorId", .int32(2))) == 1)
        #expect(try await posts.deleteMany(.eq("authorId", .int32(2))) == 2)
        #expect(try await posts.deleteMany(.eq("authorId", .int32(2))) == 0)
        #expect(try await posts.count() == 7)
    }

    @Test("aggregate: match, group, sort, project, unwind, lookup, count")
    func aggregate() async throws {
        let posts = try await seededPosts()
        let perAuthor = try await posts.aggregate([
            .match(.gt("n", .int64(10))),
            .group(id: .field("authorId"), fields: [.init("posts", .count), .init("total", .sum(.field("n")))]),
            .sort(.ascending("_id")),
        ])
        // Compared as integers: MongoDB sums int64s to int64, the stand-in narrows small sums to int32.
        #expect(perAuthor.map { [$0["_id"]?.intValue, $0["posts"]?.intValue, $0["total"]?.intValue] } == [[1, 3, 210], [2, 3, 150], [3, 3, 180]])
        let tags = try await posts.aggregate([
            .unwind("tags"), .group(id: .field("tags"), fields: [.init("count", .count)]), .sort(.descending("count").then(.ascending("_id"))), .skip(1), .limit(2),
        ])
        #expect(tags == [["_id": "even", "count": .int32(5)], ["_id": "odd", "count": .int32(5)]])
        #expect(try await posts.aggregate([.match(.eq("authorId", .int32(3))), .count("n")]) == [["n": .int32(3)]])
        let projected = try await posts.aggregate([
            .match(.eq("_id", .int32(2))), .project([.include("title"), .computed("label", .literal("$title")), .exclude("_id")]),
        ])
        #expect(projected == [["title": "post 2", "label": "$title"]])

        let authors = posts.database.collection(posts.name + "_authors")
        try await authors.insertMany([["_id": .int32(1), "name": "Ada"], ["_id": .int32(2), "name": "Grace"]])
        let joined = try await posts.aggregate([
            .match(.in("_id", [.int32(1), .int32(2), .int32(3)])), .sort(.ascending("_id")),
            .lookup(from: authors.name, localField: "authorId", foreignField: "_id", as: "author"),
            .project([.include("author.name"), .exclude("_id")]),
        ])
        #expect(joined == [["author": [.document(["name": "Ada"])]], ["author": [.document(["name": "Grace"])]], ["author": []]])
        try await authors.drop()
    }

    @Test("count")
    func count() async throws {
        let posts = try await seededPosts()
        #expect(try await posts.count() == 10)
        #expect(try await posts.count(.eq("tags", "odd")) == 5)
        #expect(try await posts.count(.eq("tags", "none")) == 0)
    }

    @Test("createIndexes and listIndexes; migrations create the Chorus indexes")
    func indexes() async throws {
        let items = TestServer.scratchCollection(pool, "indexes")
        let names = try await items.createIndexes([
            IndexModel(keys: .ascending("authorId").then(.descending("publishedAt"))),
            IndexModel(keys: .ascending("slug"), unique: true),
        ])
        #expect(names == ["authorId_1_publishedAt_-1", "slug_1"])
        try await items.createIndexes([IndexModel(keys: .ascending("slug"), unique: true)])  // again: a no-op
        let listed = try await items.listIndexes()
        #expect(listed.map { $0["name"] } == ["_id_", "authorId_1_publishedAt_-1", "slug_1"])
        #expect(listed.map { $0["key"] } == [.document(["_id": .int32(1)]), .document(["authorId": .int32(1), "publishedAt": .int32(-1)]), .document(["slug": .int32(1)])])
        #expect(listed.map { $0["unique"] } == [nil, nil, .bool(true)])

        let database = pool.database("chorus_migrations_" + UUID().uuidString.prefix(8))
        try await MongoMigrations.run(on: database)
        try await MongoMigrations.run(on: database)  // idempotent
        #expect(try await database.collectionNames() == ["comments", "medical_records", "posts"])
        #expect(try await database.collection("posts").listIndexes().compactMap { $0["name"]?.stringValue }
            == ["_id_", "authorId_1", "publishedAt_-1", "slug_1", "tags_1"])
        #expect(try await database.collection("medical_records").listIndexes().map { $0["unique"] } == [nil, .bool(true)])
        try await database.collection("medical_records").insertOne(["patientId": .int64(7)])
        await #expect(throws: MongoError.self) { try await database.collection("medical_records").insertOne(["patientId": .int64(7)]) }
        try await database.drop()
    }

    @Test("ping measures a round trip")
    func ping() async throws {
        let latency = try await pool.ping()
        #expect(latency > .zero)
        #expect(latency < .seconds(1))
    }
}
