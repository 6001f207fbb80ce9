import Foundation
import StoreTestSupport
import Testing
@testable import MongoClient

/// The stand-in's data file (scripts/mongo-standin/persistence.py): what a SIGTERM saves, the
/// next start loads, exactly; and a file it cannot load keeps it from starting.
@Suite("stand-in data file", .serialized)
struct PersistenceTests {
    static let ports = 24_000...25_999  // apart from ResilienceTests' 26_000...31_999

    /// Every value of `everyType` in one document, and the same number in each numeric type.
    static let everything = BSONDocument([("_id", .int32(1))] + everyType)
    static let numbers: [BSONDocument] = [
        ["_id": .int64(2), "n": .int32(7)],
        ["_id": .string("three"), "n": .int64(7)],
        ["_id": .uuid(UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!), "n": .double(7)],
        ["_id": .document(["a": .int32(1), "b": .int32(2)]), "n": .decimal128(Decimal128("7.0")!)],
    ]

    @Test("every BSON type, each collection and a unique index survive a SIGTERM and a restart")
    func roundTrip() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataFile = folder.appendingPathComponent("data.bson").path
        let server = try await offCooperativePool { try MongoStandIn(ports: Self.ports, dataFile: dataFile) }
        let pool = try TestServer.pool(poolSize: 2, url: server.url())
        let database = pool.database()
        try await database.collection("things").insertOne(Self.everything)
        try await database.collection("numbers").insertMany(Self.numbers)
        let people = database.collection("people")
        try await people.createIndexes([IndexModel(keys: .ascending("email"), unique: true)])
        try await people.insertOne(["_id": 1, "email": "a@example.org"])
        _ = try await database.runCommand(["create": "empty"])
        try await pool.database("chorus_other").collection("more").insertOne(["_id": 1, "at": .date(Date(timeIntervalSince1970: 1.5))])
        #expect(!FileManager.default.fileExists(atPath: dataFile))  // no --save-interval: saved at stop only

        try await offCooperativePool { server.stop() }  // SIGTERM
        #expect(FileManager.default.fileExists(atPath: dataFile))
        #expect(!FileManager.default.fileExists(atPath: dataFile + ".tmp"))
        try await offCooperativePool { try server.start() }

        #expect(try await database.collection("things").find() == [Self.everything])
        #expect(try await database.collection("numbers").find() == Self.numbers)
        #expect(try await database.collectionNames().sorted() == ["empty", "numbers", "people", "things"])
        #expect(try await pool.database("chorus_other").collection("more").find() == [["_id": 1, "at": .date(Date(timeIntervalSince1970: 1.5))]])
        let indexes = try await people.listIndexes()
        #expect(indexes.map { $0["name"] } == ["_id_", "email_1"])
        #expect(indexes.map { $0["unique"] } == [nil, .bool(true)])
        await #expect(throws: MongoError.duplicateKey(message: "E11000 duplicate key error collection: chorus_test.people index: email_1 dup key: { email: 'a@example.org' }")) {
            try await people.insertOne(["_id": 2, "email": "a@example.org"])
        }
        try await people.insertOne(["_id": 3, "email": "b@example.org"])  // the index still admits new keys
        try await offCooperativePool { server.stop() }
        try await offCooperativePool { try server.start() }
        #expect(try await people.find().map { $0["email"] } == ["a@example.org", "b@example.org"])

        // Only reads since the start: the stop leaves the file as it was (the same inode, not rewritten).
        let inode = try FileManager.default.attributesOfItem(atPath: dataFile)[.systemFileNumber] as? Int
        await pool.shutdown()
        try await offCooperativePool { server.stop() }
        #expect(try FileManager.default.attributesOfItem(atPath: dataFile)[.systemFileNumber] as? Int == inode)
    }

    /// Damaged files, from the good save of `damagedFile`, and the reason the stand-in gives.
    static let damages: [String: (damage: @Sendable (Data) -> Data, reason: String)] = [
        "empty": ({ _ in Data() }, "truncated at byte 0 (the save did not finish, or the file was cut)"),
        "not a data file": ({ _ in Data("hello, world\n".utf8) }, "truncated or damaged at byte 0 (document length 1819043176)"),
        "a letter changed": ({ data in
            var data = data
            data[data.range(of: Data("row 10".utf8))!.upperBound - 1] = UInt8(ascii: "x")
            return data
        }, "checksum mismatch: the file was changed or damaged after it was written"),
        "the end cut off": ({ $0.dropLast(3) }, "truncated or damaged at byte "),
    ]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/mongo-standin/server.py").path

    @Test("a data file it cannot load stops the stand-in before it listens, with one line saying why, and stays as it was",
          arguments: damages.keys.sorted())
    func damagedFile(name: String) async throws {
        let (damage, reason) = try #require(Self.damages[name])
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataFile = folder.appendingPathComponent("data.bson").path
        let server = try await offCooperativePool { try MongoStandIn(ports: Self.ports, dataFile: dataFile) }
        do {  // the pool goes before the server (its libmongoc pool ends its sessions when released)
            let pool = try TestServer.pool(poolSize: 1, url: server.url())
            try await pool.database().collection("things").insertMany((Int32(1)...20).map { ["_id": .int32($0), "text": .string("row \($0)")] })
            await pool.shutdown()
        }
        try await offCooperativePool { server.stop() }

        let damaged = damage(try Data(contentsOf: URL(fileURLWithPath: dataFile)))
        try damaged.write(to: URL(fileURLWithPath: dataFile))
        let log = folder.appendingPathComponent("standin.log").path
        let command = ["/usr/bin/python3", Self.script, "--port", String(server.port), "--data-file", dataFile]
        let pid = try #require(spawnInBackground(command, environment: [:], log: log))
        #expect(try await waitForExit(pid) == 1)
        let output = try String(contentsOfFile: log, encoding: .utf8)
        let prefix = "mongo-standin: cannot use the data file \(dataFile): "
        let suffix = "; not starting (move it away to start empty)\n"
        #expect(output.hasPrefix(prefix + reason), "\(output)")
        #expect(output.hasSuffix(suffix), "\(output)")
        #expect(output.filter { $0 == "\n" }.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dataFile)) == damaged)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-standin-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
