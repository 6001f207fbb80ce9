import GraphQLLanguage
import GraphQLSchema

/// Every literal value is valid for the input type of its position (spec §5.6.1 "Values of
/// Correct Type"): leaf values coerce, input objects give their required fields and only
/// fields they define, and a `@oneOf` input object gives exactly one non-null field
/// (graphql-js 17's messages).
public struct ValuesOfCorrectTypeRule: ValidationRule {
    public init() {}

    public var entering: ValidationNodeKinds { [.value, .objectField] }

    public mutating func enter(_ node: ValidationNode, _ context: ValidationContext) -> VisitDecision {
        switch node {
        case .value(let value):
            return check(value, context)
        case .objectField(let field):
            guard context.inputType == nil, case .inputObject(let parentType)? = context.parentInputType?.namedType
            else { break }
            let suggestions = suggestionList(field.name.value, parentType.fields.map(\.name))
            context.report(
                "Field \"\(field.name.value)\" is not defined by type \"\(parentType.name)\"." + didYouMean(suggestions),
                at: [field.location])
        default:
            break
        }
        return .continue
    }

    private func check(_ value: Value, _ context: ValidationContext) -> VisitDecision {
        switch value {
        case .variable:
            return .continue
        case .list:
            if case .list? = context.parentInputType?.nullableType { return .continue }
            checkLeaf(value, context)
            return .skipChildren
        case .object(let object):
            guard case .inputObject(let type)? = context.inputType?.namedType else {
                checkLeaf(value, context)
                return .skipChildren
            }
            checkFields(object, of: type, context)
            return .continue
        case .null(let null):
            if let type = context.inputType, type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", at: [null.location])
            }
            return .continue
        case .int, .float, .string, .boolean, .enumValue:
            checkLeaf(value, context)
            return .continue
        }
    }

    private func checkFields(_ object: ObjectValue, of type: InputObjectType, _ context: ValidationContext) {
        for field in type.fields where field.isRequired {
            if !object.fields.contains(where: { $0.name.value == field.name }) {
                context.report(
                    "Field \"\(type.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                    at: [object.location])
            }
        }
        guard type.isOneOf else { return }
        // graphql-js keys the fields by name: the first name's value is the last given for it.
        guard let first = object.fields.first,
            object.fields.allSatisfy({ $0.name.value == first.name.value })
        else {
            context.report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", at: [object.location])
            return
        }
        if case .null = object.fields[object.fields.count - 1].value {
            context.report("Field \"\(type.name).\(first.name.value)\" must be non-null.", at: [object.location])
        }
    }

    /// A value in a position whose type is a leaf must coerce to it; elsewhere (a list or
    /// input object where the type wants neither) it is simply of the wrong type.
    private func checkLeaf(_ value: Value, _ context: ValidationContext) {
        guard let locationType = context.inputType else { return }
        switch locationType.namedType {
        case .scalar(let scalar):
            guard let coercion = scalar.coercion else { return }
            do {
                _ = try coercion.parseLiteral(value)
            } catch {
                context.report(error.message, at: [value.location])
            }
        case .enumType(let enumType):
            if case .enumValue(let literal) = value, enumType.value(named: literal.value) != nil { return }
            let text = Printer.print(value)
            let suggestion = didYouMean("the enum value", suggestionList(text, enumType.values.map(\.name)))
            let message =
                if case .enumValue = value {
                    "Value \"\(text)\" does not exist in \"\(enumType.name)\" enum."
                } else {
                    "Enum \"\(enumType.name)\" cannot represent non-enum value: \(text)."
                }
            context.report(message + suggestion, at: [value.location])
        default:
            context.report(
                "Expected value of type \"\(locationType)\", found \(Printer.print(value)).", at: [value.location])
        }
    }
}
