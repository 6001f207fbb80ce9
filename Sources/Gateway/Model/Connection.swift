import Foundation
import GraphQLExecution
import GraphQLSchema

/// A page of a cursor connection, ready for the connection types' resolvers
/// (`edges`, `nodes`, `pageInfo`, `totalCount`).
struct Connection: Sendable {
    struct Edge: Sendable {
        var cursor: String
        var node: FieldValue
    }

    var edges: [Edge]
    var hasNextPage: Bool
    var hasPreviousPage: Bool
    var totalCount: Int
}

/// A page of items as a store returned it, before it becomes a `Connection`.
struct Page<Item: Sendable>: Sendable {
    var items: [Item]
    var hasNextPage: Bool
    var totalCount: Int

    /// Cuts a page out of the whole, sorted list: the items after the cursor, at most `first`.
    init(sorted all: [Item], arguments: PageArguments, cursor: (Item) -> Cursor) {
        var remaining = all[...]
        if let after = arguments.after {
            remaining = all[(all.firstIndex { cursor($0).isAfter(after) } ?? all.endIndex)...]
        }
        items = Array(remaining.prefix(arguments.first))
        hasNextPage = remaining.count > arguments.first
        totalCount = all.count
    }

    init(items: [Item], hasNextPage: Bool, totalCount: Int) {
        self.items = items
        self.hasNextPage = hasNextPage
        self.totalCount = totalCount
    }

    func connection(
        _ arguments: PageArguments, cursor: (Item) -> Cursor, node: (Item) -> FieldValue
    ) -> Connection {
        Connection(
            edges: items.map { Connection.Edge(cursor: cursor($0).encoded, node: node($0)) },
            hasNextPage: hasNextPage, hasPreviousPage: arguments.after != nil, totalCount: totalCount)
    }
}

/// `first` and `after`, checked.
struct PageArguments: Hashable, Sendable {
    static let maximum = 100
    /// The most characters an `after` cursor may have. The longest this gateway hands out is
    /// a doctor's (a specialty of 100 characters and a license number of 50, in UTF-8 and
    /// base64): 804.
    static let maximumCursorLength = 1_024

    var first: Int
    var after: Cursor?

    init(first: Int, after: Cursor? = nil) {
        self.first = first
        self.after = after
    }

    /// Reads `first` (0 to 100) and `after` (a cursor this list handed out). A list sorted by
    /// date (`datedCursor`, all but doctors) takes only a cursor whose instant is one every
    /// store can hold, years 1 to 9999.
    init(_ arguments: [String: CoercedValue], defaultFirst: Int, datedCursor: Bool = true) throws {
        switch arguments["first"] {
        case .int(let first)?:
            guard (0...Self.maximum).contains(first) else {
                throw GatewayError.badInput("first", "must be between 0 and \(Self.maximum), not \(first)")
            }
            self.first = first
        default:
            first = defaultFirst
        }
        switch arguments["after"] {
        case .string(let text)?:
            try Resolve.checkLength(text, of: "after", maximum: Self.maximumCursorLength)
            guard let cursor = Cursor(decoding: text),
                !datedCursor || Cursor.micros(fromDateKey: cursor.key).map { Cursor.dateRange.contains($0) } == true
            else {
                throw GatewayError.badInput("after", "is not a cursor from this list")
            }
            after = cursor
        default:
            after = nil
        }
    }
}

/// A position in a sorted list: the sort key of an item and its id, opaque to clients.
///
/// Lists sort descending or ascending on (key, id); `isAfter` says whether an item comes
/// after the cursor in the list's own order.
struct Cursor: Hashable, Sendable {
    enum Order: String, Sendable { case ascending = "a", descending = "d" }

    var order: Order
    var key: String
    var id: String

    var encoded: String {
        Data("\(order.rawValue)\u{1F}\(key)\u{1F}\(id)".utf8).base64EncodedString()
    }

    init(order: Order, key: String, id: String) {
        self.order = order
        self.key = key
        self.id = id
    }

    init?(decoding text: String) {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = decoded.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 3, let order = Order(rawValue: String(parts[0])) else { return nil }
        self.init(order: order, key: String(parts[1]), id: String(parts[2]))
    }

    /// A sort key for an instant that orders as text: microseconds since 1970, shifted to be
    /// positive and zero-padded.
    static func dateKey(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) + dateKeyOffset
        let digits = String(micros)
        return String(repeating: "0", count: max(0, 19 - digits.count)) + digits
    }

    /// The microseconds since 1970 a `dateKey` holds.
    static func micros(fromDateKey key: String) -> Int64? {
        guard key.utf8.count == 19, let shifted = Int64(key) else { return nil }
        return shifted - dateKeyOffset
    }

    private static let dateKeyOffset: Int64 = 100_000_000_000_000_000

    /// The instants a dated cursor may hold, in microseconds since 1970: 0001-01-01 to
    /// 9999-12-31 (UTC), what RFC 3339 and every store can hold.
    static let dateRange: ClosedRange<Int64> = -62_135_596_800_000_000...253_402_300_799_999_999

    /// Whether `self`, an item's position, comes after `cursor` in the list's order.
    func isAfter(_ cursor: Cursor) -> Bool {
        switch cursor.order {
        case .ascending: (key, id) > (cursor.key, cursor.id)
        case .descending: (key, id) < (cursor.key, cursor.id)
        }
    }
}
