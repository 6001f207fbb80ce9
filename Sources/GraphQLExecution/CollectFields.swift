import GraphQLLanguage
import GraphQLSchema

/// The fields of one response key: its nodes (several when fields merge), its definition and
/// its resolver, found once per selection set and object type and shared by every object that
/// selection set is executed on.
///
/// Collected fields belong to one request, whose execution runs on one task at a time; the
/// two caches below are written only by that execution (hence `@unchecked Sendable`), while
/// resolvers only read the immutable members.
final class CollectedField: @unchecked Sendable {
    let responseKey: String
    let nodes: [Field]
    let definition: GraphQLField
    let parentType: ObjectType
    let resolver: FieldResolver
    /// The definition's name and type, copied out once: reading them through `definition`
    /// per field copied the whole `GraphQLField`.
    let name: String
    let type: GraphQLType
    /// Whether the definition or the first node has arguments to coerce.
    let hasArguments: Bool

    /// The coerced arguments, once computed: they depend only on the nodes and the
    /// request's variables, so every object of a list shares them.
    var coercedArguments: [String: CoercedValue]?
    /// The sub-fields per runtime object type, once collected.
    var subfields: [ObjectIdentifier: [CollectedField]] = [:]
    /// For a field of abstract type: the object types its values have resolved to, by name
    /// (a handful at most), so that each later value of the same type skips the schema
    /// lookups and checks.
    var runtimeTypes: [(name: String, type: ObjectType)] = []

    init(responseKey: String, nodes: [Field], definition: GraphQLField, parentType: ObjectType, resolver: FieldResolver) {
        self.responseKey = responseKey
        self.nodes = nodes
        self.definition = definition
        self.parentType = parentType
        self.resolver = resolver
        self.name = definition.name
        self.type = definition.type
        self.hasArguments = !definition.arguments.isEmpty || !nodes[0].arguments.isEmpty
    }
}

/// CollectFields (spec §6.3.2): the fields a selection set selects on an object type, by
/// response key in document order, through fragments whose type condition applies and
/// past `@skip` and `@include`.
struct FieldCollector {
    private let context: ExecutionContext
    private let objectType: ObjectType
    /// Per response key, in order: its nodes and definition.
    private var fields: [(key: String, nodes: [Field], definition: GraphQLField)] = []
    private var indexByKey: [String: Int] = [:]
    private var visitedFragments: Set<String> = []

    init(context: ExecutionContext, objectType: ObjectType) {
        self.context = context
        self.objectType = objectType
    }

    func result() -> [CollectedField] {
        fields.map { field in
            CollectedField(
                responseKey: field.key, nodes: field.nodes, definition: field.definition, parentType: objectType,
                resolver: context.resolver(for: field.definition, on: objectType))
        }
    }

    mutating func collect(_ selectionSet: SelectionSet) throws(GraphQLError) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard try shouldInclude(field.directives) else { continue }
                let key = field.responseKey
                if let index = indexByKey[key] {
                    fields[index].nodes.append(field)
                } else if let definition = fieldDefinition(field.name.value) {
                    indexByKey[key] = fields.count
                    fields.append((key, [field], definition))
                }
            case .inlineFragment(let fragment):
                guard try shouldInclude(fragment.directives), conditionMatches(fragment.typeCondition) else { continue }
                try collect(fragment.selectionSet)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), try shouldInclude(spread.directives) else { continue }
                visitedFragments.insert(name)
                guard let fragment = context.fragments[name], conditionMatches(fragment.typeCondition) else {
                    continue
                }
                try collect(fragment.selectionSet)
            }
        }
    }

    /// The definition a field name selects: the meta-fields, or the type's own field.
    /// With introspection off, `__schema` and `__type` select nothing.
    private func fieldDefinition(_ name: String) -> GraphQLField? {
        if !context.request.introspection, name == "__schema" || name == "__type" { return nil }
        return context.schema.fieldDefinition(on: .object(objectType), named: name)
    }

    /// DoesFragmentTypeApply.
    private func conditionMatches(_ condition: NamedType?) -> Bool {
        guard let condition else { return true }
        guard let conditionType = context.schema.type(named: condition.name.value) else { return false }
        switch conditionType {
        case .object(let object): return object === objectType
        case .interface, .union: return context.schema.isSubType(conditionType, .object(objectType))
        default: return false
        }
    }

    /// `@skip(if: true)` and `@include(if: false)` leave a selection out. The `if` argument is
    /// coerced like any argument: a variable holding null is an error, as in graphql-js.
    private func shouldInclude(_ directives: [Directive]) throws(GraphQLError) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include" else { continue }
            let definition = name == "skip" ? GraphQLDirective.skip : GraphQLDirective.include
            let arguments = try coerceArgumentValues(
                definitions: definition.arguments, nodes: directive.arguments, variables: context.variables,
                source: context.source, at: directive.location)
            guard case .boolean(let condition)? = arguments["if"] else { continue }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }
}
