/// One versioned schema change, applied once, in a transaction.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    /// SQL owned by the program (never built from input); may hold several statements.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// FNV-1a over the SQL text: recorded when applied, so an edited migration is noticed.
    public var checksum: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
