import GraphQLLanguage

/// The schema in SDL, laid out as graphql-js's `printSchema` lays it out: the schema
/// definition when the roots are not named Query, Mutation and Subscription (or the schema
/// has a description), then the directives other than the specified ones, then the types
/// other than the specified scalars, in type-map order, separated by blank lines.
///
/// Beyond graphql-js 16, a one-of input object prints with ` @oneOf`, as graphql-js 17 does.
public func printSchema(_ schema: Schema) -> String {
    var blocks: [String] = []
    if let definition = printSchemaDefinition(schema) { blocks.append(definition) }
    for directive in schema.directives where !directive.isSpecifiedDirective {
        blocks.append(printDirective(directive))
    }
    for type in schema.types {
        if case .scalar(let scalar) = type, scalar.isSpecifiedScalar { continue }
        if Introspection.isIntrospectionType(named: type.name) { continue }
        blocks.append(printType(type))
    }
    return blocks.joined(separator: "\n\n")
}

/// SchemaDefinition, or `nil` when the conventional root names make it unnecessary.
private func printSchemaDefinition(_ schema: Schema) -> String? {
    let conventional = OperationType.allCases.allSatisfy { operation in
        guard let root = schema.rootTypes[operation] else { return true }
        return root.name == operation.rawValue.prefix(1).uppercased() + operation.rawValue.dropFirst()
    }
    if schema.description == nil && conventional { return nil }
    let operations = OperationType.allCases.compactMap { operation in
        schema.rootTypes[operation].map { "  \(operation.rawValue): \($0.name)" }
    }
    return printDescription(schema.description) + "schema {\n" + operations.joined(separator: "\n") + "\n}"
}

/// TypeDefinition for each kind of named type.
func printType(_ type: GraphQLNamedType) -> String {
    switch type {
    case .scalar(let scalar):
        let specifiedBy = scalar.specifiedByURL.map { " @specifiedBy(url: \(Printer.printString($0)))" } ?? ""
        return printDescription(scalar.description) + "scalar \(scalar.name)" + specifiedBy
    case .object(let object):
        return printDescription(object.description) + "type \(object.name)"
            + printImplementedInterfaces(object.interfaces) + printFields(object.fields)
    case .interface(let interface):
        return printDescription(interface.description) + "interface \(interface.name)"
            + printImplementedInterfaces(interface.interfaces) + printFields(interface.fields)
    case .union(let union):
        let members = union.types.isEmpty ? "" : " = " + union.types.map(\.name).joined(separator: " | ")
        return printDescription(union.description) + "union \(union.name)" + members
    case .enumType(let enumType):
        let values = enumType.values.enumerated().map { index, value in
            printDescription(value.description, indentation: "  ", firstInBlock: index == 0) + "  " + value.name
                + printDeprecated(value.deprecationReason)
        }
        return printDescription(enumType.description) + "enum \(enumType.name)" + printBlock(values)
    case .inputObject(let inputObject):
        let fields = inputObject.fields.enumerated().map { index, field in
            printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  "
                + printInputValue(field)
        }
        return printDescription(inputObject.description) + "input \(inputObject.name)"
            + (inputObject.isOneOf ? " @oneOf" : "") + printBlock(fields)
    }
}

private func printImplementedInterfaces(_ interfaces: [GraphQLNamedType]) -> String {
    interfaces.isEmpty ? "" : " implements " + interfaces.map(\.name).joined(separator: " & ")
}

private func printFields(_ fields: [GraphQLField]) -> String {
    printBlock(
        fields.enumerated().map { index, field in
            printDescription(field.description, indentation: "  ", firstInBlock: index == 0) + "  " + field.name
                + printArguments(field.arguments, indentation: "  ") + ": \(field.type)"
                + printDeprecated(field.deprecationReason)
        })
}

private func printBlock(_ items: [String]) -> String {
    items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
}

/// ArgumentsDefinition: on one line, unless an argument has a description.
private func printArguments(_ arguments: [InputValue], indentation: String = "") -> String {
    if arguments.isEmpty { return "" }
    if arguments.allSatisfy({ ($0.description ?? "").isEmpty }) {
        return "(" + arguments.map(printInputValue).joined(separator: ", ") + ")"
    }
    let lines = arguments.enumerated().map { index, argument in
        printDescription(argument.description, indentation: "  " + indentation, firstInBlock: index == 0) + "  "
            + indentation + printInputValue(argument)
    }
    return "(\n" + lines.joined(separator: "\n") + "\n" + indentation + ")"
}

/// InputValueDefinition, with its default value as `astFromValue` writes it.
private func printInputValue(_ value: InputValue) -> String {
    var declaration = "\(value.name): \(value.type)"
    if let defaultValue = value.defaultValue, let literal = astFromValue(defaultValue, type: value.type) {
        declaration += " = " + Printer.print(literal)
    }
    return declaration + printDeprecated(value.deprecationReason)
}

private func printDirective(_ directive: GraphQLDirective) -> String {
    printDescription(directive.description) + "directive @" + directive.name + printArguments(directive.arguments)
        + (directive.isRepeatable ? " repeatable" : "") + " on "
        + directive.locations.map(\.rawValue).joined(separator: " | ")
}

private func printDeprecated(_ reason: String?) -> String {
    guard let reason else { return "" }
    if reason == GraphQLDirective.defaultDeprecationReason { return " @deprecated" }
    return " @deprecated(reason: \(Printer.printString(reason)))"
}

/// A description as a block string when it can be one, else as a quoted string, indented
/// with the member it describes; a member other than the first gets a blank line first.
private func printDescription(_ description: String?, indentation: String = "", firstInBlock: Bool = true) -> String {
    guard let description else { return "" }
    let literal = Printer.print(
        StringValue(
            value: description, block: isPrintableAsBlockString(description), location: Location(start: 0, end: 0)))
    let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
    return prefix + literal.replacingNewlines(with: "\n" + indentation) + "\n"
}

extension String {
    fileprivate func replacingNewlines(with replacement: String) -> String {
        guard contains("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
