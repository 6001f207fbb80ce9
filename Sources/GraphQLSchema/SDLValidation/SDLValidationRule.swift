import GraphQLLanguage

/// One invariant of a type-system document, checked during a single walk of the document
/// (graphql-js's SDL rules, run by `validateSDL`).
///
/// Every rule sees every node, in document order; at each node the rules run in the order of
/// `SDLValidator.rules`, which is how errors from several rules come out in graphql-js's order.
protocol SDLValidationRule {
    init(document: Document)
    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext)
    mutating func leave(_ node: SDLNode, _ context: inout SDLValidationContext)
}

extension SDLValidationRule {
    mutating func enter(_ node: SDLNode, _ context: inout SDLValidationContext) {}
    mutating func leave(_ node: SDLNode, _ context: inout SDLValidationContext) {}
}

/// The nodes of a document that SDL rules look at, as the walk meets them.
enum SDLNode {
    case schemaDefinition(SchemaDefinition)
    case schemaExtension(SchemaExtension)
    case typeDefinition(TypeDefinition)
    case typeExtension(TypeExtension)
    case directiveDefinition(DirectiveDefinition)
    case fieldDefinition(FieldDefinition)
    case inputValueDefinition(InputValueDefinition)
    case enumValueDefinition(EnumValueDefinition)
    /// A use of a directive, with the location it is used at.
    case directive(Directive, location: DirectiveLocation)
    /// A reference to a named type; `inTypeSystem` when it occurs in a type-system definition
    /// or extension rather than in an operation or fragment.
    case namedType(NamedType, inTypeSystem: Bool)
    case objectValue(ObjectValue)
    case objectField(ObjectField)
    case operation(OperationDefinition)
    case variableDefinition(VariableDefinition)
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)
    case fragmentDefinition(FragmentDefinition)
}

/// What rules report into: the errors so far, located in the source.
struct SDLValidationContext {
    let source: Source?
    private(set) var errors: [GraphQLError] = []

    init(source: Source?) {
        self.source = source
    }

    mutating func report(_ message: String, at locations: [Location]) {
        errors.append(GraphQLError(message, in: source, at: locations))
    }
}
