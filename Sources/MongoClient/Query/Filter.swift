/// A query filter built from typed values. https://www.mongodb.com/docs/manual/reference/operator/query/
///
/// Values are always data: `eq` renders as `{field: {$eq: value}}`, and MongoDB compares the
/// operand of `$eq`/`$in` literally, so even a document value `{"$gt": ""}` matches only a
/// stored document equal to it. Field names are `FieldPath`s, which cannot start with `$`.
/// The one way to pass operators by hand is `unsafeRaw`, named so it shows in review.
public indirect enum Filter: Sendable, Hashable {
    /// Matches every document: `{}`.
    case all
    case eq(FieldPath, BSONValue)
    case ne(FieldPath, BSONValue)
    case gt(FieldPath, BSONValue)
    case gte(FieldPath, BSONValue)
    case lt(FieldPath, BSONValue)
    case lte(FieldPath, BSONValue)
    case `in`(FieldPath, [BSONValue])
    case nin(FieldPath, [BSONValue])
    case exists(FieldPath, Bool)
    /// An array field with at least one element matching `Filter` (field paths relative to it).
    case elemMatch(FieldPath, Filter)
    case and([Filter])
    case or([Filter])
    case nor([Filter])
    /// A filter document passed through as it is: operators in it are operators.
    case unsafeRaw(BSONDocument)

    /// The filter as the document MongoDB reads.
    public var document: BSONDocument {
        switch self {
        case .all: [:]
        case .eq(let field, let value): Self.condition(field, "$eq", value)
        case .ne(let field, let value): Self.condition(field, "$ne", value)
        case .gt(let field, let value): Self.condition(field, "$gt", value)
        case .gte(let field, let value): Self.condition(field, "$gte", value)
        case .lt(let field, let value): Self.condition(field, "$lt", value)
        case .lte(let field, let value): Self.condition(field, "$lte", value)
        case .in(let field, let values): Self.condition(field, "$in", .array(values))
        case .nin(let field, let values): Self.condition(field, "$nin", .array(values))
        case .exists(let field, let flag): Self.condition(field, "$exists", .bool(flag))
        case .elemMatch(let field, let filter): Self.condition(field, "$elemMatch", .document(filter.document))
        case .and(let filters): ["$and": .array(filters.map { .document($0.document) })]
        case .or(let filters): ["$or": .array(filters.map { .document($0.document) })]
        case .nor(let filters): ["$nor": .array(filters.map { .document($0.document) })]
        case .unsafeRaw(let document): document
        }
    }

    private static func condition(_ field: FieldPath, _ op: String, _ operand: BSONValue) -> BSONDocument {
        BSONDocument([(field.path, .document(BSONDocument([(op, operand)])))])
    }
}
