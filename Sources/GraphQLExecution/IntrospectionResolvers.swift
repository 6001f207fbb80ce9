import GraphQLLanguage
import GraphQLSchema

/// The values introspection objects stand for. Each is a class, so that a parent hands it
/// to its sub-fields as one reference, and resolvers read one member in place instead of
/// copying the definition (and its AST nodes) out.
final class IntrospectedSchema: Sendable {
    let schema: Schema
    init(_ schema: Schema) { self.schema = schema }
}

final class IntrospectedType: Sendable {
    let type: GraphQLType
    init(_ type: GraphQLType) { self.type = type }
}

/// A field, input value, enum value or directive as introspection describes it: the list it
/// belongs to (one reference, shared by its siblings) and its position there. Resolvers read
/// `member` in place; a copy of each definition (with its AST node) cost a dozen reference
/// counts per introspected member.
final class IntrospectedMember<Member: Sendable>: Sendable {
    let members: [Member]
    let index: Int
    init(_ members: [Member], _ index: Int) {
        self.members = members
        self.index = index
    }

    var member: Member {
        _read { yield members[index] }
    }

    /// The members to describe, in order: all, or those `isDeprecated` leaves out.
    static func describe(
        _ members: [Member], typeName: String, includeDeprecated: Bool, isDeprecated: (Member) -> Bool
    ) -> FieldValue {
        var described: [FieldValue] = []
        described.reserveCapacity(members.count)
        for index in members.indices where includeDeprecated || !isDeprecated(members[index]) {
            described.append(.object(IntrospectedMember(members, index), typeName: typeName))
        }
        return .list(described)
    }
}

typealias IntrospectedField = IntrospectedMember<GraphQLField>
typealias IntrospectedInputValue = IntrospectedMember<InputValue>
typealias IntrospectedEnumValue = IntrospectedMember<EnumType.Value>
typealias IntrospectedDirective = IntrospectedMember<GraphQLDirective>

/// The resolvers of the introspection types and meta-fields (spec §4.2).
enum IntrospectionResolvers {
    static let typeName = FieldResolver { _, _, info in .json(.string(info.parentType.name)) }

    static let schema = FieldResolver { _, _, info in
        .object(IntrospectedSchema(info.schema), typeName: "__Schema")
    }

    static let type = FieldResolver { _, arguments, info in
        guard case .string(let name)? = arguments["name"], let named = info.schema.type(named: name) else {
            return .null
        }
        return describe(.named(named))
    }

    static func describe(_ type: GraphQLType) -> FieldValue {
        .object(IntrospectedType(type), typeName: "__Type")
    }

    static func describe(_ types: [GraphQLNamedType]) -> FieldValue {
        .list(types.map { describe(.named($0)) })
    }

    /// The resolver of `typeName.fieldName` for an introspection type.
    static func field(_ typeName: String, _ fieldName: String) -> FieldResolver? {
        resolvers[typeName]?[fieldName]
    }

    private static let resolvers: [String: [String: FieldResolver]] = [
        "__Schema": [
            "description": schemaField { .string($0.description) },
            "types": schemaField { schema in
                let own = schema.types
                let names = Set(own.map(\.name))
                return describe(own + Introspection.types.filter { !names.contains($0.name) })
            },
            "queryType": schemaField { $0.queryType.map { describe(.named(.object($0))) } ?? .null },
            "mutationType": schemaField { $0.mutationType.map { describe(.named(.object($0))) } ?? .null },
            "subscriptionType": schemaField { $0.subscriptionType.map { describe(.named(.object($0))) } ?? .null },
            "directives": schemaField { schema in
                IntrospectedDirective.describe(
                    schema.directives, typeName: "__Directive", includeDeprecated: true, isDeprecated: { _ in false })
            },
        ],
        "__Type": [
            "kind": typeField { type, _, _ in .json(.string(kind(of: type))) },
            "name": typeField { type, _, _ in
                if case .named(let named) = type { return .json(.string(named.name)) }
                return .null
            },
            "description": typeField { type, _, _ in
                if case .named(let named) = type { return .string(named.typeDescription) }
                return .null
            },
            "specifiedByURL": typeField { type, _, _ in
                if case .named(.scalar(let scalar)) = type { return .string(scalar.specifiedByURL) }
                return .null
            },
            "fields": typeField { type, arguments, _ in
                let fields: [GraphQLField]
                switch type {
                case .named(.object(let object)): fields = object.fields
                case .named(.interface(let interface)): fields = interface.fields
                default: return .null
                }
                return IntrospectedField.describe(
                    fields, typeName: "__Field", includeDeprecated: includeDeprecated(arguments),
                    isDeprecated: \.isDeprecated)
            },
            "interfaces": typeField { type, _, _ in
                switch type {
                case .named(.object(let object)): return describe(object.interfaces)
                case .named(.interface(let interface)): return describe(interface.interfaces)
                default: return .null
                }
            },
            "possibleTypes": typeField { type, _, schema in
                switch type {
                case .named(let named) where named.isAbstractType:
                    return describe(schema.possibleTypes(of: named).map { .object($0) })
                default: return .null
                }
            },
            "enumValues": typeField { type, arguments, _ in
                guard case .named(.enumType(let enumType)) = type else { return .null }
                return IntrospectedEnumValue.describe(
                    enumType.values, typeName: "__EnumValue", includeDeprecated: includeDeprecated(arguments),
                    isDeprecated: \.isDeprecated)
            },
            "inputFields": typeField { type, arguments, _ in
                guard case .named(.inputObject(let inputObject)) = type else { return .null }
                return describeInputValues(inputObject.fields, arguments)
            },
            "ofType": typeField { type, _, _ in
                switch type {
                case .list(let inner), .nonNull(let inner): return describe(inner)
                case .named: return .null
                }
            },
            "isOneOf": typeField { type, _, _ in
                guard case .named(.inputObject(let inputObject)) = type else { return .null }
                return .json(.boolean(inputObject.isOneOf))
            },
        ],
        "__Field": [
            "name": fieldField { .json(.string($0.member.name)) },
            "description": fieldField { .string($0.member.description) },
            "args": FieldResolver { parent, arguments, _ in
                guard let introspected = parent.payload(as: IntrospectedField.self) else { return .null }
                return describeInputValues(introspected.member.arguments, arguments)
            },
            "type": fieldField { describe($0.member.type) },
            "isDeprecated": fieldField { .json(.boolean($0.member.deprecationReason != nil)) },
            "deprecationReason": fieldField { .string($0.member.deprecationReason) },
        ],
        "__InputValue": [
            "name": inputValueField { .json(.string($0.member.name)) },
            "description": inputValueField { .string($0.member.description) },
            "type": inputValueField { describe($0.member.type) },
            "defaultValue": FieldResolver { parent, _, _ in
                guard let inputValue = parent.payload(as: IntrospectedInputValue.self)?.member,
                    let defaultValue = inputValue.defaultValue
                else { return .null }
                // A default that overflowed to ±Infinity has no literal: graphql-js reports it.
                if let number = nonFiniteNumber(in: defaultValue) {
                    let text = number.javaScriptDescription
                    if case .scalar(let scalar) = inputValue.type.namedType, scalar === ScalarType.float {
                        throw GraphQLError(message: "Float cannot represent non numeric value: \(text)")
                    }
                    throw GraphQLError(message: "Cannot convert value to AST: \(text).")
                }
                // Nor has a list or object held by a custom scalar, in graphql-js's astFromValue.
                if let value = structuredCustomScalarValue(in: defaultValue, type: inputValue.type) {
                    throw GraphQLError(message: "Cannot convert value to AST: \(inspect(value)).")
                }
                guard let literal = astFromValue(defaultValue, type: inputValue.type) else { return .null }
                return .json(.string(Printer.print(literal)))
            },
            "isDeprecated": inputValueField { .json(.boolean($0.member.deprecationReason != nil)) },
            "deprecationReason": inputValueField { .string($0.member.deprecationReason) },
        ],
        "__EnumValue": [
            "name": enumValueField { .json(.string($0.member.name)) },
            "description": enumValueField { .string($0.member.description) },
            "isDeprecated": enumValueField { .json(.boolean($0.member.deprecationReason != nil)) },
            "deprecationReason": enumValueField { .string($0.member.deprecationReason) },
        ],
        "__Directive": [
            "name": directiveField { .json(.string($0.member.name)) },
            "description": directiveField { .string($0.member.description) },
            "isRepeatable": directiveField { .json(.boolean($0.member.isRepeatable)) },
            "locations": directiveField { .list($0.member.locations.map { .json(.string($0.rawValue)) }) },
            "args": FieldResolver { parent, arguments, _ in
                guard let introspected = parent.payload(as: IntrospectedDirective.self) else { return .null }
                return describeInputValues(introspected.member.arguments, arguments)
            },
        ],
    ]

    /// A list or object where `type` has a custom scalar, if `value` holds one.
    private static func structuredCustomScalarValue(in value: CoercedValue, type: GraphQLType) -> CoercedValue? {
        switch type {
        case .nonNull(let inner):
            return structuredCustomScalarValue(in: value, type: inner)
        case .list(let itemType):
            guard case .list(let items) = value else { return structuredCustomScalarValue(in: value, type: itemType) }
            return items.lazy.compactMap { structuredCustomScalarValue(in: $0, type: itemType) }.first
        case .named(.scalar(let scalar)) where !scalar.isSpecifiedScalar:
            switch value {
            case .list, .object: return value
            default: return nil
            }
        case .named(.inputObject(let inputObject)):
            guard case .object(let entries) = value else { return nil }
            return entries.lazy.compactMap { entry in
                inputObject.field(named: entry.name).flatMap { structuredCustomScalarValue(in: entry.value, type: $0.type) }
            }.first
        case .named:
            return nil
        }
    }

    private static func nonFiniteNumber(in value: CoercedValue) -> Double? {
        switch value {
        case .float(let number) where !number.isFinite: number
        case .list(let items): items.lazy.compactMap(nonFiniteNumber).first
        case .object(let entries): entries.lazy.compactMap { nonFiniteNumber(in: $0.value) }.first
        default: nil
        }
    }

    private static func includeDeprecated(_ arguments: [String: CoercedValue]) -> Bool {
        arguments["includeDeprecated"] == .boolean(true)
    }

    private static func describeInputValues(_ values: [InputValue], _ arguments: [String: CoercedValue]) -> FieldValue {
        IntrospectedInputValue.describe(
            values, typeName: "__InputValue", includeDeprecated: includeDeprecated(arguments),
            isDeprecated: \.isDeprecated)
    }

    /// __TypeKind of a type.
    static func kind(of type: GraphQLType) -> String {
        switch type {
        case .list: "LIST"
        case .nonNull: "NON_NULL"
        case .named(.scalar): "SCALAR"
        case .named(.object): "OBJECT"
        case .named(.interface): "INTERFACE"
        case .named(.union): "UNION"
        case .named(.enumType): "ENUM"
        case .named(.inputObject): "INPUT_OBJECT"
        }
    }

    // MARK: - Resolver builders

    private static func schemaField(_ read: @escaping @Sendable (Schema) -> FieldValue) -> FieldResolver {
        FieldResolver { parent, _, _ in
            guard let introspected = parent.payload(as: IntrospectedSchema.self) else { return .null }
            return read(introspected.schema)
        }
    }

    private static func typeField(
        _ read: @escaping @Sendable (GraphQLType, [String: CoercedValue], Schema) -> FieldValue
    ) -> FieldResolver {
        FieldResolver { parent, arguments, info in
            guard let introspected = parent.payload(as: IntrospectedType.self) else { return .null }
            return read(introspected.type, arguments, info.schema)
        }
    }

    private static func fieldField(_ read: @escaping @Sendable (IntrospectedField) -> FieldValue) -> FieldResolver {
        FieldResolver { parent, _, _ in parent.payload(as: IntrospectedField.self).map(read) ?? .null }
    }

    private static func inputValueField(_ read: @escaping @Sendable (IntrospectedInputValue) -> FieldValue) -> FieldResolver {
        FieldResolver { parent, _, _ in parent.payload(as: IntrospectedInputValue.self).map(read) ?? .null }
    }

    private static func enumValueField(_ read: @escaping @Sendable (IntrospectedEnumValue) -> FieldValue) -> FieldResolver {
        FieldResolver { parent, _, _ in parent.payload(as: IntrospectedEnumValue.self).map(read) ?? .null }
    }

    private static func directiveField(_ read: @escaping @Sendable (IntrospectedDirective) -> FieldValue) -> FieldResolver {
        FieldResolver { parent, _, _ in parent.payload(as: IntrospectedDirective.self).map(read) ?? .null }
    }
}
