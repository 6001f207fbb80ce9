/// An aggregation expression. https://www.mongodb.com/docs/manual/meta/aggregation-quick-reference/#expressions
///
/// In aggregation a string starting with `$` is a field reference. So field references come only
/// from `FieldPath` (`.field`), and a literal string is always wrapped in `$literal`, whatever it
/// holds; numbers, booleans, dates and null cannot be misread and are written as they are.
public indirect enum Expression: Sendable, Hashable {
    case field(FieldPath)
    case literal(BSONValue)
    /// A document of named expressions, e.g. a compound `_id` for `$group`.
    case object([String: Expression])

    var value: BSONValue {
        switch self {
        case .field(let path):
            return .string("$" + path.path)
        case .literal(let value):
            switch value {
            case .double, .int32, .int64, .decimal128, .bool, .null, .date, .objectId, .uuid: return value
            default: return .document(["$literal": value])
            }
        case .object(let fields):
            return .document(BSONDocument(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }))
        }
    }
}

/// A `$group` accumulator.
public enum Accumulator: Sendable, Hashable {
    case sum(Expression)
    case avg(Expression)
    case min(Expression)
    case max(Expression)
    case first(Expression)
    case last(Expression)
    case push(Expression)
    case addToSet(Expression)
    /// The number of documents in the group (`{$sum: 1}`).
    case count

    var document: BSONDocument {
        switch self {
        case .sum(let e): ["$sum": e.value]
        case .avg(let e): ["$avg": e.value]
        case .min(let e): ["$min": e.value]
        case .max(let e): ["$max": e.value]
        case .first(let e): ["$first": e.value]
        case .last(let e): ["$last": e.value]
        case .push(let e): ["$push": e.value]
        case .addToSet(let e): ["$addToSet": e.value]
        case .count: ["$sum": .int32(1)]
        }
    }
}

/// One aggregation stage. The stand-in answers all of these; `unsafeRaw` is for the rest.
public enum Stage: Sendable, Hashable {
    case match(Filter)
    /// Groups by `id` (nil: one group of everything) and computes named accumulators, in order.
    case group(id: Expression?, fields: [GroupField])
    case sort(Sort)
    case skip(Int)
    case limit(Int)
    /// Keeps, drops or computes fields.
    case project([ProjectedField])
    /// Adds (or replaces) computed fields and keeps the others; new fields go last, in name order.
    case addFields([String: Expression])
    case unwind(FieldPath, preserveNullAndEmptyArrays: Bool = false)
    /// The equality form of `$lookup` (MongoDB 3.6+; the stand-in has no pipeline form).
    case lookup(from: String, localField: FieldPath, foreignField: FieldPath, as: FieldPath)
    /// Replaces the documents with `{name: count}`.
    case count(String)
    /// The documents so far, followed by those of `pipeline` run on `collection` of the same
    /// database; later stages see both (MongoDB 4.4+).
    case unionWith(collection: String, pipeline: [Stage] = [])
    case unsafeRaw(BSONDocument)

    public struct GroupField: Sendable, Hashable {
        public let name: String
        public let accumulator: Accumulator
        public init(_ name: String, _ accumulator: Accumulator) {
            self.name = name
            self.accumulator = accumulator
        }
    }

    public enum ProjectedField: Sendable, Hashable {
        case include(FieldPath)
        case exclude(FieldPath)
        case computed(String, Expression)
    }

    var document: BSONDocument {
        switch self {
        case .match(let filter):
            return ["$match": .document(filter.document)]
        case .group(let id, let fields):
            var group: BSONDocument = ["_id": id?.value ?? .null]
            for field in fields { group.append(field.name, .document(field.accumulator.document)) }
            return ["$group": .document(group)]
        case .sort(let sort):
            return ["$sort": .document(sort.document)]
        case .skip(let count):
            return ["$skip": .int64(Int64(count))]
        case .limit(let count):
            return ["$limit": .int64(Int64(count))]
        case .project(let fields):
            var projection = BSONDocument()
            for field in fields {
                switch field {
                case .include(let path): projection.append(path.path, .int32(1))
                case .exclude(let path): projection.append(path.path, .int32(0))
                case .computed(let name, let expression): projection.append(name, expression.value)
                }
            }
            return ["$project": .document(projection)]
        case .addFields(let fields):
            return ["$addFields": Expression.object(fields).value]
        case .unwind(let path, let preserve):
            return ["$unwind": .document(["path": .string("$" + path.path), "preserveNullAndEmptyArrays": .bool(preserve)])]
        case .lookup(let from, let localField, let foreignField, let name):
            return ["$lookup": .document([
                "from": .string(from), "localField": .string(localField.path),
                "foreignField": .string(foreignField.path), "as": .string(name.path),
            ])]
        case .count(let name):
            return ["$count": .string(name)]
        case .unionWith(let collection, let pipeline):
            return ["$unionWith": .document([
                "coll": .string(collection), "pipeline": .array(pipeline.map { .document($0.document) }),
            ])]
        case .unsafeRaw(let document):
            return document
        }
    }
}
