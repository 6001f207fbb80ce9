/// Limits that keep hostile documents from exhausting memory or the stack.
public struct ParseOptions: Sendable, Hashable {
    /// The most tokens a document may have; `nil` for no limit.
    public var maxTokens: Int?
    /// The deepest nesting of selection sets, list and object values and list types; `nil`
    /// for no limit. Every recursive pass over the AST (printing, validation, execution)
    /// relies on this bound, so leave it on wherever documents come from outside.
    public var maxDepth: Int?

    public init(maxTokens: Int? = 1_000_000, maxDepth: Int? = 256) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}

/// Parses a GraphQL document: executable definitions, type-system definitions and extensions.
///
/// Throws a `GraphQLError` whose message starts with "Syntax Error:" and whose location is
/// where graphql-js reports the same error.
public func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws -> Document {
    try source.utf8.withUnsafeBufferPointer { bytes throws(GraphQLError) in
        var parser = try Parser(bytes: bytes, source: source, options: options)
        return try parser.parseDocument()
    }
}

/// Parses a document given as text.
public func parse(_ text: String, options: ParseOptions = ParseOptions()) throws -> Document {
    try parse(Source(body: text), options: options)
}

/// Parses a lone value, as in a variable's default (`Value[~Const]`).
public func parseValue(_ source: Source, options: ParseOptions = ParseOptions()) throws -> Value {
    try source.utf8.withUnsafeBufferPointer { bytes throws(GraphQLError) in
        var parser = try Parser(bytes: bytes, source: source, options: options)
        try parser.expect(.startOfFile)
        let value = try parser.parseValueLiteral(isConst: false)
        try parser.expect(.endOfFile)
        return value
    }
}

/// Parses a lone type reference such as `[String!]!`.
public func parseType(_ source: Source, options: ParseOptions = ParseOptions()) throws -> TypeReference {
    try source.utf8.withUnsafeBufferPointer { bytes throws(GraphQLError) in
        var parser = try Parser(bytes: bytes, source: source, options: options)
        try parser.expect(.startOfFile)
        let type = try parser.parseTypeReference()
        try parser.expect(.endOfFile)
        return type
    }
}

/// A recursive-descent parser with one token of lookahead (two for descriptions and `extend`).
struct Parser {
    private var lexer: Lexer
    private let options: ParseOptions
    /// The current token, not yet consumed.
    private var token: Token
    /// Where the last consumed token ended, for node locations.
    private var lastEnd = 0
    private var tokenCount = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ParseOptions) throws(GraphQLError) {
        self.lexer = Lexer(bytes: bytes, source: source)
        self.options = options
        self.token = Token(kind: .startOfFile, start: 0, end: 0)
    }

    // MARK: - Document

    /// Document : Definition+
    mutating func parseDocument() throws(GraphQLError) -> Document {
        let start = token.start
        try expect(.startOfFile)
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while try !expectOptional(.endOfFile)
        return Document(definitions: definitions, location: location(from: start))
    }

    /// Definition : ExecutableDefinition | TypeSystemDefinition | TypeSystemExtension
    private mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if peek(.braceL) { return .operation(try parseOperationDefinition()) }

        let hasDescription = peekDescription()
        let keyword = hasDescription ? try lookahead() : token
        if keyword.kind == .name, let word = keyword.value {
            switch word {
            case "schema": return .schema(try parseSchemaDefinition())
            case "scalar": return .type(.scalar(try parseScalarTypeDefinition()))
            case "type": return .type(.object(try parseObjectTypeDefinition()))
            case "interface": return .type(.interface(try parseInterfaceTypeDefinition()))
            case "union": return .type(.union(try parseUnionTypeDefinition()))
            case "enum": return .type(.enumType(try parseEnumTypeDefinition()))
            case "input": return .type(.inputObject(try parseInputObjectTypeDefinition()))
            case "directive": return .directive(try parseDirectiveDefinition())
            case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
            case "fragment": return .fragment(try parseFragmentDefinition())
            default:
                if hasDescription {
                    throw syntaxError(
                        at: token.start,
                        "Unexpected description, descriptions are supported only on type definitions.")
                }
                if word == "extend" { return try parseTypeSystemExtension() }
            }
        }
        throw unexpected(keyword)
    }

    // MARK: - Operations

    /// OperationDefinition : Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
    ///   | SelectionSet
    private mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token.start
        if peek(.braceL) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, location: location(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        return OperationDefinition(
            description: description,
            operation: operation,
            name: name,
            variableDefinitions: try parseVariableDefinitions(),
            directives: try parseDirectives(isConst: false),
            selectionSet: try parseSelectionSet(),
            location: location(from: start)
        )
    }

    /// OperationType : one of query mutation subscription
    private mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let operationToken = try expect(.name)
        switch operationToken.value {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(operationToken)
        }
    }

    /// VariablesDefinition : ( VariableDefinition+ )
    private mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        guard try expectOptional(.parenL) else { return [] }
        var definitions: [VariableDefinition] = []
        repeat {
            definitions.append(try parseVariableDefinition())
        } while try !expectOptional(.parenR)
        return definitions
    }

    /// VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?
    private mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        return VariableDefinition(
            description: description,
            variable: variable,
            type: type,
            defaultValue: defaultValue,
            directives: try parseDirectives(isConst: true),
            location: location(from: start)
        )
    }

    /// Variable : $ Name
    private mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, location: location(from: start))
    }

    /// SelectionSet : { Selection+ }
    private mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token.start
        try enterNesting()
        try expect(.braceL)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while try !expectOptional(.braceR)
        depth -= 1
        return SelectionSet(selections: selections, location: location(from: start))
    }

    /// Selection : Field | FragmentSpread | InlineFragment
    private mutating func parseSelection() throws(GraphQLError) -> Selection {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    private mutating func parseField() throws(GraphQLError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = nameOrAlias
        }
        return Field(
            alias: alias,
            name: name,
            arguments: try parseArguments(isConst: false),
            directives: try parseDirectives(isConst: false),
            selectionSet: peek(.braceL) ? try parseSelectionSet() : nil,
            location: location(from: start)
        )
    }

    /// Arguments[Const] : ( Argument[?Const]+ )
    private mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        guard try expectOptional(.parenL) else { return [] }
        var arguments: [Argument] = []
        repeat {
            arguments.append(try parseArgument(isConst: isConst))
        } while try !expectOptional(.parenR)
        return arguments
    }

    /// Argument[Const] : Name : Value[?Const]
    private mutating func parseArgument(isConst: Bool) throws(GraphQLError) -> Argument {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, location: location(from: start))
    }

    // MARK: - Fragments

    /// FragmentSpread : ... FragmentName Directives?
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    private mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition, peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, location: location(from: start)))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition,
                directives: try parseDirectives(isConst: false),
                selectionSet: try parseSelectionSet(),
                location: location(from: start)
            ))
    }

    /// FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet
    private mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        return FragmentDefinition(
            description: description,
            name: name,
            typeCondition: try parseNamedType(),
            directives: try parseDirectives(isConst: false),
            selectionSet: try parseSelectionSet(),
            location: location(from: start)
        )
    }

    /// FragmentName : Name but not `on`
    private mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if token.value == "on" { throw unexpected(token) }
        return try parseName()
    }

    // MARK: - Values

    /// Value[Const] : [~Const] Variable | IntValue | FloatValue | StringValue | BooleanValue
    ///   | NullValue | EnumValue | ListValue[?Const] | ObjectValue[?Const]
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> Value {
        let current = token
        let here = Location(start: current.start, end: current.end)
        switch current.kind {
        case .bracketL:
            return .list(try parseList(isConst: isConst))
        case .braceL:
            return .object(try parseObject(isConst: isConst))
        case .int:
            try advance()
            return .int(IntValue(value: current.value!, location: here))
        case .float:
            try advance()
            return .float(FloatValue(value: current.value!, location: here))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            try advance()
            switch current.value! {
            case "true": return .boolean(BooleanValue(value: true, location: here))
            case "false": return .boolean(BooleanValue(value: false, location: here))
            case "null": return .null(NullValue(location: here))
            default: return .enumValue(EnumValue(value: current.value!, location: here))
            }
        case .dollar:
            if isConst {
                try expect(.dollar)
                if token.kind == .name, let name = token.value {
                    throw syntaxError(at: current.start, "Unexpected variable \"$\(name)\" in constant value.")
                }
                throw unexpected(current)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected(token)
        }
    }

    private mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let current = token
        try advance()
        return StringValue(
            value: current.value ?? "", block: current.kind == .blockString,
            location: Location(start: current.start, end: current.end))
    }

    /// ListValue[Const] : [ ] | [ Value[?Const]+ ]
    private mutating func parseList(isConst: Bool) throws(GraphQLError) -> ListValue {
        let start = token.start
        try enterNesting()
        try expect(.bracketL)
        var values: [Value] = []
        while try !expectOptional(.bracketR) {
            values.append(try parseValueLiteral(isConst: isConst))
        }
        depth -= 1
        return ListValue(values: values, location: location(from: start))
    }

    /// ObjectValue[Const] : { } | { ObjectField[?Const]+ }
    private mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ObjectValue {
        let start = token.start
        try enterNesting()
        try expect(.braceL)
        var fields: [ObjectField] = []
        while try !expectOptional(.braceR) {
            let fieldStart = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValueLiteral(isConst: isConst)
            fields.append(ObjectField(name: name, value: value, location: location(from: fieldStart)))
        }
        depth -= 1
        return ObjectValue(fields: fields, location: location(from: start))
    }

    // MARK: - Directives

    /// Directives[Const] : Directive[?Const]+
    private mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            let start = token.start
            try advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            directives.append(Directive(name: name, arguments: arguments, location: location(from: start)))
        }
        return directives
    }

    // MARK: - Types

    /// Type : NamedType | ListType | NonNullType
    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        let start = token.start
        var type: TypeReference
        if peek(.bracketL) {
            try enterNesting()
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketR)
            depth -= 1
            type = .list(inner, location: location(from: start))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            type = .nonNull(type, location: location(from: start))
        }
        return type
    }

    /// NamedType : Name
    private mutating func parseNamedType() throws(GraphQLError) -> NamedType {
        let start = token.start
        let name = try parseName()
        return NamedType(name: name, location: location(from: start))
    }

    /// Name : /[_A-Za-z][_0-9A-Za-z]*/
    private mutating func parseName() throws(GraphQLError) -> Name {
        let nameToken = try expect(.name)
        return Name(value: nameToken.value!, location: Location(start: nameToken.start, end: nameToken.end))
    }

    // MARK: - Type system definitions

    private func peekDescription() -> Bool { peek(.string) || peek(.blockString) }

    /// Description : StringValue
    private mutating func parseDescription() throws(GraphQLError) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    /// SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
    private mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        try expect(.braceL)
        var operationTypes: [OperationTypeDefinition] = []
        repeat {
            operationTypes.append(try parseOperationTypeDefinition())
        } while try !expectOptional(.braceR)
        return SchemaDefinition(
            description: description, directives: directives, operationTypes: operationTypes,
            location: location(from: start))
    }

    /// RootOperationTypeDefinition : OperationType : NamedType
    private mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, location: location(from: start))
    }

    /// ScalarTypeDefinition : Description? scalar Name Directives[Const]?
    private mutating func parseScalarTypeDefinition() throws(GraphQLError) -> ScalarTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return ScalarTypeDefinition(
            description: description, name: name, directives: directives, location: location(from: start))
    }

    /// ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    private mutating func parseObjectTypeDefinition() throws(GraphQLError) -> ObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives,
            fields: fields, location: location(from: start))
    }

    /// InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    private mutating func parseInterfaceTypeDefinition() throws(GraphQLError) -> InterfaceTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives,
            fields: fields, location: location(from: start))
    }

    /// ImplementsInterfaces : implements `&`? NamedType | ImplementsInterfaces & NamedType
    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedType] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try parseDelimited(by: .amp) { parser throws(GraphQLError) in try parser.parseNamedType() }
    }

    /// FieldsDefinition : { FieldDefinition+ }
    private mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinition] {
        guard try expectOptional(.braceL) else { return [] }
        var fields: [FieldDefinition] = []
        repeat {
            fields.append(try parseFieldDefinition())
        } while try !expectOptional(.braceR)
        return fields
    }

    /// FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?
    private mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinition(
            description: description, name: name, arguments: arguments, type: type, directives: directives,
            location: location(from: start))
    }

    /// ArgumentsDefinition : ( InputValueDefinition+ )
    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        guard try expectOptional(.parenL) else { return [] }
        var arguments: [InputValueDefinition] = []
        repeat {
            arguments.append(try parseInputValueDefinition())
        } while try !expectOptional(.parenR)
        return arguments
    }

    /// InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?
    private mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinition(
            description: description, name: name, type: type, defaultValue: defaultValue, directives: directives,
            location: location(from: start))
    }

    /// UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?
    private mutating func parseUnionTypeDefinition() throws(GraphQLError) -> UnionTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinition(
            description: description, name: name, directives: directives, types: types,
            location: location(from: start))
    }

    /// UnionMemberTypes : = `|`? NamedType | UnionMemberTypes | NamedType
    private mutating func parseUnionMemberTypes() throws(GraphQLError) -> [NamedType] {
        guard try expectOptional(.equals) else { return [] }
        return try parseDelimited(by: .pipe) { parser throws(GraphQLError) in try parser.parseNamedType() }
    }

    /// EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?
    private mutating func parseEnumTypeDefinition() throws(GraphQLError) -> EnumTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        return EnumTypeDefinition(
            description: description, name: name, directives: directives, values: values,
            location: location(from: start))
    }

    /// EnumValuesDefinition : { EnumValueDefinition+ }
    private mutating func parseEnumValuesDefinition() throws(GraphQLError) -> [EnumValueDefinition] {
        guard try expectOptional(.braceL) else { return [] }
        var values: [EnumValueDefinition] = []
        repeat {
            let start = token.start
            let description = try parseDescription()
            let name = try parseEnumValueName()
            let directives = try parseDirectives(isConst: true)
            values.append(
                EnumValueDefinition(
                    description: description, name: name, directives: directives, location: location(from: start)))
        } while try !expectOptional(.braceR)
        return values
    }

    /// EnumValue : Name but not `true`, `false` or `null`
    private mutating func parseEnumValueName() throws(GraphQLError) -> Name {
        switch token.value {
        case "true", "false", "null":
            throw syntaxError(
                at: token.start, "\(token.displayDescription) is reserved and cannot be used for an enum value.")
        default:
            return try parseName()
        }
    }

    /// InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?
    private mutating func parseInputObjectTypeDefinition() throws(GraphQLError) -> InputObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinition(
            description: description, name: name, directives: directives, fields: fields,
            location: location(from: start))
    }

    /// InputFieldsDefinition : { InputValueDefinition+ }
    private mutating func parseInputFieldsDefinition() throws(GraphQLError) -> [InputValueDefinition] {
        guard try expectOptional(.braceL) else { return [] }
        var fields: [InputValueDefinition] = []
        repeat {
            fields.append(try parseInputValueDefinition())
        } while try !expectOptional(.braceR)
        return fields
    }

    /// DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
    private mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try parseDelimited(by: .pipe) { parser throws(GraphQLError) in
            try parser.parseDirectiveLocation()
        }
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, repeatable: repeatable,
            locations: locations, location: location(from: start))
    }

    /// DirectiveLocation : one of the names in `DirectiveLocation`
    private mutating func parseDirectiveLocation() throws(GraphQLError) -> Name {
        let start = token
        let name = try parseName()
        guard DirectiveLocation(rawValue: name.value) != nil else { throw unexpected(start) }
        return name
    }

    // MARK: - Type system extensions

    /// TypeSystemExtension : SchemaExtension | TypeExtension
    private mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
        let keyword = try lookahead()
        if keyword.kind == .name {
            switch keyword.value {
            case "schema": return .schemaExtension(try parseSchemaExtension())
            case "scalar": return .typeExtension(.scalar(try parseScalarTypeExtension()))
            case "type": return .typeExtension(.object(try parseObjectTypeExtension()))
            case "interface": return .typeExtension(.interface(try parseInterfaceTypeExtension()))
            case "union": return .typeExtension(.union(try parseUnionTypeExtension()))
            case "enum": return .typeExtension(.enumType(try parseEnumTypeExtension()))
            case "input": return .typeExtension(.inputObject(try parseInputObjectTypeExtension()))
            default: break
            }
        }
        throw unexpected(keyword)
    }

    /// SchemaExtension : extend schema Directives[Const]? { RootOperationTypeDefinition+ }
    ///   | extend schema Directives[Const]
    private mutating func parseSchemaExtension() throws(GraphQLError) -> SchemaExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        var operationTypes: [OperationTypeDefinition] = []
        if try expectOptional(.braceL) {
            repeat {
                operationTypes.append(try parseOperationTypeDefinition())
            } while try !expectOptional(.braceR)
        }
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected(token) }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, location: location(from: start))
    }

    /// ScalarTypeExtension : extend scalar Name Directives[Const]
    private mutating func parseScalarTypeExtension() throws(GraphQLError) -> ScalarTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        if directives.isEmpty { throw unexpected(token) }
        return ScalarTypeDefinition(name: name, directives: directives, location: location(from: start))
    }

    /// ObjectTypeExtension : extend type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///   | extend type Name ImplementsInterfaces? Directives[Const] | extend type Name ImplementsInterfaces
    private mutating func parseObjectTypeExtension() throws(GraphQLError) -> ObjectTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected(token) }
        return ObjectTypeDefinition(
            name: name, interfaces: interfaces, directives: directives, fields: fields,
            location: location(from: start))
    }

    /// InterfaceTypeExtension : extend interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///   | extend interface Name ImplementsInterfaces? Directives[Const] | extend interface Name ImplementsInterfaces
    private mutating func parseInterfaceTypeExtension() throws(GraphQLError) -> InterfaceTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected(token) }
        return InterfaceTypeDefinition(
            name: name, interfaces: interfaces, directives: directives, fields: fields,
            location: location(from: start))
    }

    /// UnionTypeExtension : extend union Name Directives[Const]? UnionMemberTypes | extend union Name Directives[Const]
    private mutating func parseUnionTypeExtension() throws(GraphQLError) -> UnionTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        if directives.isEmpty && types.isEmpty { throw unexpected(token) }
        return UnionTypeDefinition(name: name, directives: directives, types: types, location: location(from: start))
    }

    /// EnumTypeExtension : extend enum Name Directives[Const]? EnumValuesDefinition | extend enum Name Directives[Const]
    private mutating func parseEnumTypeExtension() throws(GraphQLError) -> EnumTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValuesDefinition()
        if directives.isEmpty && values.isEmpty { throw unexpected(token) }
        return EnumTypeDefinition(name: name, directives: directives, values: values, location: location(from: start))
    }

    /// InputObjectTypeExtension : extend input Name Directives[Const]? InputFieldsDefinition
    ///   | extend input Name Directives[Const]
    private mutating func parseInputObjectTypeExtension() throws(GraphQLError) -> InputObjectTypeDefinition {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        if directives.isEmpty && fields.isEmpty { throw unexpected(token) }
        return InputObjectTypeDefinition(
            name: name, directives: directives, fields: fields, location: location(from: start))
    }

    // MARK: - Token helpers

    @inline(__always)
    private func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Consumes the current token and reads the next, counting it against `maxTokens`.
    private mutating func advance() throws(GraphQLError) {
        lastEnd = token.end
        token = try lexer.next()
        if token.kind != .endOfFile, let maxTokens = options.maxTokens {
            tokenCount += 1
            if tokenCount > maxTokens {
                throw syntaxError(
                    at: token.start, "Document contains more than \(maxTokens) tokens. Parsing aborted.")
            }
        }
    }

    /// The token after the current one, without consuming anything.
    private func lookahead() throws(GraphQLError) -> Token {
        if token.kind == .endOfFile { return token }
        var copy = lexer
        return try copy.next()
    }

    /// Consumes a token of `kind` or fails with "Expected …, found …".
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw syntaxError(at: current.start, "Expected \(kind.displayName), found \(current.displayDescription).")
        }
        try advance()
        return current
    }

    /// Consumes a token of `kind` if it is next.
    private mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Consumes the name `keyword` or fails with `Expected "keyword", found …`.
    private mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
        guard token.kind == .name, token.value == keyword else {
            throw syntaxError(at: token.start, "Expected \"\(keyword)\", found \(token.displayDescription).")
        }
        try advance()
    }

    private mutating func expectOptionalKeyword(_ keyword: String) throws(GraphQLError) -> Bool {
        guard token.kind == .name, token.value == keyword else { return false }
        try advance()
        return true
    }

    /// `delimiter`? item (delimiter item)*
    private mutating func parseDelimited<Node>(
        by delimiter: TokenKind, _ parseItem: (inout Parser) throws(GraphQLError) -> Node
    ) throws(GraphQLError) -> [Node] {
        _ = try expectOptional(delimiter)
        var nodes: [Node] = []
        repeat {
            nodes.append(try parseItem(&self))
        } while try expectOptional(delimiter)
        return nodes
    }

    /// Counts one more level of nesting, failing past `maxDepth`.
    private mutating func enterNesting() throws(GraphQLError) {
        depth += 1
        if let maxDepth = options.maxDepth, depth > maxDepth {
            throw syntaxError(
                at: token.start, "Document is nested more than \(maxDepth) levels deep. Parsing aborted.")
        }
    }

    private func location(from start: Int) -> Location {
        Location(start: start, end: lastEnd)
    }

    private func unexpected(_ token: Token) -> GraphQLError {
        syntaxError(at: token.start, "Unexpected \(token.displayDescription).")
    }

    private func syntaxError(at offset: Int, _ description: String) -> GraphQLError {
        lexer.syntaxError(at: offset, description)
    }
}
