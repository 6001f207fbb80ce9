import GraphQLLanguage
import GraphQLSchema

/// The schema types around the node being walked, as graphql-js's `TypeInfo` tracks them:
/// the output type and parent type of selections, the field, directive and argument in
/// scope, and the expected input type (and whether that position has a default) of values.
///
/// The walk calls `enter…` before a node's rules run and `leave…` after them.
struct TypeInfo {
    let schema: Schema
    private(set) var typeStack: [GraphQLType?] = []
    private(set) var parentTypeStack: [GraphQLNamedType?] = []
    private(set) var inputTypeStack: [GraphQLType?] = []
    private(set) var fieldStack: [ResolvedField?] = []
    /// The fields resolved so far, by parent type and name: each definition is copied out of
    /// the schema once per validation, not once per selection.
    private var resolvedFields: [FieldKey: ResolvedField] = [:]
    /// Whether each input position has a default value (an argument's or input field's).
    private(set) var defaultValueStack: [Bool] = []
    private(set) var directive: GraphQLDirective?
    private(set) var argument: InputValue?
    private(set) var enumValue: EnumType.Value?

    init(schema: Schema) {
        self.schema = schema
        typeStack.reserveCapacity(16)
        parentTypeStack.reserveCapacity(16)
        fieldStack.reserveCapacity(16)
        inputTypeStack.reserveCapacity(8)
        defaultValueStack.reserveCapacity(8)
    }

    var type: GraphQLType? { typeStack.last ?? nil }
    var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }
    var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    var parentInputType: GraphQLType? {
        inputTypeStack.count > 1 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    var field: ResolvedField? { fieldStack.last ?? nil }
    var fieldDefinition: GraphQLField? { field?.definition }
    var hasDefaultValue: Bool { defaultValueStack.last ?? false }

    // MARK: - Selections

    mutating func enterOperation(_ operation: OperationType) {
        typeStack.append(schema.rootType(for: operation).map { .named(.object($0)) })
    }

    mutating func enterSelectionSet() {
        let named = type?.namedType
        parentTypeStack.append(named.flatMap { $0.isCompositeType ? $0 : nil })
    }

    mutating func leaveSelectionSet() { parentTypeStack.removeLast() }

    mutating func enterField(named name: String) {
        var field: ResolvedField?
        if let parentType { field = resolveField(on: parentType, named: name) }
        fieldStack.append(field)
        typeStack.append(field?.outputType)
    }

    mutating func leaveField() {
        fieldStack.removeLast()
        typeStack.removeLast()
    }

    private mutating func resolveField(on parentType: GraphQLNamedType, named name: String) -> ResolvedField? {
        let key = FieldKey(parent: parentType, name: name)
        if let field = resolvedFields[key] { return field }
        guard let definition = schema.fieldDefinition(on: parentType, named: name) else { return nil }
        let field = ResolvedField(definition)
        resolvedFields[key] = field
        return field
    }

    /// An inline fragment or fragment definition: its type condition, or else the type in scope.
    mutating func enterFragment(typeCondition: NamedType?) {
        let named: GraphQLNamedType? =
            if let typeCondition { schema.type(named: typeCondition.name.value) } else { type?.namedType }
        typeStack.append(named.flatMap { $0.isOutputType ? .named($0) : nil })
    }

    /// Leaves an operation, inline fragment or fragment definition.
    mutating func leaveTypeScope() { typeStack.removeLast() }

    // MARK: - Directives, arguments and values

    mutating func enterDirective(named name: String) { directive = schema.directive(named: name) }
    mutating func leaveDirective() { directive = nil }

    mutating func enterVariableDefinition(_ type: TypeReference) {
        let inputType = schema.type(from: type)
        inputTypeStack.append(inputType.flatMap { $0.isInputType ? $0 : nil })
    }

    mutating func leaveVariableDefinition() { inputTypeStack.removeLast() }

    mutating func enterArgument(named name: String) {
        // As graphql-js: an unknown directive's arguments are looked up on the enclosing field.
        let definition: InputValue? =
            if let directive { directive.argument(named: name) } else { field?.definition.argument(named: name) }
        argument = definition
        defaultValueStack.append(definition?.defaultValue != nil)
        inputTypeStack.append(definition.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    mutating func leaveArgument() {
        argument = nil
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    mutating func enterList() {
        let listType = inputType?.nullableType
        let itemType: GraphQLType? = if case .list(let item)? = listType { item } else { listType }
        defaultValueStack.append(false)
        inputTypeStack.append(itemType.flatMap { $0.isInputType ? $0 : nil })
    }

    mutating func enterObjectField(named name: String) {
        var field: InputValue?
        if case .inputObject(let objectType)? = inputType?.namedType { field = objectType.field(named: name) }
        defaultValueStack.append(field?.defaultValue != nil)
        inputTypeStack.append(field.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    /// Leaves a list value or an object field.
    mutating func leaveInputPosition() {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    mutating func enterEnumValue(_ name: String) {
        if case .enumType(let enumType)? = inputType?.namedType {
            enumValue = enumType.value(named: name)
        } else {
            enumValue = nil
        }
    }

    mutating func leaveEnumValue() { enumValue = nil }
}

/// A field definition as the walk uses it, resolved once per validation: shared by reference,
/// with what rules ask of it at every selection precomputed.
final class ResolvedField {
    let definition: GraphQLField
    /// The field's type, if it is an output type (as a field's type should be).
    let outputType: GraphQLType?
    /// The arguments that must be given: non-null, without a default.
    let requiredArguments: [InputValue]

    init(_ definition: GraphQLField) {
        self.definition = definition
        outputType = definition.type.isOutputType ? definition.type : nil
        requiredArguments = definition.arguments.filter(\.isRequired)
    }
}

/// A field by the type it is selected on and its name.
private struct FieldKey: Hashable {
    var parent: GraphQLNamedType
    var name: String
}
