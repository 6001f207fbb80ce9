import GraphQLLanguage

/// The spec's type-system validation of a schema, as graphql-js's `validateSchema` reports
/// it: every error, with the same messages, locations and order.
///
/// The result is computed once, when the schema is made, and kept on it.
public func validateSchema(_ schema: Schema) -> [GraphQLError] {
    schema.validationErrors
}

/// Checks the rules of the type system (spec §3 "Type System"): root types, directives, and
/// each named type in type-map order.
struct SchemaValidator {
    let rootTypes: [OperationType: GraphQLNamedType]
    let types: [GraphQLNamedType]
    let directives: [GraphQLDirective]
    let astNode: SchemaDefinition?
    let extensionASTNodes: [SchemaExtension]
    let implementations: [String: Schema.Implementations]
    let subTypes: [String: Set<String>]
    let source: Source?
    /// The schema's own introspection types: their `__` names are theirs by right.
    let introspectionTypes: [GraphQLNamedType]
    private var errors: [GraphQLError] = []

    init(
        rootTypes: [OperationType: GraphQLNamedType], types: [GraphQLNamedType], directives: [GraphQLDirective],
        astNode: SchemaDefinition?, extensionASTNodes: [SchemaExtension],
        implementations: [String: Schema.Implementations], subTypes: [String: Set<String>], source: Source?,
        introspectionTypes: [GraphQLNamedType] = []
    ) {
        self.introspectionTypes = introspectionTypes
        self.rootTypes = rootTypes
        self.types = types
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
        self.implementations = implementations
        self.subTypes = subTypes
        self.source = source
    }

    consuming func validate() -> [GraphQLError] {
        validateRootTypes()
        validateDirectives()
        validateTypes()
        return errors
    }

    mutating func report(_ message: String, at locations: [Location?]) {
        errors.append(GraphQLError(message, in: source, at: locations.compactMap { $0 }))
    }

    // MARK: - Root operation types (spec §3.3.1)

    private mutating func validateRootTypes() {
        var operationsByRoot: [(ObjectType, [OperationType])] = []
        for operation in OperationType.allCases {
            guard let root = rootTypes[operation] else {
                if operation == .query { report("Query root type must be provided.", at: [astNode?.location]) }
                continue
            }
            guard case .object(let object) = root else {
                let kind = operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
                let ifProvided = operation == .query ? "" : " if provided"
                report(
                    "\(kind) root type must be Object type\(ifProvided), it cannot be \(root.name).",
                    at: [operationTypeNode(operation)?.location ?? root.definitionNode?.location])
                continue
            }
            if let index = operationsByRoot.firstIndex(where: { $0.0 === object }) {
                operationsByRoot[index].1.append(operation)
            } else {
                operationsByRoot.append((object, [operation]))
            }
        }
        // Spec §3.3.1: root types must be distinct. (graphql-js 17 checks this; 16 does not.)
        for (root, operations) in operationsByRoot where operations.count > 1 {
            report(
                "All root types must be different, \"\(root.name)\" type is used as \(andList(operations.map(\.rawValue))) root types.",
                at: operations.map { operationTypeNode($0)?.location })
        }
    }

    private func operationTypeNode(_ operation: OperationType) -> NamedType? {
        let nodes = (astNode?.operationTypes ?? []) + extensionASTNodes.flatMap(\.operationTypes)
        return nodes.first { $0.operation == operation }?.type
    }

    // MARK: - Directives (spec §3.13)

    private mutating func validateDirectives() {
        for directive in directives {
            validateName(directive.name, at: directive.astNode?.location)
            for argument in directive.arguments {
                validateName(argument.name, at: argument.astNode?.location)
                if !argument.type.isInputType {
                    report(
                        "The type of @\(directive.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        at: [argument.astNode?.location])
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report(
                        "Required argument @\(directive.name)(\(argument.name):) cannot be deprecated.",
                        at: [deprecatedDirective(argument.astNode?.directives)?.location, argument.astNode?.type.location])
                }
            }
        }
    }

    mutating func validateName(_ name: String, at location: Location?) {
        if name.hasPrefix("__") {
            report(
                "Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                at: [location])
        }
    }

    func deprecatedDirective(_ directives: [Directive]?) -> Directive? {
        directives?.first { $0.name.value == GraphQLDirective.deprecated.name }
    }

    // MARK: - Named types (spec §3.4 – §3.10)

    private mutating func validateTypes() {
        var cycles = InputObjectCycleDetector()
        for type in types {
            if introspectionTypes.contains(type) { continue }
            validateName(type.name, at: type.definitionNode?.location)
            switch type {
            case .object(let object):
                validateFields(of: type, object.fields)
                validateInterfaces(of: type)
            case .interface(let interface):
                validateFields(of: type, interface.fields)
                validateInterfaces(of: type)
            case .union(let union):
                validateMembers(of: union, type)
            case .enumType(let enumType):
                if enumType.values.isEmpty {
                    report("Enum type \(enumType.name) must define one or more values.", at: type.allNodeLocations)
                }
                for value in enumType.values {
                    validateName(value.name, at: value.astNode?.location)
                }
            case .inputObject(let inputObject):
                validateInputFields(of: inputObject, type)
                cycles.detect(from: inputObject, &self)
            case .scalar:
                break
            }
        }
    }

    private mutating func validateFields(of type: GraphQLNamedType, _ fields: [GraphQLField]) {
        if fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", at: type.allNodeLocations)
        }
        for field in fields {
            validateName(field.name, at: field.astNode?.location)
            if !field.type.isOutputType {
                report(
                    "The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).",
                    at: [field.astNode?.type.location])
            }
            for argument in field.arguments {
                validateName(argument.name, at: argument.astNode?.location)
                if !argument.type.isInputType {
                    report(
                        "The type of \(type.name).\(field.name)(\(argument.name):) must be Input Type but got: \(argument.type).",
                        at: [argument.astNode?.type.location])
                }
                if argument.isRequired && argument.deprecationReason != nil {
                    report(
                        "Required argument \(type.name).\(field.name)(\(argument.name):) cannot be deprecated.",
                        at: [deprecatedDirective(argument.astNode?.directives)?.location, argument.astNode?.type.location])
                }
            }
        }
    }

    private mutating func validateMembers(of union: UnionType, _ type: GraphQLNamedType) {
        if union.types.isEmpty {
            report("Union type \(union.name) must define one or more member types.", at: type.allNodeLocations)
        }
        var included: Set<String> = []
        for member in union.types {
            guard included.insert(member.name).inserted else {
                report(
                    "Union type \(union.name) can only include type \(member.name) once.",
                    at: memberNodes(of: union, named: member.name))
                continue
            }
            if case .object = member { continue }
            report(
                "Union type \(union.name) can only include Object types, it cannot include \(member.name).",
                at: memberNodes(of: union, named: member.name))
        }
    }

    private func memberNodes(of union: UnionType, named name: String) -> [Location] {
        ((union.astNode.map { [$0] } ?? []) + union.extensionASTNodes).flatMap(\.types)
            .filter { $0.name.value == name }.map(\.location)
    }

    private mutating func validateInputFields(of inputObject: InputObjectType, _ type: GraphQLNamedType) {
        if inputObject.fields.isEmpty {
            report("Input Object type \(inputObject.name) must define one or more fields.", at: type.allNodeLocations)
        }
        for field in inputObject.fields {
            validateName(field.name, at: field.astNode?.location)
            if !field.type.isInputType {
                report(
                    "The type of \(inputObject.name).\(field.name) must be Input Type but got: \(field.type).",
                    at: [field.astNode?.type.location])
            }
            if field.isRequired && field.deprecationReason != nil {
                report(
                    "Required input field \(inputObject.name).\(field.name) cannot be deprecated.",
                    at: [deprecatedDirective(field.astNode?.directives)?.location, field.astNode?.type.location])
            }
            if inputObject.isOneOf {
                // Spec §3.10.1: OneOf fields are nullable and have no default (graphql-js 16.9+).
                if field.type.isNonNull {
                    report(
                        "OneOf input field \(inputObject.name).\(field.name) must be nullable.",
                        at: [field.astNode?.type.location])
                }
                if field.defaultValue != nil {
                    report(
                        "OneOf input field \(inputObject.name).\(field.name) cannot have a default value.",
                        at: [field.astNode?.location])
                }
            }
        }
    }
}

/// "a", "a and b", "a, b, and c".
func andList(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    case 2: return items[0] + " and " + items[1]
    default: return items.dropLast().joined(separator: ", ") + ", and " + items.last!
    }
}
