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
    let document: Document
    do {
        document = try parse(source, options: parseOptions)
    } catch let error as GraphQLError {
        return ExecutionResult(data: nil, errors: [error])
    } catch {
        return ExecutionResult(data: nil, errors: [GraphQLError(message: String(describing: error))])
    }
    var rules = specifiedRules
    if !introspection { rules.append(NoSchemaIntrospectionCustomRule()) }
    let errors = validate(schema: schema, document: document, source: source, rules: rules)
    if !errors.isEmpty { return ExecutionResult(data: nil, errors: errors) }
    return await execute(
        ExecutionRequest(
            schema: schema, document: document, source: source, operationName: operationName,
            variableValues: variableValues, rootValue: rootValue, context: context, resolvers: resolvers,
            introspection: introspection, scheduler: scheduler))
}
