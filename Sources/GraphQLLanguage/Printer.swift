/// Prints an AST back to GraphQL text in the canonical layout of graphql-js `print`.
///
/// Parsing the output yields the same AST (`parse(print(ast)) == ast`). Beyond graphql-js 16,
/// descriptions on operations, fragments and variable definitions (September 2025 edition)
/// are printed on the line before what they describe.
public enum Printer {
    /// Field arguments wrap onto one line each past this many UTF-16 units.
    static let maxLineLength = 80

    public static func print(_ document: Document) -> String {
        join(document.definitions.map(print), "\n\n")
    }

    public static func print(_ definition: Definition) -> String {
        switch definition {
        case .operation(let node): print(node)
        case .fragment(let node): print(node)
        case .schema(let node): print(node)
        case .type(let node): print(node)
        case .directive(let node): print(node)
        case .schemaExtension(let node): print(node)
        case .typeExtension(let node): print(node)
        }
    }

    // MARK: - Executable definitions

    public static func print(_ node: OperationDefinition) -> String {
        let variables = node.variableDefinitions.map(print)
        // graphql-js 16 keeps variables on one line; a described variable (September 2025)
        // needs a line of its own, as a described argument does in SDL.
        let variableList =
            node.variableDefinitions.contains { $0.description != nil }
            ? wrap("(\n", indent(join(variables, "\n")), "\n)")
            : wrap("(", join(variables, ", "), ")")
        let prefix = join(
            [node.operation.rawValue, join([node.name?.value ?? "", variableList]), printDirectives(node.directives)],
            " ")
        let selectionSet = print(node.selectionSet)
        guard let description = node.description else {
            return (prefix == "query" ? "" : prefix + " ") + selectionSet
        }
        return print(description) + "\n" + prefix + " " + selectionSet
    }

    public static func print(_ node: VariableDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "$" + node.variable.name.value + ": " + print(node.type)
            + wrap(" = ", node.defaultValue.map(print)) + wrap(" ", printDirectives(node.directives))
    }

    public static func print(_ node: SelectionSet) -> String {
        block(node.selections.map(print))
    }

    public static func print(_ selection: Selection) -> String {
        switch selection {
        case .field(let node): print(node)
        case .fragmentSpread(let node): "..." + node.name.value + wrap(" ", printDirectives(node.directives))
        case .inlineFragment(let node):
            join(
                [
                    "...", wrap("on ", node.typeCondition?.name.value), printDirectives(node.directives),
                    print(node.selectionSet),
                ], " ")
        }
    }

    public static func print(_ node: Field) -> String {
        let prefix = wrap("", node.alias?.value, ": ") + node.name.value
        let arguments = node.arguments.map(print)
        var argumentsLine = prefix + wrap("(", join(arguments, ", "), ")")
        if argumentsLine.utf16.count > maxLineLength {
            argumentsLine = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)")
        }
        return join([argumentsLine, printDirectives(node.directives), node.selectionSet.map(print) ?? ""], " ")
    }

    public static func print(_ node: Argument) -> String {
        node.name.value + ": " + print(node.value)
    }

    public static func print(_ node: FragmentDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "fragment \(node.name.value) on \(node.typeCondition.name.value) "
            + wrap("", printDirectives(node.directives), " ") + print(node.selectionSet)
    }

    // MARK: - Values

    public static func print(_ value: Value) -> String {
        switch value {
        case .variable(let node): "$" + node.name.value
        case .int(let node): node.value
        case .float(let node): node.value
        case .string(let node): print(node)
        case .boolean(let node): node.value ? "true" : "false"
        case .null: "null"
        case .enumValue(let node): node.value
        case .list(let node): "[" + join(node.values.map(print), ", ") + "]"
        case .object(let node):
            "{" + join(node.fields.map { $0.name.value + ": " + print($0.value) }, ", ") + "}"
        }
    }

    public static func print(_ node: StringValue) -> String {
        node.block ? BlockString.print(node.value) : printString(node.value)
    }

    /// A quoted string literal, escaping `"`, `\` and the C0 and C1 control characters.
    public static func printString(_ value: String) -> String {
        var result: [UInt8] = [0x22]
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            let code = scalar.value
            switch code {
            case 0x22: result.append(contentsOf: [0x5C, 0x22])
            case 0x5C: result.append(contentsOf: [0x5C, 0x5C])
            case 0x08: result.append(contentsOf: [0x5C, 0x62])
            case 0x09: result.append(contentsOf: [0x5C, 0x74])
            case 0x0A: result.append(contentsOf: [0x5C, 0x6E])
            case 0x0C: result.append(contentsOf: [0x5C, 0x66])
            case 0x0D: result.append(contentsOf: [0x5C, 0x72])
            case 0x00...0x1F, 0x7F...0x9F:
                let hex = String(code, radix: 16, uppercase: true)
                result.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default:
                UTF8.encode(scalar) { result.append($0) }
            }
        }
        result.append(0x22)
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: - Directives and types

    public static func print(_ node: Directive) -> String {
        "@" + node.name.value + wrap("(", join(node.arguments.map(print), ", "), ")")
    }

    static func printDirectives(_ directives: [Directive]) -> String {
        join(directives.map(print), " ")
    }

    public static func print(_ type: TypeReference) -> String {
        switch type {
        case .named(let node): node.name.value
        case .list(let inner, _): "[" + print(inner) + "]"
        case .nonNull(let inner, _): print(inner) + "!"
        }
    }

    // MARK: - Type system definitions

    public static func print(_ node: SchemaDefinition) -> String {
        wrap("", node.description.map(print), "\n")
            + join(["schema", printDirectives(node.directives), block(node.operationTypes.map(print))], " ")
    }

    static func print(_ node: OperationTypeDefinition) -> String {
        node.operation.rawValue + ": " + node.type.name.value
    }

    public static func print(_ definition: TypeDefinition) -> String {
        let description = wrap("", definition.description.map(print), "\n")
        return description + printTypeBody(definition, keyword: "")
    }

    public static func print(_ node: FieldDefinition) -> String {
        wrap("", node.description.map(print), "\n") + node.name.value + printArgumentDefinitions(node.arguments)
            + ": " + print(node.type) + wrap(" ", printDirectives(node.directives))
    }

    public static func print(_ node: InputValueDefinition) -> String {
        wrap("", node.description.map(print), "\n")
            + join(
                [
                    node.name.value + ": " + print(node.type), wrap("= ", node.defaultValue.map(print)),
                    printDirectives(node.directives),
                ], " ")
    }

    static func print(_ node: EnumValueDefinition) -> String {
        wrap("", node.description.map(print), "\n") + join([node.name.value, printDirectives(node.directives)], " ")
    }

    public static func print(_ node: DirectiveDefinition) -> String {
        wrap("", node.description.map(print), "\n") + "directive @" + node.name.value
            + printArgumentDefinitions(node.arguments) + (node.repeatable ? " repeatable" : "") + " on "
            + join(node.locations.map(\.value), " | ")
    }

    /// Argument definitions on one line, or one per line when any of them spans several.
    static func printArgumentDefinitions(_ arguments: [InputValueDefinition]) -> String {
        let printed = arguments.map(print)
        return hasMultilineItems(printed)
            ? wrap("(\n", indent(join(printed, "\n")), "\n)")
            : wrap("(", join(printed, ", "), ")")
    }

    // MARK: - Type system extensions

    public static func print(_ node: SchemaExtension) -> String {
        join(["extend schema", printDirectives(node.directives), block(node.operationTypes.map(print))], " ")
    }

    public static func print(_ node: TypeExtension) -> String {
        printTypeBody(node.definition, keyword: "extend ")
    }

    /// The part of a type definition or extension after its description.
    private static func printTypeBody(_ definition: TypeDefinition, keyword: String) -> String {
        switch definition {
        case .scalar(let node):
            join([keyword + "scalar", node.name.value, printDirectives(node.directives)], " ")
        case .object(let node):
            join(
                [
                    keyword + "type", node.name.value, printInterfaces(node.interfaces),
                    printDirectives(node.directives), block(node.fields.map(print)),
                ], " ")
        case .interface(let node):
            join(
                [
                    keyword + "interface", node.name.value, printInterfaces(node.interfaces),
                    printDirectives(node.directives), block(node.fields.map(print)),
                ], " ")
        case .union(let node):
            join(
                [
                    keyword + "union", node.name.value, printDirectives(node.directives),
                    wrap("= ", join(node.types.map(\.name.value), " | ")),
                ], " ")
        case .enumType(let node):
            join(
                [keyword + "enum", node.name.value, printDirectives(node.directives), block(node.values.map(print))],
                " ")
        case .inputObject(let node):
            join(
                [keyword + "input", node.name.value, printDirectives(node.directives), block(node.fields.map(print))],
                " ")
        }
    }

    private static func printInterfaces(_ interfaces: [NamedType]) -> String {
        wrap("implements ", join(interfaces.map(\.name.value), " & "))
    }

    // MARK: - Layout helpers

    /// The non-empty parts joined by `separator`.
    static func join(_ parts: [String], _ separator: String = "") -> String {
        var result = ""
        var first = true
        for part in parts where !part.isEmpty {
            if !first { result += separator }
            result += part
            first = false
        }
        return result
    }

    /// Each part on its own line, indented, between braces; empty when there are no parts.
    static func block(_ parts: [String]) -> String {
        wrap("{\n", indent(join(parts, "\n")), "\n}")
    }

    /// `start + text + end` when `text` is non-empty, else the empty string.
    static func wrap(_ start: String, _ text: String?, _ end: String = "") -> String {
        guard let text, !text.isEmpty else { return "" }
        return start + text + end
    }

    static func indent(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var result: [UInt8] = [0x20, 0x20]
        result.reserveCapacity(text.utf8.count + 16)
        for unit in text.utf8 {
            result.append(unit)
            if unit == 0x0A { result.append(contentsOf: [0x20, 0x20]) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func hasMultilineItems(_ parts: [String]) -> Bool {
        parts.contains { $0.utf8.contains(0x0A) }
    }
}
