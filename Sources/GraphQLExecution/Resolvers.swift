import Batching
import GraphQLLanguage
import GraphQLSchema

/// Everything a resolver may want to know about the field it resolves (graphql-js's
/// `GraphQLResolveInfo`).
///
/// The field as collected (shared by every object of a list), the step to it from its
/// parent's path, and the request. Creating one per field costs no allocation: the field's
/// own `ResponsePath` is made only if a resolver asks for it.
public struct ResolveInfo: Sendable {
    let field: CollectedField
    let step: PathStep
    let request: RequestInfo

    /// The field's path in the response.
    public var path: ResponsePath { step.path }
    public var fieldName: String { field.name }
    /// The field's nodes in the document (several when fields merge).
    public var fieldNodes: [Field] { field.nodes }
    public var returnType: GraphQLType { field.type }
    public var parentType: ObjectType { field.parentType }
    public var schema: Schema { request.schema }
    public var operation: OperationDefinition { request.operation }
    public var variableValues: [String: CoercedValue] { request.variables }
    /// The request's context (authentication, loaders, …), as the caller gave it.
    public var context: (any Sendable)? { request.context }
    /// The request's batch scheduler: loaders made with it batch across the whole request.
    public var scheduler: BatchScheduler { request.scheduler }
}

/// What every field of one request shares.
final class RequestInfo: Sendable {
    let schema: Schema
    let operation: OperationDefinition
    let variables: [String: CoercedValue]
    let context: (any Sendable)?
    let scheduler: BatchScheduler

    init(
        schema: Schema, operation: OperationDefinition, variables: [String: CoercedValue], context: (any Sendable)?,
        scheduler: BatchScheduler
    ) {
        self.schema = schema
        self.operation = operation
        self.variables = variables
        self.context = context
        self.scheduler = scheduler
    }
}

/// How one field gets its value from its parent.
public struct FieldResolver: Sendable {
    public typealias Resolve =
        @Sendable (_ parent: FieldValue, _ arguments: [String: CoercedValue], _ info: ResolveInfo) throws -> FieldValue

    let resolve: Resolve

    /// A resolver that answers at once, or with `.pending` from a loader.
    public init(_ resolve: @escaping Resolve) {
        self.resolve = resolve
    }

    /// A resolver that awaits: it runs as a task the scheduler tracks, so loads it awaits
    /// with `DataLoader.value(for:)` still batch with the rest of the request.
    public static func async(
        _ resolve: @escaping @Sendable (_ parent: FieldValue, _ arguments: [String: CoercedValue], _ info: ResolveInfo)
            async throws -> FieldValue
    ) -> FieldResolver {
        FieldResolver { parent, arguments, info in
            .pending(info.scheduler.run { try await resolve(parent, arguments, info) })
        }
    }

    /// The default resolver: the parent JSON object's key of the same name (graphql-js's
    /// `defaultFieldResolver` on plain objects); null when there is no such key.
    public static let `default` = FieldResolver { parent, _, info in
        if case .json(.object(let entries)) = parent {
            for entry in entries where entry.name == info.fieldName {
                return .json(entry.value)
            }
        }
        return .null
    }
}

/// Names the object type of a value whose field has an abstract type.
public typealias TypeResolver = @Sendable (_ value: FieldValue, _ info: ResolveInfo) throws -> String?

/// The resolvers of a schema: by type name, then field name. A field without one uses
/// `FieldResolver.default`; an abstract type without a type resolver uses the value's
/// `__typename` (a JSON key, or the `typeName` of an `.object`).
public struct Resolvers: Sendable {
    public var fields: [String: [String: FieldResolver]]
    public var types: [String: TypeResolver]

    public init(fields: [String: [String: FieldResolver]] = [:], types: [String: TypeResolver] = [:]) {
        self.fields = fields
        self.types = types
    }

    func resolver(type: String, field: String) -> FieldResolver? {
        fields[type]?[field]
    }
}

/// The path of a field in the response: a linked list from the field back to the root.
public final class ResponsePath: Sendable {
    public let previous: ResponsePath?
    public let key: PathComponent

    public init(previous: ResponsePath?, key: PathComponent) {
        self.previous = previous
        self.key = key
    }

    /// The path from the root, as a response's `errors[].path` gives it.
    public var components: [PathComponent] {
        var components: [PathComponent] = []
        var node: ResponsePath? = self
        while let current = node {
            components.append(current.key)
            node = current.previous
        }
        return components.reversed()
    }
}

/// One step below a response path: a field's or a list item's place, made into a
/// `ResponsePath` only when something needs one (a sub-field, an error, a resolver asking
/// for `info.path`). Most fields are leaves that never do, and save the allocation.
struct PathStep: Sendable {
    let previous: ResponsePath?
    let key: PathComponent

    var path: ResponsePath { ResponsePath(previous: previous, key: key) }

    /// The path from the root, as a response's `errors[].path` gives it.
    var components: [PathComponent] { (previous?.components ?? []) + [key] }
}
