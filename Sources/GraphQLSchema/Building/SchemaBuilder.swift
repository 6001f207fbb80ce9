import GraphQLLanguage

/// Turns the type-system definitions of a document into a schema: what graphql-js's
/// `extendSchemaImpl` does starting from an empty schema.
///
/// Types are made first as empty shells so that fields can refer to any of them, then filled
/// in; default values come last, once the input types they depend on are complete.
struct SchemaBuilder {
    let source: Source?
    private var typeDefinitions: [String: TypeDefinition] = [:]
    private var typeOrder: [String] = []
    private var extensions: [String: [TypeExtension]] = [:]
    private var directiveDefinitions: [DirectiveDefinition] = []
    private var schemaDefinition: SchemaDefinition?
    private var schemaExtensions: [SchemaExtension] = []
    private var types: [String: GraphQLNamedType] = [:]
    private var defaultsState: [String: DefaultsState] = [:]

    private enum DefaultsState { case inProgress, done }

    init(document: Document, source: Source?) {
        self.source = source
        for definition in document.definitions {
            switch definition {
            case .schema(let node):
                schemaDefinition = node
            case .schemaExtension(let node):
                schemaExtensions.append(node)
            case .type(let node):
                let name = node.name.value
                if typeDefinitions[name] == nil { typeOrder.append(name) }
                typeDefinitions[name] = node
            case .typeExtension(let node):
                extensions[node.name.value, default: []].append(node)
            case .directive(let node):
                directiveDefinitions.append(node)
            case .operation, .fragment:
                break
            }
        }
    }

    mutating func build(includingIntrospection: Bool = true) throws(GraphQLError) -> Schema {
        for name in typeOrder {
            types[name] = makeShell(typeDefinitions[name]!)
        }
        for name in typeOrder {
            try complete(types[name]!, from: typeDefinitions[name]!)
        }
        for name in typeOrder {
            if case .inputObject(let inputObject) = types[name]! {
                resolveDefaults(of: inputObject)
            }
        }
        for name in typeOrder {
            switch types[name]! {
            case .object(let object):
                object.fields = object.fields.map { resolveArgumentDefaults($0) }
            case .interface(let interface):
                interface.fields = interface.fields.map { resolveArgumentDefaults($0) }
            default:
                break
            }
        }

        var directives: [GraphQLDirective] = []
        for node in directiveDefinitions {
            directives.append(try buildDirective(node))
        }
        for specified in GraphQLDirective.specifiedDirectives
        where !directives.contains(where: { $0.name == specified.name }) {
            directives.append(specified)
        }

        var rootTypes: [OperationType: GraphQLNamedType] = [:]
        let operationNodes = (schemaDefinition?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes)
        for node in operationNodes {
            rootTypes[node.operation] = try namedType(node.type)
        }
        if schemaDefinition == nil {
            // As graphql-js does, the conventional names win even over `extend schema`.
            for operation in OperationType.allCases {
                let name = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
                if let type = types[name] { rootTypes[operation] = type }
            }
        }

        return Schema(
            description: schemaDefinition?.description?.value, rootTypes: rootTypes,
            types: typeOrder.map { types[$0]! }, directives: directives, astNode: schemaDefinition,
            extensionASTNodes: schemaExtensions, source: source,
            includingIntrospection: includingIntrospection
        )
    }

    // MARK: - Types

    private func makeShell(_ definition: TypeDefinition) -> GraphQLNamedType {
        let name = definition.name.value
        if let specified = ScalarType.specifiedScalar(named: name) { return .scalar(specified) }
        let description = definition.description?.value
        let extensionNodes = extensions[name] ?? []
        switch definition {
        case .scalar(let node):
            return .scalar(
                ScalarType(
                    name: name, description: description, astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .scalar(let e) = $0 { e } else { nil } }))
        case .object(let node):
            return .object(
                ObjectType(
                    name: name, description: description, astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .object(let e) = $0 { e } else { nil } }))
        case .interface(let node):
            return .interface(
                InterfaceType(
                    name: name, description: description, astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .interface(let e) = $0 { e } else { nil } }))
        case .union(let node):
            return .union(
                UnionType(
                    name: name, description: description, astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .union(let e) = $0 { e } else { nil } }))
        case .enumType(let node):
            return .enumType(
                EnumType(
                    name: name, description: description, astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .enumType(let e) = $0 { e } else { nil } }))
        case .inputObject(let node):
            return .inputObject(
                InputObjectType(
                    name: name, description: description, isOneOf: node.directives.contains { $0.name.value == "oneOf" },
                    astNode: node,
                    extensionASTNodes: extensionNodes.compactMap { if case .inputObject(let e) = $0 { e } else { nil } }))
        }
    }

    /// Fills in a type's members from its definition and extensions (defaults excepted).
    private func complete(_ type: GraphQLNamedType, from definition: TypeDefinition) throws(GraphQLError) {
        switch type {
        case .scalar(let scalar):
            guard let node = scalar.astNode else { return }
            scalar.specifiedByURL = try directiveValues(.specifiedBy, on: node.directives)?["url"]?.stringValue
        case .object(let object):
            guard let node = object.astNode else { return }
            let nodes = [node] + object.extensionASTNodes
            object.interfaces = try nodes.flatMap(\.interfaces).map { (node) throws(GraphQLError) in try namedType(node) }
            object.fields = try buildFields(nodes.flatMap(\.fields))
        case .interface(let interface):
            guard let node = interface.astNode else { return }
            let nodes = [node] + interface.extensionASTNodes
            interface.interfaces = try nodes.flatMap(\.interfaces).map { (node) throws(GraphQLError) in
                try namedType(node)
            }
            interface.fields = try buildFields(nodes.flatMap(\.fields))
        case .union(let union):
            guard let node = union.astNode else { return }
            union.types = try ([node] + union.extensionASTNodes).flatMap(\.types).map { (node) throws(GraphQLError) in
                try namedType(node)
            }
        case .enumType(let enumType):
            guard let node = enumType.astNode else { return }
            var values: [EnumType.Value] = []
            for valueNode in ([node] + enumType.extensionASTNodes).flatMap(\.values) {
                let value = EnumType.Value(
                    name: valueNode.name.value, description: valueNode.description?.value,
                    deprecationReason: try deprecationReason(valueNode.directives), astNode: valueNode)
                values.replaceOrAppend(value, named: value.name)
            }
            enumType.values = values
        case .inputObject(let inputObject):
            guard let node = inputObject.astNode else { return }
            inputObject.fields = try buildInputValues(([node] + inputObject.extensionASTNodes).flatMap(\.fields))
        }
    }

    private func buildFields(_ nodes: [FieldDefinition]) throws(GraphQLError) -> [GraphQLField] {
        var fields: [GraphQLField] = []
        for node in nodes {
            let field = GraphQLField(
                name: node.name.value, description: node.description?.value, type: try wrappedType(node.type),
                arguments: try buildInputValues(node.arguments),
                deprecationReason: try deprecationReason(node.directives), astNode: node)
            fields.replaceOrAppend(field, named: field.name)
        }
        return fields
    }

    /// Arguments or input fields, without their default values yet.
    private func buildInputValues(_ nodes: [InputValueDefinition]) throws(GraphQLError) -> [InputValue] {
        var values: [InputValue] = []
        for node in nodes {
            let value = InputValue(
                name: node.name.value, description: node.description?.value, type: try wrappedType(node.type),
                deprecationReason: try deprecationReason(node.directives), astNode: node)
            values.replaceOrAppend(value, named: value.name)
        }
        return values
    }

    private mutating func buildDirective(_ node: DirectiveDefinition) throws(GraphQLError) -> GraphQLDirective {
        var arguments = try buildInputValues(node.arguments)
        for index in arguments.indices {
            arguments[index] = resolveDefault(of: arguments[index])
        }
        return GraphQLDirective(
            name: node.name.value, description: node.description?.value,
            locations: node.locations.compactMap { DirectiveLocation(rawValue: $0.value) }, arguments: arguments,
            isRepeatable: node.repeatable, astNode: node)
    }

    private func namedType(_ node: NamedType) throws(GraphQLError) -> GraphQLNamedType {
        let name = node.name.value
        if let specified = ScalarType.specifiedScalar(named: name) { return .scalar(specified) }
        guard let type = types[name] else { throw GraphQLError(message: "Unknown type: \"\(name)\".") }
        return type
    }

    private func wrappedType(_ node: TypeReference) throws(GraphQLError) -> GraphQLType {
        switch node {
        case .named(let named): .named(try namedType(named))
        case .list(let inner, _): .list(try wrappedType(inner))
        case .nonNull(let inner, _): .nonNull(try wrappedType(inner))
        }
    }

    // MARK: - Default values

    /// Computes the defaults of an input object's fields, after those of the input objects
    /// their literals may mention. A cycle sees the fields not yet done as having no default.
    private mutating func resolveDefaults(of inputObject: InputObjectType) {
        guard defaultsState[inputObject.name] == nil else { return }
        defaultsState[inputObject.name] = .inProgress
        var fields = inputObject.fields
        for index in fields.indices {
            fields[index] = resolveDefault(of: fields[index])
            inputObject.fields[index] = fields[index]
        }
        defaultsState[inputObject.name] = .done
    }

    private mutating func resolveDefault(of value: InputValue) -> InputValue {
        guard let literal = value.astNode?.defaultValue else { return value }
        resolveInputObjects(in: value.type.namedType)
        var resolved = value
        resolved.defaultValue = valueFromAST(literal, type: value.type)
        if let coerced = resolved.defaultValue, coerced.exceedsDepth(Self.maxDefaultValueDepth) {
            // Defaults filled into defaults can nest without bound along a chain of input
            // types; past this depth the default is dropped rather than risk the stack of
            // whoever walks it (graphql-js overflows its own stack here).
            resolved.defaultValue = nil
        }
        return resolved
    }

    /// The deepest nesting of lists and objects a default value may have.
    static let maxDefaultValueDepth = 128

    /// Completes the defaults of every input object a literal of `type` may reach, those
    /// further away first: a depth-first post-order walk, kept on an explicit stack so that
    /// long chains of input types cannot exhaust the call stack.
    private mutating func resolveInputObjects(in type: GraphQLNamedType) {
        guard case .inputObject(let start) = type, defaultsState[start.name] == nil else { return }
        var seen: Set<String> = [start.name]
        var stack: [(inputObject: InputObjectType, nextField: Int)] = [(start, 0)]
        while let (inputObject, nextField) = stack.last {
            if nextField < inputObject.fields.count {
                stack[stack.count - 1].nextField += 1
                if case .inputObject(let fieldType) = inputObject.fields[nextField].type.namedType,
                    defaultsState[fieldType.name] == nil, seen.insert(fieldType.name).inserted
                {
                    stack.append((fieldType, 0))
                }
            } else {
                stack.removeLast()
                resolveDefaults(of: inputObject)
            }
        }
    }

    private mutating func resolveArgumentDefaults(_ field: GraphQLField) -> GraphQLField {
        var resolved = field
        resolved.arguments = field.arguments.map { resolveDefault(of: $0) }
        return resolved
    }

    // MARK: - Directive values

    private func deprecationReason(_ directives: [Directive]) throws(GraphQLError) -> String? {
        try directiveValues(.deprecated, on: directives)?["reason"]?.stringValue
    }

    /// The arguments of the first use of `directive` among `nodes`, coerced as graphql-js's
    /// `getDirectiveValues` does; `nil` when the directive is not used.
    private func directiveValues(
        _ directive: GraphQLDirective, on nodes: [Directive]
    ) throws(GraphQLError) -> [String: CoercedValue]? {
        guard let node = nodes.first(where: { $0.name.value == directive.name }) else { return nil }
        var values: [String: CoercedValue] = [:]
        for argument in directive.arguments {
            guard let argumentNode = node.arguments.last(where: { $0.name.value == argument.name }) else {
                if let defaultValue = argument.defaultValue {
                    values[argument.name] = defaultValue
                } else if argument.type.isNonNull {
                    throw GraphQLError(
                        "Argument \"\(argument.name)\" of required type \"\(argument.type)\" was not provided.",
                        in: source, at: [node.location])
                }
                continue
            }
            if case .null = argumentNode.value, argument.type.isNonNull {
                throw GraphQLError(
                    "Argument \"\(argument.name)\" of non-null type \"\(argument.type)\" must not be null.",
                    in: source, at: [argumentNode.value.location])
            }
            guard let value = valueFromAST(argumentNode.value, type: argument.type) else {
                throw GraphQLError(
                    "Argument \"\(argument.name)\" has invalid value \(Printer.print(argumentNode.value)).",
                    in: source, at: [argumentNode.value.location])
            }
            values[argument.name] = value
        }
        return values
    }
}

extension CoercedValue {
    /// The text of a string value.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

extension Array {
    /// Replaces the element with the same name, keeping its position, or appends: how a
    /// JavaScript object keyed by name keeps a repeated key.
    mutating func replaceOrAppend(_ element: Element, named name: String) where Element: NamedMember {
        if let index = firstIndex(where: { $0.name == name }) {
            self[index] = element
        } else {
            append(element)
        }
    }
}

/// Members of ordered lists that JavaScript would key by name.
protocol NamedMember {
    var name: String { get }
}

extension GraphQLField: NamedMember {}
extension InputValue: NamedMember {}
extension EnumType.Value: NamedMember {}
