/// An update document built from typed operators. https://www.mongodb.com/docs/manual/reference/operator/update/
///
/// Values are data: `$push` and `$addToSet` always wrap the value in `$each`, so a document value
/// shaped like `{"$each": …}` or `{"$slice": …}` is stored, not read as a modifier, and `$pull`
/// removes by `$in`, so a document value is matched literally instead of as a condition.
public struct Update: Sendable, Hashable {
    enum Operation: Sendable, Hashable {
        case set(FieldPath, BSONValue)
        case setOnInsert(FieldPath, BSONValue)
        case unset(FieldPath)
        case inc(FieldPath, BSONValue)
        case push(FieldPath, [BSONValue], sort: Sort? = nil, slice: Int? = nil)
        case addToSet(FieldPath, [BSONValue])
        case pull(FieldPath, [BSONValue])
    }

    var operations: [Operation]

    init(_ operations: [Operation]) { self.operations = operations }

    public static func set(_ field: FieldPath, _ value: BSONValue) -> Update { Update([.set(field, value)]) }
    /// Sets the field only when an upsert inserts the document.
    public static func setOnInsert(_ field: FieldPath, _ value: BSONValue) -> Update { Update([.setOnInsert(field, value)]) }
    public static func unset(_ field: FieldPath) -> Update { Update([.unset(field)]) }
    /// Adds a number (int32, int64, double or decimal128) to the field.
    public static func inc(_ field: FieldPath, by amount: BSONValue) -> Update { Update([.inc(field, amount)]) }
    public static func push(_ field: FieldPath, _ values: BSONValue...) -> Update { Update([.push(field, values)]) }
    public static func push(_ field: FieldPath, each values: [BSONValue]) -> Update { Update([.push(field, values)]) }
    /// Appends `values`, then sorts the whole array by `sort` (when given) and keeps its first
    /// `slice` elements, or its last `-slice` when negative: `$push` with `$each`, `$sort` and
    /// `$slice`, e.g. `.push("vitalSigns", each: [v], sort: .ascending("recordedAt"), slice: -5)`
    /// keeps the five latest measurements, oldest first.
    public static func push(_ field: FieldPath, each values: [BSONValue], sort: Sort? = nil, slice: Int) -> Update {
        Update([.push(field, values, sort: sort, slice: slice)])
    }
    public static func addToSet(_ field: FieldPath, _ values: BSONValue...) -> Update { Update([.addToSet(field, values)]) }
    public static func addToSet(_ field: FieldPath, each values: [BSONValue]) -> Update { Update([.addToSet(field, values)]) }
    /// Removes every array element equal to one of `values`.
    public static func pull(_ field: FieldPath, _ values: BSONValue...) -> Update { Update([.pull(field, values)]) }

    /// Both updates, in order: `.set("a", 1).and(.inc("n", by: 1))`.
    public func and(_ other: Update) -> Update { Update(operations + other.operations) }

    /// The update document, grouped by operator in first-use order.
    public func document() throws(MongoError) -> BSONDocument {
        var document = BSONDocument()
        func add(_ op: String, _ field: FieldPath, _ value: BSONValue) {
            var group = document[op]?.documentValue ?? [:]
            group[field.path] = value
            document[op] = .document(group)
        }
        for operation in operations {
            switch operation {
            case .set(let field, let value): add("$set", field, value)
            case .setOnInsert(let field, let value): add("$setOnInsert", field, value)
            case .unset(let field): add("$unset", field, "")
            case .inc(let field, let amount):
                guard amount.isNumber else { throw .invalidDocument("$inc on \(field) needs a number, not \(amount)") }
                add("$inc", field, amount)
            case .push(let field, let values, let sort, let slice):
                var modifiers: BSONDocument = ["$each": .array(values)]
                if let sort { modifiers["$sort"] = .document(sort.document) }
                if let slice { modifiers["$slice"] = .int32(Int32(clamping: slice)) }
                add("$push", field, .document(modifiers))
            case .addToSet(let field, let values): add("$addToSet", field, .document(["$each": .array(values)]))
            case .pull(let field, let values): add("$pull", field, .document(["$in": .array(values)]))
            }
        }
        guard !document.isEmpty else { throw .invalidDocument("an update needs at least one operator") }
        return document
    }
}
