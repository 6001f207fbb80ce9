import CMongoC

/// A BSON ObjectId: 12 bytes (timestamp, random, counter), shown as 24 hex digits.
public struct ObjectId: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// A new, unique id (libbson's generator: seconds, per-process random, counter).
    public init() {
        var oid = bson_oid_t()
        bson_oid_init(&oid, nil)
        self.init(oid)
    }

    /// Parses 24 hex digits; nil for anything else.
    public init?(_ hex: String) {
        guard hex.utf8.count == 24, bson_oid_is_valid(hex, 24) else { return nil }
        var oid = bson_oid_t()
        bson_oid_init_from_string(&oid, hex)
        self.init(oid)
    }

    /// The 12 raw bytes; nil unless there are exactly 12.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    init(_ oid: bson_oid_t) {
        bytes = withUnsafeBytes(of: oid.bytes) { Array($0) }
    }

    var oid: bson_oid_t {
        var oid = bson_oid_t()
        withUnsafeMutableBytes(of: &oid.bytes) { $0.copyBytes(from: bytes) }
        return oid
    }

    public var description: String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
