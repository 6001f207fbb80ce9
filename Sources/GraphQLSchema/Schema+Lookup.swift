import GraphQLLanguage

extension Schema {
    /// The schema type a type reference denotes, or `nil` when a name in it is unknown
    /// (graphql-js's `typeFromAST`).
    public func type(from reference: TypeReference) -> GraphQLType? {
        switch reference {
        case .named(let named): type(named: named.name.value).map { .named($0) }
        case .list(let inner, _): type(from: inner).map { .list($0) }
        case .nonNull(let inner, _): type(from: inner).map { .nonNull($0) }
        }
    }

    /// The definition of a field selected on `parentType`, the meta-fields included:
    /// `__schema` and `__type` on the query type, `__typename` on any composite type
    /// (graphql-js's `getFieldDef`).
    public func fieldDefinition(on parentType: GraphQLNamedType, named name: String) -> GraphQLField? {
        if name.utf8.first == UInt8(ascii: "_"), name.hasPrefix("__") {
            switch name {
            case "__schema", "__type":
                if case .object(let object) = parentType, let query = queryType, object === query {
                    return name == "__schema" ? Introspection.schemaMetaField : Introspection.typeMetaField
                }
            case "__typename":
                if parentType.isCompositeType { return Introspection.typeNameMetaField }
            default:
                break
            }
        }
        return parentType.field(named: name)
    }
}
