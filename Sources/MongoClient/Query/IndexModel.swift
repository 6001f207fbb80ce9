/// An index to create. https://www.mongodb.com/docs/manual/reference/command/createIndexes/
public struct IndexModel: Sendable, Hashable {
    public let keys: Sort
    public let name: String
    public let unique: Bool

    /// `name` defaults to MongoDB's own scheme, e.g. `authorId_1_publishedAt_-1`.
    public init(keys: Sort, name: String? = nil, unique: Bool = false) {
        self.keys = keys
        self.unique = unique
        self.name = name ?? keys.keys.map { "\($0.0.path)_\($0.1.rawValue)" }.joined(separator: "_")
    }

    var document: BSONDocument {
        var document: BSONDocument = ["key": .document(keys.document), "name": .string(name)]
        if unique { document["unique"] = .bool(true) }
        return document
    }
}
