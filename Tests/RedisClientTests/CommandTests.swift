import Foundation
import RedisClient
import Testing

@Suite struct CommandTests {
    static let values = [
        "", "plain", "'; DROP TABLE users; --", "{\"$gt\": \"\"}", "emoji 🩺👩🏽‍⚕️", "crlf\r\n*3\r\n$3\r\nDEL",
        "nul\u{0}inside", "e\u{301} combining", String(repeating: "x", count: 100_000),
    ]

    @Test(arguments: values)
    func stringRoundTripsUnchanged(value: String) async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let key = KeySpace()("value")
        #expect(try await client.set(key, to: value))
        #expect(try await client.get(key) == value)
        #expect(try await client.del([key]) == 1)
    }

    @Test func keysAreBinarySafeToo() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        let odd = keys("with space\r\nand\u{0}nul 🩺")
        try await client.set(odd, to: "v")
        #expect(try await client.mget([odd, keys("with space")]) == ["v", nil])
        #expect(try await client.del([odd]) == 1)
    }

    @Test func everyByteRoundTrips() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let key = KeySpace()("bytes")
        let bytes = Array(UInt8.min...UInt8.max) + [0, 0, 13, 10]
        try await client.set(key, to: bytes)
        #expect(try await client.getBytes(key) == bytes)
        try await client.del([key])
    }

    @Test func invalidUTF8ReadAsTextIsAClearError() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let key = KeySpace()("latin1")
        try await client.set(key, to: [0x63, 0x61, 0x66, 0xE9])  // "café" in Latin-1
        await #expect(throws: RedisError.invalidUTF8(command: "GET")) { try await client.get(key) }
        #expect(try await client.getBytes(key) == [0x63, 0x61, 0x66, 0xE9])
        #expect("\(RedisError.invalidUTF8(command: "GET"))" == "the value read by GET is not valid UTF-8; read it as bytes")
        try await client.del([key])
    }

    @Test func oversizedValueIsRefusedBeforeSending() async throws {
        let client = try makeClient(maximumValueBytes: 1024)
        defer { Task { await client.shutdown() } }
        let key = KeySpace()("big")
        await #expect(throws: RedisError.valueTooLarge(bytes: 1025, limit: 1024)) {
            try await client.set(key, to: [UInt8](repeating: 1, count: 1025))
        }
        #expect(try await client.get(key) == nil)
        #expect(try await client.set(key, to: [UInt8](repeating: 1, count: 1024)))
        try await client.del([key])
    }

    @Test func missingKeyIsNil() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        #expect(try await client.get(KeySpace()("absent")) == nil)
        #expect(try await client.getBytes(KeySpace()("absent")) == nil)
    }

    @Test func setWithSecondsExpirySetsTheTTL() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        // TTL rounds to the nearest second: a loaded machine may take more than 0.5 s in between.
        let fresh: Set<RedisTTL> = [.seconds(100), .seconds(99)]
        try await client.set(keys("ex"), to: "v", expiry: .seconds(100))
        #expect(fresh.contains(try await client.ttl(keys("ex"))))
        try await client.set(keys("plain"), to: "v")
        #expect(try await client.ttl(keys("plain")) == .persistent)
        #expect(try await client.ttl(keys("absent")) == .missing)
        #expect(try await client.expire(keys("plain"), seconds: 50))
        #expect([RedisTTL.seconds(50), .seconds(49)].contains(try await client.ttl(keys("plain"))))
        #expect(try await client.expire(keys("absent"), seconds: 50) == false)
        try await client.del([keys("ex"), keys("plain")])
    }

    @Test func setWithMillisecondExpiryExpires() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let key = KeySpace()("px")
        try await client.set(key, to: "soon gone", expiry: .milliseconds(800))
        #expect(try await client.get(key) == "soon gone")
        try await Task.sleep(for: .milliseconds(1000))
        #expect(try await client.get(key) == nil)
    }

    @Test func conditionalSetOnlyAppliesWhenItShould() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        #expect(try await client.set(keys("lock"), to: "first", condition: .ifNotExists) == true)
        #expect(try await client.set(keys("lock"), to: "second", condition: .ifNotExists) == false)
        #expect(try await client.get(keys("lock")) == "first")
        #expect(try await client.set(keys("absent"), to: "x", condition: .ifExists) == false)
        #expect(try await client.get(keys("absent")) == nil)
        #expect(try await client.set(keys("lock"), to: "third", expiry: .seconds(10), condition: .ifExists) == true)
        #expect(try await client.get(keys("lock")) == "third")
        try await client.del([keys("lock")])
    }

    @Test func mgetKeepsOrderAndMissingKeys() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        try await client.set(keys("a"), to: "1")
        try await client.set(keys("c"), to: "3")
        #expect(try await client.mget([keys("a"), keys("b"), keys("c"), keys("a")]) == ["1", nil, "3", "1"])
        #expect(try await client.mget([]) == [])
        #expect(try await client.del([keys("a"), keys("b"), keys("c")]) == 2)
    }

    @Test func mgetOfAThousandKeys() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        let names = (0..<1000).map { keys("k\($0)") }
        _ = try await client.pipeline(names.enumerated().map { .set($1, "v\($0)") })
        #expect(try await client.mget(names) == (0..<1000).map { "v\($0)" })
        #expect(try await client.del(names) == 1000)
    }

    @Test func counters() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        #expect(try await client.incr(keys("n")) == 1)
        #expect(try await client.incr(keys("n")) == 2)
        #expect(try await client.incrBy(keys("n"), 40) == 42)
        #expect(try await client.incrBy(keys("n"), -50) == -8)
        try await client.set(keys("text"), to: "not a number")
        await #expect(throws: RedisError.server(command: "INCR", message: "ERR value is not an integer or out of range")) {
            try await client.incr(keys("text"))
        }
        try await client.del([keys("n"), keys("text")])
    }

    @Test func pipelineIsOneRoundTripWithRepliesInOrder() async throws {
        let client = try makeClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        let replies = try await client.pipeline((0..<100).map { _ in .incr(keys("n")) })
        #expect(replies == (1...100).map { RedisReply.integer($0) })
        // A refused command answers in its place; the others run.
        let mixed = try await client.pipeline([
            .set(keys("s"), "text"), .incr(keys("s")), .get(keys("s")), RedisCommand("NOSUCHCOMMAND"),
        ])
        #expect(mixed == [
            .status("OK"), .error("ERR value is not an integer or out of range"), .bulk(Array("text".utf8)),
            .error("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: "),
        ])
        try await client.del([keys("n"), keys("s")])
    }

    @Test func publishAndSubscribe() async throws {
        let client = try makeClient()
        defer { Task { await client.shutdown() } }
        let keys = KeySpace()
        let subscription = try await client.subscribe(to: [keys("a"), keys("b")])
        #expect(try await client.publish("one", to: keys("a")) == 1)
        #expect(try await client.publish("two 🩺", to: keys("b")) == 1)
        #expect(try await client.publish("three", to: keys("a")) == 1)
        #expect(try await client.publish("nobody", to: keys("c")) == 0)
        var received: [RedisMessage] = []
        for try await message in subscription.messages {
            received.append(message)
            if received.count == 3 { break }
        }
        #expect(received.map(\.channel) == [keys("a"), keys("b"), keys("a")])
        #expect(received.map(\.text) == ["one", "two 🩺", "three"])
        subscription.cancel()
        // The worker notices within its 200 ms wake-up and unsubscribes by disconnecting.
        var listeners = 1
        for _ in 0..<20 where listeners > 0 {
            try await Task.sleep(for: .milliseconds(100))
            listeners = try await client.publish("after", to: keys("a"))
        }
        #expect(listeners == 0)
    }

    @Test(arguments: [
        ("redis://127.0.0.1:63799/0", "127.0.0.1", 63799, nil as String?, nil as String?, 0),
        ("redis://:s%40cret@cache.internal:6380/2", "cache.internal", 6380, nil, "s@cret", 2),
        ("redis://chorus:pw@localhost", "localhost", 6379, "chorus", "pw", 0),
    ])
    func urlsParse(url: String, host: String, port: Int, username: String?, password: String?, database: Int) throws {
        let configuration = try RedisConfiguration(url: url)
        #expect(configuration.host == host)
        #expect(configuration.port == port)
        #expect(configuration.username == username)
        #expect(configuration.password == password)
        #expect(configuration.database == database)
    }

    @Test(arguments: [
        ("http://localhost", "expected redis://[[user]:password@]host[:port][/database]"),
        ("redis://", "expected redis://[[user]:password@]host[:port][/database]"),
        ("rediss://host", "expected redis://[[user]:password@]host[:port][/database]"),
        ("redis://host/zero", "the database in the URL path must be a number"),
    ])
    func badURLsAreRefused(url: String, reason: String) {
        #expect(throws: RedisError.invalidConfiguration(reason)) { try RedisConfiguration(url: url) }
    }
}
