import Batching
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation

/// A request from text to response: parse, validate, execute (graphql-js's `graphql()`).
///
/// A syntax error or a validation error ends the request before execution: the result has
/// errors and no `data`.
public func executeRequest(
    schema: Schema, source: Source, operationName: String? = nil, variableValues: [String: CoercedValue] = [:],
    rootValue: FieldValue = .json(.object([])), context: (any Sendable)? = nil, resolvers: Resolvers = Resolvers(),
    introspection: Bool = true, parseOptions: ParseOptions = ParseOptions(), scheduler: BatchScheduler = BatchScheduler()
) async -> ExecutionResult {
    var rules = specifiedRules
    if !introspection { rules.append(NoSchemaIntrospectionCustomRule()) }
    let document: Document
    switch DocumentCache.prepare(source, schema: schema, rules: rules, parseOptions: parseOptions) {
    case .syntaxError(let error): return ExecutionResult(data: nil, errors: [error])
    case .parsed(_, _, let errors) where !errors.isEmpty: return ExecutionResult(data: nil, errors: errors)
    case .parsed(_, let parsed, _): document = parsed
    }
    return await execute(
        ExecutionRequest(
            schema: schema, document: document, source: source, operationName: operationName,
            variableValues: variableValues, rootValue: rootValue, context: context, resolvers: resolvers,
            introspection: introspection, scheduler: scheduler))
}

/// One request, parsed, validated and its operation selected: what a server hands to the
/// service that executes it (the gateway), whatever transport it came by.
public struct GraphQLRequest: Sendable {
    public var document: Document
    /// The document's text, for error locations.
    public var source: Source
    /// The operation to run, selected once (`selectOperation`).
    public var operation: OperationDefinition
    /// The variables as the client sent them (JSON), before coercion.
    public var variables: [String: CoercedValue]
    /// The request's `extensions` parameter (reserved for protocol extensions such as
    /// persisted queries); empty when absent.
    public var extensions: [String: CoercedValue]
    /// When the request reached `/graphql`: its time budget runs from here, parsing and
    /// validation included.
    public var receivedAt: ContinuousClock.Instant

    public init(
        document: Document, source: Source, operation: OperationDefinition, variables: [String: CoercedValue] = [:],
        extensions: [String: CoercedValue] = [:], receivedAt: ContinuousClock.Instant = .now
    ) {
        self.document = document
        self.source = source
        self.operation = operation
        self.variables = variables
        self.extensions = extensions
        self.receivedAt = receivedAt
    }
}
