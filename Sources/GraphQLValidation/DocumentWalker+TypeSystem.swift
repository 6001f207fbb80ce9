import GraphQLLanguage
import GraphQLSchema

/// Type-system definitions are not executable (ExecutableDefinitionsRule reports them), but
/// graphql-js walks them all the same, and several rules look at the directives, arguments,
/// values and type references inside them.
extension DocumentWalker {

    private mutating func walkTypeSystemDirectives(_ directives: [Directive], scope: TypeSystemDirectiveScope) {
        guard !directives.isEmpty, wants(.typeSystemDirectives) else { return }
        enter(.typeSystemDirectives(directives, scope: scope))
        if context.isAborted { return }
        leave(.typeSystemDirectives(directives, scope: scope))
    }

    mutating func walk(_ schema: SchemaDefinition) {
        walkSchema(directives: schema.directives, operationTypes: schema.operationTypes)
    }

    mutating func walk(_ schemaExtension: SchemaExtension) {
        walkSchema(directives: schemaExtension.directives, operationTypes: schemaExtension.operationTypes)
    }

    private mutating func walkSchema(directives: [Directive], operationTypes: [OperationTypeDefinition]) {
        walkTypeSystemDirectives(directives, scope: .schema)
        if context.isAborted { return }
        walk(directives, at: .schema)
        for operationType in operationTypes {
            if context.isAborted { return }
            walkNamedType(operationType.type, inTypeSystem: true)
        }
    }

    mutating func walk(_ type: TypeDefinition, isExtension: Bool) {
        walkTypeSystemDirectives(type.directives, scope: .type(type.name.value))
        if context.isAborted { return }
        switch type {
        case .scalar(let scalar):
            walk(scalar.directives, at: .scalar)
        case .object(let object):
            walkFieldsContainer(object.interfaces, object.directives, object.fields, at: .object)
        case .interface(let interface):
            walkFieldsContainer(interface.interfaces, interface.directives, interface.fields, at: .interface)
        case .union(let union):
            walk(union.directives, at: .union)
            for member in union.types {
                if context.isAborted { return }
                walkNamedType(member, inTypeSystem: true)
            }
        case .enumType(let enumType):
            walk(enumType.directives, at: .enumType)
            for value in enumType.values {
                if context.isAborted { return }
                walkTypeSystemDirectives(value.directives, scope: .member)
                if context.isAborted { return }
                walk(value.directives, at: .enumValue)
            }
        case .inputObject(let inputObject):
            walk(inputObject.directives, at: .inputObject)
            // graphql-js calls only the fields of a definition (not of an extension) input fields.
            let location: DirectiveLocation = isExtension ? .argumentDefinition : .inputFieldDefinition
            for field in inputObject.fields {
                if context.isAborted { return }
                walk(field, at: location)
            }
        }
    }

    private mutating func walkFieldsContainer(
        _ interfaces: [NamedType], _ directives: [Directive], _ fields: [FieldDefinition], at location: DirectiveLocation
    ) {
        for interface in interfaces {
            walkNamedType(interface, inTypeSystem: true)
            if context.isAborted { return }
        }
        walk(directives, at: location)
        for field in fields {
            if context.isAborted { return }
            walkTypeSystemDirectives(field.directives, scope: .member)
            for argument in field.arguments {
                if context.isAborted { return }
                walk(argument, at: .argumentDefinition)
            }
            if context.isAborted { return }
            walk(field.type, inTypeSystem: true)
            if context.isAborted { return }
            walk(field.directives, at: .fieldDefinition)
        }
    }

    private mutating func walk(_ inputValue: InputValueDefinition, at location: DirectiveLocation) {
        walkTypeSystemDirectives(inputValue.directives, scope: .member)
        if context.isAborted { return }
        walk(inputValue.type, inTypeSystem: true)
        if context.isAborted { return }
        if let defaultValue = inputValue.defaultValue { walk(defaultValue) }
        if context.isAborted { return }
        walk(inputValue.directives, at: location)
    }

    mutating func walk(_ directive: DirectiveDefinition) {
        for argument in directive.arguments {
            if context.isAborted { return }
            walk(argument, at: .argumentDefinition)
        }
    }
}
