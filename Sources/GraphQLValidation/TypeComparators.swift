import GraphQLSchema

extension Schema {
    /// Whether a value of `maybeSubType` is always a valid value of `superType` (covariant
    /// subtyping through non-null and list wrappers; graphql-js's `isTypeSubTypeOf`).
    func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        if maybeSubType == superType { return true }
        if case .nonNull(let superInner) = superType {
            if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superType) }
        if case .list(let superInner) = superType {
            if case .list(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        guard case .named(let superNamed) = superType, case .named(let subNamed) = maybeSubType else { return false }
        switch subNamed {
        case .object, .interface: return superNamed.isAbstractType && isSubType(superNamed, subNamed)
        default: return false
        }
    }

    /// Whether two composite types have a possible object type in common (graphql-js's
    /// `doTypesOverlap`).
    func doTypesOverlap(_ typeA: GraphQLNamedType, _ typeB: GraphQLNamedType) -> Bool {
        if typeA == typeB { return true }
        if typeA.isAbstractType {
            if typeB.isAbstractType {
                return possibleTypes(of: typeA).contains { isSubType(typeB, .object($0)) }
            }
            return isSubType(typeA, typeB)
        }
        if typeB.isAbstractType { return isSubType(typeB, typeA) }
        return false
    }
}
