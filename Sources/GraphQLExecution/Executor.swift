import Batching
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation

/// The result of executing a request: `data` is absent when the request failed before
/// execution (an unknown operation, bad variables), null when a non-null root field failed.
public struct ExecutionResult: Sendable, Equatable {
    public var data: CoercedValue?
    public var errors: [GraphQLError]

    public init(data: CoercedValue?, errors: [GraphQLError] = []) {
        self.data = data
        self.errors = errors
    }
}

/// What one execution needs besides the document.
public struct ExecutionRequest: Sendable {
    public var schema: Schema
    public var document: Document
    /// The document's source, for error locations.
    public var source: Source?
    public var operationName: String?
    /// The operation to run, when the caller has selected it already (`selectOperation`);
    /// nil to select it from `operationName`.
    public var operation: OperationDefinition?
    /// The variables as the client sent them (JSON), before coercion.
    public var variableValues: [String: CoercedValue]
    public var rootValue: FieldValue
    public var context: (any Sendable)?
    public var resolvers: Resolvers
    /// Whether `__schema` and `__type` answer (they can be turned off in production).
    public var introspection: Bool
    /// The request's scheduler; loaders the resolvers use must be made with it.
    public var scheduler: BatchScheduler
    /// Turns a resolver's error that is not a `GraphQLError` into the error the client sees
    /// (a server hides internal messages this way); without it, the error's description.
    public var maskError: (@Sendable (any Error) -> GraphQLError)?
    /// The limits whose measure needs the variables' values (the cost): an operation over
    /// them ends with a request error before any resolver runs. Nil for none.
    public var limits: OperationLimits?

    public init(
        schema: Schema, document: Document, source: Source? = nil, operationName: String? = nil,
        operation: OperationDefinition? = nil, variableValues: [String: CoercedValue] = [:], rootValue: FieldValue = .json(.object([])),
        context: (any Sendable)? = nil, resolvers: Resolvers = Resolvers(), introspection: Bool = true,
        scheduler: BatchScheduler = BatchScheduler(), maskError: (@Sendable (any Error) -> GraphQLError)? = nil,
        limits: OperationLimits? = nil
    ) {
        self.schema = schema
        self.document = document
        self.source = source
        self.operationName = operationName
        self.operation = operation
        self.variableValues = variableValues
        self.rootValue = rootValue
        self.context = context
        self.resolvers = resolvers
        self.introspection = introspection
        self.scheduler = scheduler
        self.maskError = maskError
        self.limits = limits
    }
}

/// Executes a validated document (spec §6 "Execution").
///
/// Fields run depth-first as graphql-js runs them; a resolver that returns `.pending` does
/// not hold up its siblings. When everything that can run without waiting has run, the
/// executor asks the request's `BatchScheduler` to dispatch — every loader sends one batch
/// with all the keys asked for so far — then continues the fields that were waiting, and
/// repeats. So a query makes one round of batches per level of fields that load, whatever
/// the size of its lists.
public func execute(_ request: ExecutionRequest) async -> ExecutionResult {
    let operation: OperationDefinition
    if let selected = request.operation {
        operation = selected
    } else {
        switch selectOperation(request.document, name: request.operationName) {
        case .success(let found): operation = found
        case .failure(let error): return ExecutionResult(data: nil, errors: [error])
        }
    }
    let variables: [String: CoercedValue]
    switch coerceVariableValues(
        schema: request.schema, definitions: operation.variableDefinitions, inputs: request.variableValues,
        source: request.source)
    {
    case .success(let coerced): variables = coerced
    case .failure(let errors): return ExecutionResult(data: nil, errors: errors.errors)
    }
    if let limits = request.limits,
        let error = limits.costError(
            of: operation, in: request.document, schema: request.schema, variables: variables, source: request.source)
    {
        return ExecutionResult(data: nil, errors: [error])
    }
    let context = ExecutionContext(request: request, operation: operation, variables: variables)
    return await context.run()
}

/// GetOperation (spec §6.1): the named operation, or the only one. The HTTP edge calls it
/// before execution to refuse a mutation sent over GET.
public func selectOperation(_ document: Document, name: String?) -> Result<OperationDefinition, GraphQLError> {
    var found: OperationDefinition?
    for definition in document.definitions {
        guard case .operation(let operation) = definition else { continue }
        if let name {
            if operation.name?.value == name { return .success(operation) }
        } else {
            if found != nil {
                return .failure(GraphQLError(message: "Must provide operation name if query contains multiple operations."))
            }
            found = operation
        }
    }
    if let found { return .success(found) }
    if let name { return .failure(GraphQLError(message: "Unknown operation named \"\(name)\".")) }
    return .failure(GraphQLError(message: "Must provide an operation."))
}

// MARK: - Completion values

/// A value being completed: known now, or later.
enum Completed {
    case value(CoercedValue)
    case pending(Future)
}

/// The outcome of completing a value later: a value, or an error on its way to the nearest
/// nullable position.
enum Outcome {
    case value(CoercedValue)
    case failure(GraphQLError)
}

/// A value the executor will know after a dispatch. Only the executor touches it, on the
/// request's task, so it needs no lock.
final class Future {
    private var outcome: Outcome?
    private var callbacks: [(Outcome) -> Void] = []

    func resolve(_ outcome: Outcome) {
        guard self.outcome == nil else { return }
        self.outcome = outcome
        let waiting = callbacks
        callbacks = []
        for callback in waiting { callback(outcome) }
    }

    func whenDone(_ callback: @escaping (Outcome) -> Void) {
        if let outcome {
            callback(outcome)
        } else {
            callbacks.append(callback)
        }
    }

    /// A future holding `transform` of this one's outcome.
    func map(_ transform: @escaping (Outcome) -> Outcome) -> Future {
        let derived = Future()
        whenDone { derived.resolve(transform($0)) }
        return derived
    }
}

// MARK: - The execution context

/// The state of one execution. Used by one task only: continuations run after each dispatch,
/// on the task that called `run()`.
final class ExecutionContext {
    let schema: Schema
    let request: ExecutionRequest
    let operation: OperationDefinition
    let variables: [String: CoercedValue]
    let fragments: [String: FragmentDefinition]
    let source: Source?
    let requestInfo: RequestInfo
    private(set) var errors: [GraphQLError] = []

    /// Resolvers' pending values and what to do when each arrives, in the order asked.
    private var waiting: [(Pending<FieldValue>, (Result<FieldValue, any Error>) -> Void)] = []

    init(request: ExecutionRequest, operation: OperationDefinition, variables: [String: CoercedValue]) {
        self.schema = request.schema
        self.request = request
        self.operation = operation
        self.variables = variables
        self.source = request.source
        self.requestInfo = RequestInfo(
            schema: request.schema, operation: operation, variables: variables, context: request.context,
            scheduler: request.scheduler)
        var fragments: [String: FragmentDefinition] = [:]
        for definition in request.document.definitions {
            if case .fragment(let fragment) = definition { fragments[fragment.name.value] = fragment }
        }
        self.fragments = fragments
    }

    /// ExecuteOperation, then the dispatch loop until nothing waits.
    func run() async -> ExecutionResult {
        guard let rootType = schema.rootType(for: operation.operation) else {
            let error = GraphQLError(
                "Schema is not configured to execute \(operation.operation.rawValue) operation.", in: source,
                at: [operation.location])
            return ExecutionResult(data: .null, errors: [error])
        }
        var data: CoercedValue? = nil
        do {
            let fields = try collectFields(rootType, selectionSet: operation.selectionSet)
            let completed =
                operation.operation == .mutation
                ? try executeFieldsSerially(rootType, parent: request.rootValue, path: nil, fields: fields)
                : try executeFields(rootType, parent: request.rootValue, path: nil, fields: fields)
            switch completed {
            case .value(let value):
                data = value
            case .pending(let future):
                future.whenDone { outcome in
                    switch outcome {
                    case .value(let value): data = value
                    case .failure(let error):
                        self.errors.append(error)
                        data = .null
                    }
                }
            }
        } catch {
            errors.append(error)
            data = .null
        }
        await drain()
        return ExecutionResult(data: data ?? .null, errors: errors)
    }

    /// Dispatches batches and continues waiting fields until none is left.
    private func drain() async {
        while !waiting.isEmpty {
            await request.scheduler.dispatch()
            let round = waiting
            waiting = []
            var progressed = false
            for (pending, continuation) in round {
                if let result = pending.result {
                    progressed = true
                    continuation(result)
                } else {
                    waiting.append((pending, continuation))
                }
            }
            if !progressed {
                // A pending value that no dispatch can resolve: a resolver made it by hand and
                // never fulfilled it. Fail those fields rather than wait forever.
                let stuck = waiting
                waiting = []
                for (_, continuation) in stuck { continuation(.failure(UnresolvedValueError())) }
            }
        }
    }

    private func wait(for pending: Pending<FieldValue>, _ continuation: @escaping (Result<FieldValue, any Error>) -> Void) {
        if let result = pending.result {
            continuation(result)
        } else {
            waiting.append((pending, continuation))
        }
    }

    // MARK: - Fields

    /// ExecuteSelectionSet for queries: each field in turn, none waiting for another's
    /// pending value. A non-null field that fails synchronously stops the object at once,
    /// as graphql-js does.
    func executeFields(
        _ parentType: ObjectType, parent: FieldValue, path: ResponsePath?, fields: [CollectedField]
    ) throws(GraphQLError) -> Completed {
        var entries: [CoercedValue.Entry] = []
        entries.reserveCapacity(fields.count)
        var pendingFields: [(Int, Future)] = []
        for field in fields {
            let fieldPath = PathStep(previous: path, key: .key(field.responseKey))
            switch try executeField(parentType, parent: parent, field: field, path: fieldPath) {
            case .value(let value):
                entries.append(CoercedValue.Entry(name: field.responseKey, value: value))
            case .pending(let future):
                pendingFields.append((entries.count, future))
                entries.append(CoercedValue.Entry(name: field.responseKey, value: .null))
            }
        }
        if pendingFields.isEmpty { return .value(.object(entries)) }
        return .pending(gather(entries, pendingFields))
    }

    /// One future for an object whose fields arrive later: it fails with the first failing
    /// field, and otherwise holds the object once every field has arrived.
    private func gather(_ entries: [CoercedValue.Entry], _ pendingFields: [(Int, Future)]) -> Future {
        let object = Future()
        let builder = ObjectBuilder(entries: entries, remaining: pendingFields.count)
        for (index, future) in pendingFields {
            future.whenDone { outcome in
                guard !builder.failed else { return }
                switch outcome {
                case .value(let value):
                    builder.entries[index].value = value
                    builder.remaining -= 1
                    if builder.remaining == 0 { object.resolve(.value(.object(builder.entries))) }
                case .failure(let error):
                    builder.failed = true
                    object.resolve(.failure(error))
                }
            }
        }
        return object
    }

    /// ExecuteSelectionSet for mutations: each root field after the previous one has
    /// completed, including its sub-fields (spec §6.2.2 "Mutation").
    func executeFieldsSerially(
        _ parentType: ObjectType, parent: FieldValue, path: ResponsePath?, fields: [CollectedField]
    ) throws(GraphQLError) -> Completed {
        let builder = ObjectBuilder(entries: [], remaining: 0)
        let result = Future()
        var isSynchronous = true
        var syncError: GraphQLError?

        func runFrom(_ start: Int) {
            var index = start
            while index < fields.count {
                let field = fields[index]
                let fieldPath = PathStep(previous: path, key: .key(field.responseKey))
                let completed: Completed
                do {
                    completed = try executeField(parentType, parent: parent, field: field, path: fieldPath)
                } catch {
                    if isSynchronous { syncError = error } else { result.resolve(.failure(error)) }
                    return
                }
                switch completed {
                case .value(let value):
                    builder.entries.append(CoercedValue.Entry(name: field.responseKey, value: value))
                    index += 1
                case .pending(let future):
                    let next = index + 1
                    future.whenDone { outcome in
                        switch outcome {
                        case .value(let value):
                            builder.entries.append(CoercedValue.Entry(name: field.responseKey, value: value))
                            runFrom(next)
                        case .failure(let error):
                            result.resolve(.failure(error))
                        }
                    }
                    return
                }
            }
            result.resolve(.value(.object(builder.entries)))
        }

        runFrom(0)
        isSynchronous = false
        if let syncError { throw syncError }
        return .pending(result)
    }

    /// ExecuteField (spec §6.4): resolve, then complete; a nullable field's error becomes
    /// null and is recorded, a non-null field's error is thrown to the parent.
    func executeField(
        _ parentType: ObjectType, parent: FieldValue, field: CollectedField, path: PathStep
    ) throws(GraphQLError) -> Completed {
        let info = ResolveInfo(field: field, step: path, request: requestInfo)
        let resolved: FieldValue
        do {
            resolved = try field.resolver.resolve(parent, try arguments(of: field), info)
        } catch {
            return try handleFieldError(locate(error, field.nodes, path), type: field.type)
        }
        return try completeCatchingError(field.type, field.nodes, info, path, resolved)
    }

    /// CoerceArgumentValues for a collected field, once per request.
    private func arguments(of field: CollectedField) throws(GraphQLError) -> [String: CoercedValue] {
        if !field.hasArguments { return [:] }
        if let cached = field.coercedArguments { return cached }
        let coerced = try coerceArgumentValues(
            definitions: field.definition.arguments, nodes: field.nodes[0].arguments, variables: variables, source: source,
            at: field.nodes[0].location)
        field.coercedArguments = coerced
        return coerced
    }

    /// Completes a resolved value (now or once it arrives), turning errors into null at a
    /// nullable position and throwing them at a non-null one.
    private func completeCatchingError(
        _ type: GraphQLType, _ nodes: [Field], _ info: ResolveInfo, _ path: PathStep, _ resolved: FieldValue
    ) throws(GraphQLError) -> Completed {
        if case .pending(let pending) = resolved {
            let future = Future()
            wait(for: pending) { result in
                switch result {
                case .success(let value):
                    do {
                        switch try self.completeCatchingError(type, nodes, info, path, value) {
                        case .value(let completed): future.resolve(.value(completed))
                        case .pending(let inner): inner.whenDone(future.resolve)
                        }
                    } catch {
                        future.resolve(.failure(self.locate(error, nodes, path)))
                    }
                case .failure(let error):
                    let located = self.locate(error, nodes, path)
                    if type.isNonNull {
                        future.resolve(.failure(located))
                    } else {
                        self.errors.append(located)
                        future.resolve(.value(.null))
                    }
                }
            }
            return .pending(future)
        }
        do {
            let completed = try completeValue(type, nodes, info, path, resolved)
            if case .pending(let future) = completed, !type.isNonNull {
                return .pending(
                    future.map { outcome in
                        guard case .failure(let error) = outcome else { return outcome }
                        self.errors.append(error)
                        return .value(.null)
                    })
            }
            return completed
        } catch {
            return try handleFieldError(locate(error, nodes, path), type: type)
        }
    }

    private func nonNullError(_ info: ResolveInfo) -> GraphQLError {
        GraphQLError(message: "Cannot return null for non-nullable field \(info.parentType.name).\(info.fieldName).")
    }

    private func handleFieldError(_ error: GraphQLError, type: GraphQLType) throws(GraphQLError) -> Completed {
        if type.isNonNull { throw error }
        errors.append(error)
        return .value(.null)
    }

    /// An error with the field's locations and path, unless it already has them (an error
    /// from deeper down keeps its own).
    func locate(_ error: any Error, _ nodes: [Field], _ path: PathStep) -> GraphQLError {
        if var graphQLError = error as? GraphQLError {
            if graphQLError.path == nil {
                graphQLError.path = path.components
                if graphQLError.locations.isEmpty, let source {
                    graphQLError.locations = nodes.map { source.location(of: $0.location.start) }
                }
            }
            return graphQLError
        }
        var located = request.maskError?(error)
            ?? GraphQLError(message: resolverErrorMessage(error), underlying: error)
        located.locations = source.map { source in nodes.map { source.location(of: $0.location.start) } } ?? []
        located.path = path.components
        return located
    }

    // MARK: - Value completion

    /// CompleteValue (spec §6.4.3).
    func completeValue(
        _ type: GraphQLType, _ nodes: [Field], _ info: ResolveInfo, _ path: PathStep, _ resolved: FieldValue
    ) throws(GraphQLError) -> Completed {
        if case .nonNull(let inner) = type {
            let completed = try completeValue(inner, nodes, info, path, resolved)
            switch completed {
            case .value(.null):
                throw nonNullError(info)
            case .value:
                return completed
            case .pending(let future):
                return .pending(
                    future.map { outcome in
                        if case .value(.null) = outcome { return .failure(self.locate(self.nonNullError(info), nodes, path)) }
                        return outcome
                    })
            }
        }
        switch resolved {
        case .null, .json(.null): return .value(.null)
        case .pending: return try completeCatchingError(type, nodes, info, path, resolved)
        default: break
        }
        switch type {
        case .nonNull:
            preconditionFailure("handled above")
        case .list(let itemType):
            return try completeListValue(itemType, nodes, info, path, resolved)
        case .named(let named):
            switch named {
            case .scalar(let scalar):
                return .value(try serializeScalar(resolved, scalar))
            case .enumType(let enumType):
                return .value(try serializeEnum(resolved, enumType))
            case .object(let objectType):
                return try completeObjectValue(objectType, info, path, resolved)
            case .interface, .union:
                let objectType = try resolveAbstractType(named, info, resolved)
                return try completeObjectValue(objectType, info, path, resolved)
            case .inputObject:
                throw GraphQLError(message: "Cannot complete a value of input type \"\(named.name)\".")
            }
        }
    }

    /// CompleteValue for a list: each item in order; a non-null item's failure fails the list.
    private func completeListValue(
        _ itemType: GraphQLType, _ nodes: [Field], _ info: ResolveInfo, _ path: PathStep, _ resolved: FieldValue
    ) throws(GraphQLError) -> Completed {
        // Items are read in place: a JSON list is not first rewrapped item by item.
        let values: [FieldValue]
        let jsonValues: [CoercedValue]
        switch resolved {
        case .list(let items):
            values = items
            jsonValues = []
        case .json(.list(let items)):
            values = []
            jsonValues = items
        default:
            throw GraphQLError(
                message: "Expected Iterable, but did not find one for field \"\(info.parentType.name).\(info.fieldName)\".")
        }
        let count = values.isEmpty ? jsonValues.count : values.count
        let listPath = path.path
        var completedItems: [CoercedValue] = []
        completedItems.reserveCapacity(count)
        var pendingItems: [(Int, Future)] = []
        for index in 0..<count {
            let itemPath = PathStep(previous: listPath, key: .index(index))
            let item = values.isEmpty ? FieldValue.json(jsonValues[index]) : values[index]
            switch try completeCatchingError(itemType, nodes, info, itemPath, item) {
            case .value(let value):
                completedItems.append(value)
            case .pending(let future):
                pendingItems.append((completedItems.count, future))
                completedItems.append(.null)
            }
        }
        if pendingItems.isEmpty { return .value(.list(completedItems)) }
        let list = Future()
        let builder = ListBuilder(items: completedItems, remaining: pendingItems.count)
        for (index, future) in pendingItems {
            future.whenDone { outcome in
                guard !builder.failed else { return }
                switch outcome {
                case .value(let value):
                    builder.items[index] = value
                    builder.remaining -= 1
                    if builder.remaining == 0 { list.resolve(.value(.list(builder.items))) }
                case .failure(let error):
                    builder.failed = true
                    list.resolve(.failure(error))
                }
            }
        }
        return .pending(list)
    }

    /// CompleteValue for an object type: its sub-fields, with the value as their parent.
    private func completeObjectValue(
        _ objectType: ObjectType, _ info: ResolveInfo, _ path: PathStep, _ resolved: FieldValue
    ) throws(GraphQLError) -> Completed {
        let subfields = try collectSubfields(objectType, info.field)
        return try executeFields(objectType, parent: resolved, path: path.path, fields: subfields)
    }


    /// ResolveAbstractType (spec §6.4.3): the type resolver, or the value's `__typename`.
    private func resolveAbstractType(
        _ abstractType: GraphQLNamedType, _ info: ResolveInfo, _ resolved: FieldValue
    ) throws(GraphQLError) -> ObjectType {
        let typeName: String?
        if !request.resolvers.types.isEmpty, let resolver = request.resolvers.types[abstractType.name] {
            do {
                typeName = try resolver(resolved, info)
            } catch {
                throw GraphQLError(message: resolverErrorMessage(error), underlying: error)
            }
        } else {
            switch resolved {
            case .object(_, let name):
                typeName = name
            case .json(.object(let entries)):
                switch entries.first(where: { $0.name == "__typename" })?.value {
                case .string(let name)?: typeName = name
                case nil, .null?: typeName = nil
                case let other?:
                    throw GraphQLError(
                        message:
                            "Abstract type \"\(abstractType.name)\" must resolve to an Object type at runtime for field \"\(info.parentType.name).\(info.fieldName)\" with value \(inspectFieldValue(resolved)), received \"\(inspect(other))\"."
                    )
                }
            default:
                typeName = nil
            }
        }
        guard let typeName else {
            throw GraphQLError(
                message:
                    "Abstract type \"\(abstractType.name)\" must resolve to an Object type at runtime for field \"\(info.parentType.name).\(info.fieldName)\". Either the \"\(abstractType.name)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."
            )
        }
        for known in info.field.runtimeTypes where known.name == typeName { return known.type }
        guard let runtimeType = schema.type(named: typeName) else {
            throw GraphQLError(
                message:
                    "Abstract type \"\(abstractType.name)\" was resolved to a type \"\(typeName)\" that does not exist inside the schema."
            )
        }
        guard case .object(let objectType) = runtimeType else {
            throw GraphQLError(
                message: "Abstract type \"\(abstractType.name)\" was resolved to a non-object type \"\(typeName)\".")
        }
        guard schema.isSubType(abstractType, runtimeType) else {
            throw GraphQLError(
                message: "Runtime Object type \"\(typeName)\" is not a possible type for \"\(abstractType.name)\".")
        }
        info.field.runtimeTypes.append((typeName, objectType))
        return objectType
    }

    // MARK: - Field collection

    /// CollectFields over an object's sub-selections, cached on the collected field.
    func collectSubfields(_ objectType: ObjectType, _ field: CollectedField) throws(GraphQLError) -> [CollectedField] {
        let key = ObjectIdentifier(objectType)
        if let cached = field.subfields[key] { return cached }
        let nodes = field.nodes
        var fields = FieldCollector(context: self, objectType: objectType)
        for node in nodes {
            if let selectionSet = node.selectionSet { try fields.collect(selectionSet) }
        }
        let collected = fields.result()
        field.subfields[key] = collected
        return collected
    }

    func collectFields(_ objectType: ObjectType, selectionSet: SelectionSet) throws(GraphQLError) -> [CollectedField] {
        var fields = FieldCollector(context: self, objectType: objectType)
        try fields.collect(selectionSet)
        return fields.result()
    }

    /// The resolver for a field of an object type: `__typename`, introspection, the
    /// registered one, or the default.
    func resolver(for definition: GraphQLField, on objectType: ObjectType) -> FieldResolver {
        switch definition.name {
        case "__typename": return IntrospectionResolvers.typeName
        case "__schema" where objectType === schema.queryType: return IntrospectionResolvers.schema
        case "__type" where objectType === schema.queryType: return IntrospectionResolvers.type
        default:
            if objectType.name.hasPrefix("__"), let resolver = IntrospectionResolvers.field(objectType.name, definition.name) {
                return resolver
            }
            return request.resolvers.resolver(type: objectType.name, field: definition.name) ?? .default
        }
    }
}

/// Mutable state of an object whose fields arrive later.
private final class ObjectBuilder {
    var entries: [CoercedValue.Entry]
    var remaining: Int
    var failed = false

    init(entries: [CoercedValue.Entry], remaining: Int) {
        self.entries = entries
        self.remaining = remaining
    }
}

/// Mutable state of a list whose items arrive later.
private final class ListBuilder {
    var items: [CoercedValue]
    var remaining: Int
    var failed = false

    init(items: [CoercedValue], remaining: Int) {
        self.items = items
        self.remaining = remaining
    }
}

/// A pending value that no dispatch resolved.
struct UnresolvedValueError: Error, CustomStringConvertible {
    var description: String { "A pending field value was never resolved." }
}

/// The message a client sees for an error a resolver threw.
func resolverErrorMessage(_ error: any Error) -> String {
    if let graphQLError = error as? GraphQLError { return graphQLError.message }
    return String(describing: error)
}

/// A resolved value as messages show it.
func inspectFieldValue(_ value: FieldValue) -> String {
    switch value {
    case .null: "null"
    case .json(let json): inspect(json)
    case .list(let items): "[" + items.map(inspectFieldValue).joined(separator: ", ") + "]"
    case .object(let payload, _): String(describing: payload)
    case .pending: "<pending>"
    }
}
