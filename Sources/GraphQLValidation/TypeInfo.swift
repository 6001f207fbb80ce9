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
    private(set) var fieldDefinitionStack: [GraphQLField?] = []
    /// Whether each input position has a default value (an argument's or input field's).
    private(set) var defaultValueStack: [Bool] = []
    private(set) var directive: GraphQLDirective?
    private(set) var argument: InputValue?
    private(set) var enumValue: EnumType.Value?

    init(schema: Schema) {
        self.schema = schema
        typeStack.reserveCapacity(16)
        parentTypeStack.reserveCapacity(16)
        fieldDefinitionStack.reserveCapacity(16)
        inputTypeStack.reserveCapacity(8)
        defaultValueStack.reserveCapacity(8)
    }

    var type: GraphQLType? { typeStack.last ?? nil }
    var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }
    var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    var parentInputType: GraphQLType? {
        inputTypeStack.count > 1 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    var fieldDefinition: GraphQLField? { fieldDefinitionStack.last ?? nil }
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
        var definition: GraphQLField?
        if let parentType { definition = schema.fieldDefinition(on: parentType, named: name) }
        fieldDefinitionStack.append(definition)
        typeStack.append(definition.flatMap { $0.type.isOutputType ? $0.type : nil })
    }

    mutating func leaveField() {
        fieldDefinitionStack.removeLast()
        typeStack.removeLast()
    }

    /// An inline fragment or fragment definition: its type condition, or else the type in scope.
    mutating func enterFragment(typeCondition: NamedType?) {
        let named: GraphQLNamedType? =
            if let typeCondition { schema.namedType(typeCondition.name.value) } else { type?.namedType }
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
            if let directive { directive.argument(named: name) } else { fieldDefinition?.argument(named: name) }
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
