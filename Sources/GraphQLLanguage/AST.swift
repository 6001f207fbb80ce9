/// The abstract syntax tree of a GraphQL document: value types, one per production.
///
/// Every node carries its `Location` in the source. Locations do not take part in
/// equality, so two trees parsed from differently laid-out text compare equal when they
/// denote the same document (the parse → print → parse round trip relies on it).

/// The span of a node in its source, as UTF-8 byte offsets `start..<end`.
public struct Location: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Locations never distinguish nodes: equality is about syntax, not layout.
    public static func == (lhs: Location, rhs: Location) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    public var description: String { "\(start)..<\(end)" }
}

// MARK: - Document

/// Document : Definition+
public struct Document: Sendable, Hashable {
    public var definitions: [Definition]
    public var location: Location

    public init(definitions: [Definition], location: Location = Location(start: 0, end: 0)) {
        self.definitions = definitions
        self.location = location
    }
}

/// Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension
public enum Definition: Sendable, Hashable {
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    case schema(SchemaDefinition)
    case type(TypeDefinition)
    case directive(DirectiveDefinition)
    case schemaExtension(SchemaExtension)
    case typeExtension(TypeExtension)

    public var location: Location {
        switch self {
        case .operation(let node): node.location
        case .fragment(let node): node.location
        case .schema(let node): node.location
        case .type(let node): node.location
        case .directive(let node): node.location
        case .schemaExtension(let node): node.location
        case .typeExtension(let node): node.location
        }
    }

    /// Whether this is an ExecutableDefinition (an operation or a fragment).
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

// MARK: - Executable definitions

/// OperationType : one of query mutation subscription
public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case query, mutation, subscription
}

/// OperationDefinition :
///   Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
///   | SelectionSet
public struct OperationDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: Location

    public init(
        description: StringValue? = nil, operation: OperationType, name: Name? = nil,
        variableDefinitions: [VariableDefinition] = [], directives: [Directive] = [],
        selectionSet: SelectionSet, location: Location
    ) {
        self.description = description
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

/// VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?
public struct VariableDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var variable: Variable
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var location: Location

    public init(
        description: StringValue? = nil, variable: Variable, type: TypeReference,
        defaultValue: Value? = nil, directives: [Directive] = [], location: Location
    ) {
        self.description = description
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

/// Variable : $ Name
public struct Variable: Sendable, Hashable {
    public var name: Name
    public var location: Location

    public init(name: Name, location: Location) {
        self.name = name
        self.location = location
    }
}

/// SelectionSet : { Selection+ }
public struct SelectionSet: Sendable, Hashable {
    public var selections: [Selection]
    public var location: Location

    public init(selections: [Selection], location: Location) {
        self.selections = selections
        self.location = location
    }
}

/// Selection : Field | FragmentSpread | InlineFragment
public enum Selection: Sendable, Hashable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var location: Location {
        switch self {
        case .field(let node): node.location
        case .fragmentSpread(let node): node.location
        case .inlineFragment(let node): node.location
        }
    }

    public var directives: [Directive] {
        switch self {
        case .field(let node): node.directives
        case .fragmentSpread(let node): node.directives
        case .inlineFragment(let node): node.directives
        }
    }
}

/// Field : Alias? Name Arguments? Directives? SelectionSet?
public struct Field: Sendable, Hashable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var location: Location

    public init(
        alias: Name? = nil, name: Name, arguments: [Argument] = [], directives: [Directive] = [],
        selectionSet: SelectionSet? = nil, location: Location
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }

    /// The key of this field in the response: its alias, or else its name.
    public var responseKey: String { alias?.value ?? name.value }
}

/// Argument : Name : Value
public struct Argument: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var location: Location

    public init(name: Name, value: Value, location: Location) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// FragmentSpread : ... FragmentName Directives?
public struct FragmentSpread: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var location: Location

    public init(name: Name, directives: [Directive] = [], location: Location) {
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// InlineFragment : ... TypeCondition? Directives? SelectionSet
public struct InlineFragment: Sendable, Hashable {
    public var typeCondition: NamedType?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: Location

    public init(
        typeCondition: NamedType? = nil, directives: [Directive] = [], selectionSet: SelectionSet,
        location: Location
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

/// FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet
public struct FragmentDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var typeCondition: NamedType
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, typeCondition: NamedType,
        directives: [Directive] = [], selectionSet: SelectionSet, location: Location
    ) {
        self.description = description
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

// MARK: - Values

/// Value[Const] : Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue
///   | EnumValue | ListValue | ObjectValue
///
/// Not `indirect`: lists and objects hold their members in arrays, which already give the
/// recursion its indirection, so scalar values need no heap box of their own.
public enum Value: Sendable, Hashable {
    case variable(Variable)
    case int(IntValue)
    case float(FloatValue)
    case string(StringValue)
    case boolean(BooleanValue)
    case null(NullValue)
    case enumValue(EnumValue)
    case list(ListValue)
    case object(ObjectValue)

    public var location: Location {
        switch self {
        case .variable(let node): node.location
        case .int(let node): node.location
        case .float(let node): node.location
        case .string(let node): node.location
        case .boolean(let node): node.location
        case .null(let node): node.location
        case .enumValue(let node): node.location
        case .list(let node): node.location
        case .object(let node): node.location
        }
    }
}

/// IntValue : IntegerPart, kept as written.
public struct IntValue: Sendable, Hashable {
    public var value: String
    public var location: Location

    public init(value: String, location: Location) {
        self.value = value
        self.location = location
    }
}

/// FloatValue : IntegerPart FractionalPart? ExponentPart?, kept as written.
public struct FloatValue: Sendable, Hashable {
    public var value: String
    public var location: Location

    public init(value: String, location: Location) {
        self.value = value
        self.location = location
    }
}

/// StringValue : a quoted or block string, with escapes resolved and block indentation removed.
public struct StringValue: Sendable, Hashable {
    public var value: String
    /// Whether the source wrote it as a block string (`"""…"""`).
    public var block: Bool
    public var location: Location

    public init(value: String, block: Bool = false, location: Location) {
        self.value = value
        self.block = block
        self.location = location
    }
}

/// BooleanValue : one of true false
public struct BooleanValue: Sendable, Hashable {
    public var value: Bool
    public var location: Location

    public init(value: Bool, location: Location) {
        self.value = value
        self.location = location
    }
}

/// NullValue : null
public struct NullValue: Sendable, Hashable {
    public var location: Location

    public init(location: Location) {
        self.location = location
    }
}

/// EnumValue : Name but not true, false or null
public struct EnumValue: Sendable, Hashable {
    public var value: String
    public var location: Location

    public init(value: String, location: Location) {
        self.value = value
        self.location = location
    }
}

/// ListValue : [ Value* ]
public struct ListValue: Sendable, Hashable {
    public var values: [Value]
    public var location: Location

    public init(values: [Value], location: Location) {
        self.values = values
        self.location = location
    }
}

/// ObjectValue : { ObjectField* }
public struct ObjectValue: Sendable, Hashable {
    public var fields: [ObjectField]
    public var location: Location

    public init(fields: [ObjectField], location: Location) {
        self.fields = fields
        self.location = location
    }
}

/// ObjectField : Name : Value
public struct ObjectField: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var location: Location

    public init(name: Name, value: Value, location: Location) {
        self.name = name
        self.value = value
        self.location = location
    }
}

// MARK: - Names, directives, type references

/// Name : /[_A-Za-z][_0-9A-Za-z]*/
public struct Name: Sendable, Hashable {
    public var value: String
    public var location: Location

    public init(value: String, location: Location) {
        self.value = value
        self.location = location
    }
}

/// Directive : @ Name Arguments?
public struct Directive: Sendable, Hashable {
    public var name: Name
    public var arguments: [Argument]
    public var location: Location

    public init(name: Name, arguments: [Argument] = [], location: Location) {
        self.name = name
        self.arguments = arguments
        self.location = location
    }
}

/// NamedType : Name
public struct NamedType: Sendable, Hashable {
    public var name: Name
    public var location: Location

    public init(name: Name, location: Location) {
        self.name = name
        self.location = location
    }
}

/// Type : NamedType | ListType | NonNullType
///
/// `nonNull` never wraps another `nonNull`: the grammar cannot express it.
public enum TypeReference: Sendable, Hashable {
    case named(NamedType)
    /// ListType : [ Type ]
    indirect case list(TypeReference, location: Location)
    /// NonNullType : NamedType ! | ListType !
    indirect case nonNull(TypeReference, location: Location)

    public var location: Location {
        switch self {
        case .named(let node): node.location
        case .list(_, let location), .nonNull(_, let location): location
        }
    }

    /// The named type at the core of any list and non-null wrappers.
    public var namedType: NamedType {
        switch self {
        case .named(let node): node
        case .list(let inner, _), .nonNull(let inner, _): inner.namedType
        }
    }
}

// MARK: - Type system definitions

/// SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
public struct SchemaDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var location: Location

    public init(
        description: StringValue? = nil, directives: [Directive] = [],
        operationTypes: [OperationTypeDefinition], location: Location
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// RootOperationTypeDefinition : OperationType : NamedType
public struct OperationTypeDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var type: NamedType
    public var location: Location

    public init(operation: OperationType, type: NamedType, location: Location) {
        self.operation = operation
        self.type = type
        self.location = location
    }
}

/// TypeDefinition : ScalarTypeDefinition | ObjectTypeDefinition | InterfaceTypeDefinition
///   | UnionTypeDefinition | EnumTypeDefinition | InputObjectTypeDefinition
public enum TypeDefinition: Sendable, Hashable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(InterfaceTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    public var name: Name {
        switch self {
        case .scalar(let node): node.name
        case .object(let node): node.name
        case .interface(let node): node.name
        case .union(let node): node.name
        case .enumType(let node): node.name
        case .inputObject(let node): node.name
        }
    }

    public var description: StringValue? {
        switch self {
        case .scalar(let node): node.description
        case .object(let node): node.description
        case .interface(let node): node.description
        case .union(let node): node.description
        case .enumType(let node): node.description
        case .inputObject(let node): node.description
        }
    }

    public var directives: [Directive] {
        switch self {
        case .scalar(let node): node.directives
        case .object(let node): node.directives
        case .interface(let node): node.directives
        case .union(let node): node.directives
        case .enumType(let node): node.directives
        case .inputObject(let node): node.directives
        }
    }

    public var location: Location {
        switch self {
        case .scalar(let node): node.location
        case .object(let node): node.location
        case .interface(let node): node.location
        case .union(let node): node.location
        case .enumType(let node): node.location
        case .inputObject(let node): node.location
        }
    }
}

/// ScalarTypeDefinition : Description? scalar Name Directives[Const]?
public struct ScalarTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var location: Location

    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], location: Location) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
public struct ObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, interfaces: [NamedType] = [],
        directives: [Directive] = [], fields: [FieldDefinition] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
public struct InterfaceTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, interfaces: [NamedType] = [],
        directives: [Directive] = [], fields: [FieldDefinition] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?
public struct FieldDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeReference
    public var directives: [Directive]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, arguments: [InputValueDefinition] = [],
        type: TypeReference, directives: [Directive] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.location = location
    }
}

/// InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?
public struct InputValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, type: TypeReference, defaultValue: Value? = nil,
        directives: [Directive] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

/// UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?
public struct UnionTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, directives: [Directive] = [], types: [NamedType] = [],
        location: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
        self.location = location
    }
}

/// EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?
public struct EnumTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, directives: [Directive] = [],
        values: [EnumValueDefinition] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
        self.location = location
    }
}

/// EnumValueDefinition : Description? EnumValue Directives[Const]?
public struct EnumValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var location: Location

    public init(description: StringValue? = nil, name: Name, directives: [Directive] = [], location: Location) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?
public struct InputObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, directives: [Directive] = [],
        fields: [InputValueDefinition] = [], location: Location
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

/// DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
public struct DirectiveDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var repeatable: Bool
    /// The locations as written; each is one of `DirectiveLocation`'s raw values.
    public var locations: [Name]
    public var location: Location

    public init(
        description: StringValue? = nil, name: Name, arguments: [InputValueDefinition] = [],
        repeatable: Bool = false, locations: [Name], location: Location
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.location = location
    }
}

/// DirectiveLocation : ExecutableDirectiveLocation | TypeSystemDirectiveLocation
public enum DirectiveLocation: String, Sendable, Hashable, CaseIterable {
    // ExecutableDirectiveLocation
    case query = "QUERY"
    case mutation = "MUTATION"
    case subscription = "SUBSCRIPTION"
    case field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    case fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT"
    case variableDefinition = "VARIABLE_DEFINITION"
    // TypeSystemDirectiveLocation
    case schema = "SCHEMA"
    case scalar = "SCALAR"
    case object = "OBJECT"
    case fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case enumValue = "ENUM_VALUE"
    case inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}

// MARK: - Type system extensions

/// SchemaExtension : extend schema Directives[Const]? { RootOperationTypeDefinition+ }
///   | extend schema Directives[Const]
public struct SchemaExtension: Sendable, Hashable {
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var location: Location

    public init(directives: [Directive] = [], operationTypes: [OperationTypeDefinition] = [], location: Location) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// TypeExtension : one `extend` form per kind of type. The payload has the shape of the
/// definition it extends, without a description.
public enum TypeExtension: Sendable, Hashable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(InterfaceTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    /// The extension's content as the definition shape it shares.
    public var definition: TypeDefinition {
        switch self {
        case .scalar(let node): .scalar(node)
        case .object(let node): .object(node)
        case .interface(let node): .interface(node)
        case .union(let node): .union(node)
        case .enumType(let node): .enumType(node)
        case .inputObject(let node): .inputObject(node)
        }
    }

    public var name: Name { definition.name }
    public var location: Location { definition.location }
}
