import Foundation
import Testing
@testable import MongoClient

/// One value of every type the data uses, plus the rest BSON replies carry.
let everyType: [(String, BSONValue)] = [
    ("objectId", .objectId(ObjectId("65a1b2c3d4e5f60718293a4b")!)),
    ("uuid", .uuid(UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!)),
    ("date", .date(Date(timeIntervalSince1970: 1_700_000_000.123))),
    ("datePre1970", .date(Date(timeIntervalSince1970: -86_400.5))),
    ("int32", .int32(-2_147_483_648)),
    ("int64", .int64(9_007_199_254_740_993)),
    ("double", .double(-0.1)),
    ("decimal128", .decimal128(Decimal128("1234.5600")!)),
    ("string", .string("héllo \u{1F600} \0 inside")),
    ("emptyString", .string("")),
    ("bool", .bool(true)),
    ("null", .null),
    ("document", .document(["b": .int32(2), "a": .int32(1), "nested": .document(["x": .array([])])])),
    ("array", .array([.int32(1), .string("two"), .null, .array([.bool(false)])])),
    ("binary", .binary(subtype: 0, bytes: [0, 1, 2, 255])),
    ("binaryLegacyUUID", .binary(subtype: 3, bytes: Array(repeating: 7, count: 16))),
    ("timestamp", .timestamp(seconds: 1_700_000_000, increment: 3)),
    ("regex", .regex(pattern: "^a.*z$", options: "i")),
    ("minKey", .minKey),
    ("maxKey", .maxKey),
]

@Suite("BSON")
struct BSONTests {
    @Test("encode then decode gives the same value", arguments: everyType)
    func roundTrip(key: String, value: BSONValue) throws {
        let document = BSONDocument([(key, value)])
        #expect(try BSONDocument(bytes: document.encoded()) == document)
    }

    @Test("keys keep their order")
    func keyOrder() throws {
        let document: BSONDocument = ["z": 1, "a": 2, "m": 3]
        #expect(try BSONDocument(bytes: document.encoded()).keys == ["z", "a", "m"])
    }

    @Test("a UUID is binary subtype 4 on the wire")
    func uuidIsSubtype4() throws {
        let bytes = try (["u": .uuid(UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!)] as BSONDocument).encoded()
        // int32 length, type 0x05, "u\0", int32 16, subtype 4, 16 bytes, terminator
        #expect(bytes[4] == 0x05)
        #expect(Array(bytes[7...11]) == [16, 0, 0, 0, 4])
        #expect(Array(bytes[12...27]) == [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF])
    }

    @Test("ObjectId text and bytes")
    func objectIdText() {
        #expect(ObjectId("65a1b2c3d4e5f60718293a4b")?.description == "65a1b2c3d4e5f60718293a4b")
        #expect(ObjectId("65a1b2c3d4e5f60718293a4") == nil)
        #expect(ObjectId("zza1b2c3d4e5f60718293a4b") == nil)
        #expect(ObjectId() != ObjectId())
    }

    @Test("Decimal128 text", arguments: [("1234.5600", "1234.5600"), ("-0", "-0"), ("1E+3", "1E+3"), ("1.000E+3", "1000"), ("NaN", "NaN")])
    func decimalText(input: String, printed: String) {
        #expect(Decimal128(input)?.description == printed)
    }

    @Test("invalid input gives a clear error", arguments: [
        // {"s": "\xff"}: a string that is not UTF-8
        ([14, 0, 0, 0, 2, 0x73, 0, 2, 0, 0, 0, 0xFF, 0, 0], MongoError.invalidBSON("invalid UTF-8 in the string \"s\" at byte 13")),
        // {"\xff": null}: a key that is not UTF-8
        ([8, 0, 0, 0, 10, 0xFF, 0, 0], MongoError.invalidBSON("invalid UTF-8 in a key at byte 7")),
        // length header larger than the data
        ([99, 0, 0, 0, 0], MongoError.invalidBSON("bad document length 99 at byte 4")),
        // string length running past the end
        ([13, 0, 0, 0, 2, 0x73, 0, 50, 0, 0, 0, 0x61, 0], MongoError.invalidBSON("truncated data at byte 11")),
        // deprecated type 0x06 (undefined)
        ([8, 0, 0, 0, 6, 0x75, 0, 0], MongoError.invalidBSON("unsupported BSON type 0x6 for \"u\" at byte 7")),
    ] as [([UInt8], MongoError)])
    func invalidBytes(bytes: [UInt8], error: MongoError) {
        #expect(throws: error) { try BSONDocument(bytes: bytes) }
    }

    @Test("a key with NUL cannot be encoded")
    func nulInKey() {
        #expect(throws: MongoError.invalidDocument("a key contains a NUL byte, which BSON keys cannot hold")) {
            try (["a\0b": 1] as BSONDocument).encoded()
        }
    }
}

@Suite("query documents")
struct QueryDocumentTests {
    static let filters: [(Filter, BSONDocument)] = [
        (.eq("slug", "{\"$gt\": \"\"}"), ["slug": .document(["$eq": "{\"$gt\": \"\"}"])]),
        (.eq("a", .document(["$gt": ""])), ["a": .document(["$eq": .document(["$gt": ""])])]),
        (.in("_id", [1, 2]), ["_id": .document(["$in": [1, 2]])]),
        (.and([.gt("n", 1), .exists("x", false)]), ["$and": [.document(["n": .document(["$gt": 1])]), .document(["x": .document(["$exists": false])])]]),
        (.all, [:]),
    ]

    @Test("filters render with explicit operators", arguments: filters)
    func filterDocument(filter: Filter, expected: BSONDocument) {
        #expect(filter.document == expected)
    }

    @Test("updates group by operator and wrap values")
    func updateDocument() throws {
        let update = Update.set("a", 1).and(.push("tags", .document(["$each": [1]]))).and(.inc("n", by: .int32(1))).and(.set("b", "$x"))
        #expect(try update.document() == [
            "$set": .document(["a": 1, "b": "$x"]),
            "$push": .document(["tags": .document(["$each": [.document(["$each": [1]])]])]),
            "$inc": .document(["n": .int32(1)]),
        ])
        #expect(throws: MongoError.invalidDocument("$inc on n needs a number, not \"1\"")) {
            try Update.inc("n", by: "1").document()
        }
    }

    @Test("$push with $sort and $slice keeps a capped, ordered array")
    func pushModifiersDocument() throws {
        let update = Update.push("vitals", each: [.document(["at": 2])], sort: .ascending("at"), slice: -5)
        #expect(try update.document() == [
            "$push": .document(["vitals": .document([
                "$each": [.document(["at": 2])], "$sort": .document(["at": .int32(1)]), "$slice": .int32(-5),
            ])])
        ])
        #expect(try Update.push("tags", each: ["a"], slice: 3).document() == [
            "$push": .document(["tags": .document(["$each": ["a"], "$slice": .int32(3)])])
        ])
    }

    @Test("field paths built at run time refuse operators", arguments: ["$where", "a.$b", "", "a..b"])
    func fieldPathValidation(path: String) {
        #expect(throws: MongoError.self) { try FieldPath(validating: path) }
    }

    @Test("a literal string in an expression is never a field reference")
    func expressionLiteral() {
        #expect(Expression.literal("$password").value == .document(["$literal": "$password"]))
        #expect(Expression.field("total").value == "$total")
    }
}
