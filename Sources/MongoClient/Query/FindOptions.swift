/// Sort order for `find` and `$sort`: fields in priority order.
public struct Sort: Sendable, Hashable {
    public enum Direction: Int32, Sendable, Hashable {
        case ascending = 1
        case descending = -1
    }

    public var keys: [(FieldPath, Direction)] { fields.map { ($0.field, $0.direction) } }
    let fields: [Field]

    struct Field: Sendable, Hashable {
        let field: FieldPath
        let direction: Direction
    }

    public init(_ keys: [(FieldPath, Direction)]) {
        fields = keys.map { Field(field: $0.0, direction: $0.1) }
    }

    public static func ascending(_ field: FieldPath) -> Sort { Sort([(field, .ascending)]) }
    public static func descending(_ field: FieldPath) -> Sort { Sort([(field, .descending)]) }
    /// This order, then `other` for ties.
    public func then(_ other: Sort) -> Sort { Sort(keys + other.keys) }

    var document: BSONDocument {
        BSONDocument(fields.map { ($0.field.path, .int32($0.direction.rawValue)) })
    }
}

/// Which fields `find` returns.
public enum Projection: Sendable, Hashable {
    /// Only these fields (plus `_id` unless `withoutId`).
    case include([FieldPath], withoutId: Bool = false)
    /// Every field except these.
    case exclude([FieldPath])

    var document: BSONDocument {
        switch self {
        case .include(let fields, let withoutId):
            var document = BSONDocument(fields.map { ($0.path, .int32(1)) })
            if withoutId { document["_id"] = .int32(0) }
            return document
        case .exclude(let fields):
            return BSONDocument(fields.map { ($0.path, .int32(0)) })
        }
    }
}

/// Options of `find`. https://www.mongodb.com/docs/manual/reference/command/find/
public struct FindOptions: Sendable, Hashable {
    public var projection: Projection?
    public var sort: Sort?
    public var skip: Int?
    /// At most this many documents (nil or 0: no limit).
    public var limit: Int?
    /// Documents per server round trip (the server's default is 101 for the first batch).
    public var batchSize: Int?

    public init(projection: Projection? = nil, sort: Sort? = nil, skip: Int? = nil, limit: Int? = nil, batchSize: Int? = nil) {
        self.projection = projection
        self.sort = sort
        self.skip = skip
        self.limit = limit
        self.batchSize = batchSize
    }

    func document(maxTime: Duration?) -> BSONDocument {
        var document = BSONDocument()
        if let projection { document["projection"] = .document(projection.document) }
        if let sort { document["sort"] = .document(sort.document) }
        if let skip, skip > 0 { document["skip"] = .int64(Int64(skip)) }
        if let limit, limit > 0 { document["limit"] = .int64(Int64(limit)) }
        if let batchSize, batchSize > 0 { document["batchSize"] = .int64(Int64(batchSize)) }
        if let maxTime { document["maxTimeMS"] = .int64(maxTime.milliseconds) }
        return document
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a short positive duration never becomes 0 ("no limit").
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}
