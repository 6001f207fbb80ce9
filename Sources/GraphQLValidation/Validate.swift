import GraphQLLanguage
import GraphQLSchema

/// Validates an executable document against a schema (spec §5 "Validation"), as graphql-js's
/// `validate` does: every rule runs during one walk of the document, and the errors come out
/// in graphql-js's order, with its messages and locations.
///
/// - Parameters:
///   - source: the document's source, to give errors their line and column.
///   - rules: the rules to check, in the order their errors should interleave.
///   - maxErrors: after this many errors, validation stops with one more error saying so.
/// - Returns: the errors, empty when the document is valid. A schema that is itself invalid
///   yields its type-system errors instead (where graphql-js throws).
public func validate(
    schema: Schema, document: Document, source: Source? = nil, rules: [any ValidationRule] = specifiedRules,
    maxErrors: Int = 100
) -> [GraphQLError] {
    let schemaErrors = validateSchema(schema)
    if !schemaErrors.isEmpty { return schemaErrors }
    let context = ValidationContext(schema: schema, document: document, source: source, maxErrors: maxErrors)
    var walker = DocumentWalker(rules: rules, context: context)
    walker.walk(document)
    return context.errors
}

/// The rules of the specification's Validation section, in graphql-js's order.
public let specifiedRules: [any ValidationRule] = [
    ExecutableDefinitionsRule(),
    UniqueOperationNamesRule(),
    LoneAnonymousOperationRule(),
    SingleFieldSubscriptionsRule(),
    KnownTypeNamesRule(),
    FragmentsOnCompositeTypesRule(),
    VariablesAreInputTypesRule(),
    ScalarLeafsRule(),
    FieldsOnCorrectTypeRule(),
    UniqueFragmentNamesRule(),
    KnownFragmentNamesRule(),
    NoUnusedFragmentsRule(),
    PossibleFragmentSpreadsRule(),
    NoFragmentCyclesRule(),
    UniqueVariableNamesRule(),
    NoUndefinedVariablesRule(),
    NoUnusedVariablesRule(),
    KnownDirectivesRule(),
    UniqueDirectivesPerLocationRule(),
    KnownArgumentNamesRule(),
    UniqueArgumentNamesRule(),
    ValuesOfCorrectTypeRule(),
    ProvidedRequiredArgumentsRule(),
    VariablesInAllowedPositionRule(),
    OverlappingFieldsCanBeMergedRule(),
    UniqueInputFieldNamesRule(),
]
