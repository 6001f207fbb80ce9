import GraphQLLanguage
import GraphQLSchema

/// Every selected field is defined on the type it is selected on (spec §5.3.1 "Field
/// Selections"), with graphql-js's suggestions of types or fields meant.
public struct FieldsOnCorrectTypeRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { .field }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        guard case .field(let field) = node, let type = context.parentType, context.field == nil else {
            return .continue
        }
        let name = field.name.value
        var suggestion = didYouMean(
            "to use an inline fragment on", suggestedTypeNames(context.schema, type, name))
        if suggestion.isEmpty {
            suggestion = didYouMean(suggestionList(name, type.fields.map(\.name)))
        }
        context.report("Cannot query field \"\(name)\" on type \"\(type.name)\"." + suggestion, at: [field.location])
        return .continue
    }

    /// The possible types of an abstract type that define the field: the types more often
    /// implemented first, an interface before the types implementing it, then by name.
    private func suggestedTypeNames(_ schema: Schema, _ type: GraphQLNamedType, _ fieldName: String) -> [String] {
        guard type.isAbstractType else { return [] }
        var suggested: [GraphQLNamedType] = []
        var usageCount: [String: Int] = [:]
        for possibleType in schema.possibleTypes(of: type) where possibleType.field(named: fieldName) != nil {
            if usageCount[possibleType.name] == nil { suggested.append(.object(possibleType)) }
            usageCount[possibleType.name] = 1
            for interface in possibleType.interfaces where interface.field(named: fieldName) != nil {
                if usageCount[interface.name] == nil { suggested.append(interface) }
                usageCount[interface.name, default: 0] += 1
            }
        }
        return stableSorted(suggested) { typeA, typeB in
            let difference = usageCount[typeB.name]! - usageCount[typeA.name]!
            if difference != 0 { return difference }
            if case .interface = typeA, schema.isSubType(typeA, typeB) { return -1 }
            if case .interface = typeB, schema.isSubType(typeB, typeA) { return 1 }
            return naturalCompare(typeA.name, typeB.name)
        }.map(\.name)
    }
}
