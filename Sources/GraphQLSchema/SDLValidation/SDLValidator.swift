import GraphQLLanguage

/// Checks a type-system document against graphql-js's SDL rules (`specifiedSDLRules`), as
/// `buildSchema` does before building: every error, in graphql-js's order.
public func validateSDL(_ document: Document, source: Source? = nil) -> [GraphQLError] {
    var validator = SDLValidator(document: document, source: source)
    validator.walk(document)
    return validator.context.errors
}

/// One walk over a document that shows each node to every rule, in the order graphql-js's
/// visitor meets them (the order of each node's fields in `QueryDocumentKeys`).
struct SDLValidator {
    private var rules: [any SDLValidationRule]
    private(set) var context: SDLValidationContext

    init(document: Document, source: Source?) {
        rules = [
            LoneSchemaDefinitionRule(document: document),
            UniqueOperationTypesRule(document: document),
            UniqueTypeNamesRule(document: document),
            UniqueEnumValueNamesRule(document: document),
            UniqueFieldDefinitionNamesRule(document: document),
            UniqueArgumentDefinitionNamesRule(document: document),
            UniqueDirectiveNamesRule(document: document),
            KnownTypeNamesRule(document: document),
            KnownDirectivesRule(document: document),
            UniqueDirectivesPerLocationRule(document: document),
            PossibleTypeExtensionsRule(document: document),
            KnownArgumentNamesOnDirectivesRule(document: document),
            UniqueArgumentNamesRule(document: document),
            UniqueInputFieldNamesRule(document: document),
            ProvidedRequiredArgumentsOnDirectivesRule(document: document),
        ]
        context = SDLValidationContext(source: source)
    }

    private mutating func enter(_ node: SDLNode) {
        for index in rules.indices {
            rules[index].enter(node, &context)
        }
    }

    private mutating func leave(_ node: SDLNode) {
        for index in rules.indices {
            rules[index].leave(node, &context)
        }
    }

    // MARK: - Definitions

    mutating func walk(_ document: Document) {
        for definition in document.definitions {
            walk(definition)
        }
    }

    private mutating func walk(_ definition: Definition) {
        switch definition {
        case .operation(let node):
            enter(.operation(node))
            for variable in node.variableDefinitions {
                enter(.variableDefinition(variable))
                walk(variable.type, inTypeSystem: false)
                if let value = variable.defaultValue { walk(value) }
                walk(variable.directives, at: .variableDefinition)
                leave(.variableDefinition(variable))
            }
            let location: DirectiveLocation =
                switch node.operation {
                case .query: .query
                case .mutation: .mutation
                case .subscription: .subscription
                }
            walk(node.directives, at: location)
            walk(node.selectionSet)
            leave(.operation(node))
        case .fragment(let node):
            enter(.fragmentDefinition(node))
            walk(.named(node.typeCondition), inTypeSystem: false)
            walk(node.directives, at: .fragmentDefinition)
            walk(node.selectionSet)
            leave(.fragmentDefinition(node))
        case .schema(let node):
            enter(.schemaDefinition(node))
            walk(node.directives, at: .schema)
            for operationType in node.operationTypes {
                walk(.named(operationType.type), inTypeSystem: true)
            }
            leave(.schemaDefinition(node))
        case .schemaExtension(let node):
            enter(.schemaExtension(node))
            walk(node.directives, at: .schema)
            for operationType in node.operationTypes {
                walk(.named(operationType.type), inTypeSystem: true)
            }
            leave(.schemaExtension(node))
        case .type(let node):
            enter(.typeDefinition(node))
            walkMembers(of: node, inputFieldLocation: .inputFieldDefinition)
            leave(.typeDefinition(node))
        case .typeExtension(let node):
            enter(.typeExtension(node))
            // graphql-js places directives on the fields of `extend input` at
            // ARGUMENT_DEFINITION: it only recognizes input fields under a definition.
            walkMembers(of: node.definition, inputFieldLocation: .argumentDefinition)
            leave(.typeExtension(node))
        case .directive(let node):
            enter(.directiveDefinition(node))
            for argument in node.arguments {
                walk(argument, at: .argumentDefinition)
            }
            leave(.directiveDefinition(node))
        }
    }

    /// A type definition's or extension's contents, in graphql-js's key order.
    private mutating func walkMembers(of node: TypeDefinition, inputFieldLocation: DirectiveLocation) {
        switch node {
        case .scalar(let scalar):
            walk(scalar.directives, at: .scalar)
        case .object(let object):
            for interface in object.interfaces { walk(.named(interface), inTypeSystem: true) }
            walk(object.directives, at: .object)
            for field in object.fields { walk(field) }
        case .interface(let interface):
            for parent in interface.interfaces { walk(.named(parent), inTypeSystem: true) }
            walk(interface.directives, at: .interface)
            for field in interface.fields { walk(field) }
        case .union(let union):
            walk(union.directives, at: .union)
            for member in union.types { walk(.named(member), inTypeSystem: true) }
        case .enumType(let enumType):
            walk(enumType.directives, at: .enumType)
            for value in enumType.values {
                enter(.enumValueDefinition(value))
                walk(value.directives, at: .enumValue)
                leave(.enumValueDefinition(value))
            }
        case .inputObject(let inputObject):
            walk(inputObject.directives, at: .inputObject)
            for field in inputObject.fields { walk(field, at: inputFieldLocation) }
        }
    }

    private mutating func walk(_ field: FieldDefinition) {
        enter(.fieldDefinition(field))
        for argument in field.arguments { walk(argument, at: .argumentDefinition) }
        walk(field.type, inTypeSystem: true)
        walk(field.directives, at: .fieldDefinition)
        leave(.fieldDefinition(field))
    }

    private mutating func walk(_ inputValue: InputValueDefinition, at location: DirectiveLocation) {
        enter(.inputValueDefinition(inputValue))
        walk(inputValue.type, inTypeSystem: true)
        if let value = inputValue.defaultValue { walk(value) }
        walk(inputValue.directives, at: location)
        leave(.inputValueDefinition(inputValue))
    }

    // MARK: - Selections

    private mutating func walk(_ selectionSet: SelectionSet) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                enter(.field(field))
                for argument in field.arguments { walk(argument.value) }
                walk(field.directives, at: .field)
                if let nested = field.selectionSet { walk(nested) }
                leave(.field(field))
            case .fragmentSpread(let spread):
                enter(.fragmentSpread(spread))
                walk(spread.directives, at: .fragmentSpread)
                leave(.fragmentSpread(spread))
            case .inlineFragment(let fragment):
                enter(.inlineFragment(fragment))
                if let condition = fragment.typeCondition { walk(.named(condition), inTypeSystem: false) }
                walk(fragment.directives, at: .inlineFragment)
                walk(fragment.selectionSet)
                leave(.inlineFragment(fragment))
            }
        }
    }

    // MARK: - Directives, types, values

    private mutating func walk(_ directives: [Directive], at location: DirectiveLocation) {
        for directive in directives {
            enter(.directive(directive, location: location))
            for argument in directive.arguments { walk(argument.value) }
            leave(.directive(directive, location: location))
        }
    }

    private mutating func walk(_ type: TypeReference, inTypeSystem: Bool) {
        switch type {
        case .named(let named):
            enter(.namedType(named, inTypeSystem: inTypeSystem))
            leave(.namedType(named, inTypeSystem: inTypeSystem))
        case .list(let inner, _), .nonNull(let inner, _):
            walk(inner, inTypeSystem: inTypeSystem)
        }
    }

    private mutating func walk(_ value: Value) {
        switch value {
        case .list(let list):
            for item in list.values { walk(item) }
        case .object(let object):
            enter(.objectValue(object))
            for field in object.fields {
                enter(.objectField(field))
                walk(field.value)
                leave(.objectField(field))
            }
            leave(.objectValue(object))
        default:
            break
        }
    }
}
