import GraphQLLanguage
import GraphQLSchema

// MARK: - Variables

/// CoerceVariableValues (spec §6.1.2): the request's JSON variables, coerced to the
/// operation's variable types. Every problem is reported (up to `maxErrors`), each located at
/// its variable definition; any problem makes the whole request fail before execution.
func coerceVariableValues(
    schema: Schema, definitions: [VariableDefinition], inputs: [String: CoercedValue], source: Source?,
    maxErrors: Int = 50
) -> Result<[String: CoercedValue], GraphQLErrors> {
    var coerced: [String: CoercedValue] = [:]
    var errors: [GraphQLError] = []

    func report(_ message: String, at location: Location) -> Bool {
        if errors.count >= maxErrors {
            errors.append(
                GraphQLError(message: "Too many errors processing variables, error limit reached. Execution aborted."))
            return false
        }
        errors.append(GraphQLError(message, in: source, at: [location]))
        return true
    }

    for definition in definitions {
        let name = definition.variable.name.value
        let typeText = Printer.print(definition.type)
        guard let type = schema.type(from: definition.type), type.isInputType else {
            let message =
                "Variable \"$\(name)\" expected value of type \"\(typeText)\" which cannot be used as an input type."
            if !report(message, at: definition.type.location) { break }
            continue
        }
        guard let input = inputs[name] else {
            if let defaultValue = definition.defaultValue {
                if let value = valueFromAST(defaultValue, type: type) { coerced[name] = value }
            } else if type.isNonNull {
                if !report("Variable \"$\(name)\" of required type \"\(typeText)\" was not provided.", at: definition.location) {
                    break
                }
            }
            continue
        }
        if input == .null, type.isNonNull {
            if !report("Variable \"$\(name)\" of non-null type \"\(typeText)\" must not be null.", at: definition.location) {
                break
            }
            continue
        }
        var stop = false
        let value = coerceInputValue(input, type: type, path: []) { path, invalid, message in
            guard !stop else { return }
            var prefix = "Variable \"$\(name)\" got invalid value \(inspect(invalid))"
            if !path.isEmpty { prefix += " at \"\(name)\(printPath(path))\"" }
            if !report(prefix + "; " + message, at: definition.location) { stop = true }
        }
        if stop { break }
        coerced[name] = value
    }
    return errors.isEmpty ? .success(coerced) : .failure(GraphQLErrors(errors))
}

/// CoerceInputValue: a JSON value as a value of an input type, reporting each problem with
/// the path inside the value, the offending part, and what is wrong.
func coerceInputValue(
    _ input: CoercedValue, type: GraphQLType, path: [PathComponent],
    onError: (_ path: [PathComponent], _ invalid: CoercedValue, _ message: String) -> Void
) -> CoercedValue {
    switch type {
    case .nonNull(let inner):
        if input != .null { return coerceInputValue(input, type: inner, path: path, onError: onError) }
        onError(path, input, "Expected non-nullable type \"\(type)\" not to be null.")
        return .null
    case .list(let itemType):
        if input == .null { return .null }
        if case .list(let items) = input {
            return .list(
                items.enumerated().map { index, item in
                    coerceInputValue(item, type: itemType, path: path + [.index(index)], onError: onError)
                })
        }
        return .list([coerceInputValue(input, type: itemType, path: path, onError: onError)])
    case .named(let named):
        if input == .null { return .null }
        switch named {
        case .inputObject(let inputObject):
            return coerceInputObject(input, inputObject, path: path, onError: onError)
        case .enumType(let enumType):
            guard case .string(let text) = input else {
                onError(path, input, "Enum \"\(enumType.name)\" cannot represent non-string value: \(inspect(input)).")
                return .null
            }
            guard enumType.hasValue(named: text) else {
                let suggestions = suggestionList(text, enumType.values.map(\.name))
                onError(
                    path, input,
                    "Value \"\(text)\" does not exist in \"\(enumType.name)\" enum." + didYouMean(suggestions))
                return .null
            }
            return .enumValue(text)
        case .scalar(let scalar):
            do {
                return try parseScalarValue(input, scalar)
            } catch {
                onError(path, input, error.message)
                return .null
            }
        case .object, .interface, .union:
            onError(path, input, "Expected an input type, found \"\(named.name)\".")
            return .null
        }
    }
}

private func coerceInputObject(
    _ input: CoercedValue, _ type: InputObjectType, path: [PathComponent],
    onError: (_ path: [PathComponent], _ invalid: CoercedValue, _ message: String) -> Void
) -> CoercedValue {
    guard case .object(let entries) = input else {
        onError(path, input, "Expected type \"\(type.name)\" to be an object.")
        return .null
    }
    var coerced: [CoercedValue.Entry] = []
    for field in type.fields {
        guard let value = entries.first(where: { $0.name == field.name })?.value else {
            if let defaultValue = field.defaultValue {
                coerced.append(CoercedValue.Entry(name: field.name, value: defaultValue))
            } else if field.type.isNonNull {
                onError(path, input, "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided.")
            }
            continue
        }
        coerced.append(
            CoercedValue.Entry(
                name: field.name,
                value: coerceInputValue(value, type: field.type, path: path + [.key(field.name)], onError: onError)))
    }
    for entry in entries where type.field(named: entry.name) == nil {
        let suggestions = suggestionList(entry.name, type.fields.map(\.name))
        onError(
            path, input, "Field \"\(entry.name)\" is not defined by type \"\(type.name)\"." + didYouMean(suggestions))
    }
    if type.isOneOf {
        if entries.count != 1 {
            onError(path, input, "Exactly one key must be specified for OneOf type \"\(type.name)\".")
        } else if let only = entries.first, only.value == .null {
            onError(path, input, "Field \"\(only.name)\" must be non-null.")
        }
    }
    return .object(coerced)
}

/// A built-in scalar's `parseValue` on a JSON value (a custom scalar takes any value).
func parseScalarValue(_ input: CoercedValue, _ scalar: ScalarType) throws(ScalarCoercionError) -> CoercedValue {
    guard scalar.isSpecifiedScalar else { return input }
    switch scalar.name {
    case "Int":
        guard let number = input.number, number == number.rounded(.towardZero), number.isFinite else {
            throw ScalarCoercionError("Int cannot represent non-integer value: \(inspect(input))")
        }
        guard number >= Double(Int32.min), number <= Double(Int32.max) else {
            throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(inspect(input))")
        }
        return .int(Int(number))
    case "Float":
        guard let number = input.number, number.isFinite else {
            throw ScalarCoercionError("Float cannot represent non numeric value: \(inspect(input))")
        }
        return .float(number)
    case "String":
        guard case .string = input else {
            throw ScalarCoercionError("String cannot represent a non string value: \(inspect(input))")
        }
        return input
    case "Boolean":
        guard case .boolean = input else {
            throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(inspect(input))")
        }
        return input
    case "ID":
        if case .string = input { return input }
        if let number = input.number, number == number.rounded(.towardZero), number.isFinite {
            return .string(number.javaScriptDescription)
        }
        throw ScalarCoercionError("ID cannot represent value: \(inspect(input))")
    default:
        return input
    }
}

extension CoercedValue {
    /// The value as a JavaScript number, if it is one.
    var number: Double? {
        switch self {
        case .int(let number): Double(number)
        case .float(let number): number
        default: nil
        }
    }
}

// MARK: - Arguments

/// CoerceArgumentValues (spec §6.4.1): a field's or directive's arguments, from literals and
/// variables, with defaults filled in. Throws a located error for a missing or invalid one.
func coerceArgumentValues(
    definitions: [InputValue], nodes: [Argument], variables: [String: CoercedValue], source: Source?,
    at location: Location
) throws(GraphQLError) -> [String: CoercedValue] {
    var coerced: [String: CoercedValue] = [:]
    for definition in definitions {
        let name = definition.name
        let type = definition.type
        guard let node = nodes.first(where: { $0.name.value == name }) else {
            if let defaultValue = definition.defaultValue {
                coerced[name] = defaultValue
            } else if type.isNonNull {
                throw GraphQLError(
                    "Argument \"\(name)\" of required type \"\(type)\" was not provided.", in: source, at: [location])
            }
            continue
        }
        var isNull = false
        if case .null = node.value { isNull = true }
        if case .variable(let variable) = node.value {
            let variableName = variable.name.value
            guard let value = variables[variableName] else {
                if let defaultValue = definition.defaultValue {
                    coerced[name] = defaultValue
                } else if type.isNonNull {
                    throw GraphQLError(
                        "Argument \"\(name)\" of required type \"\(type)\" was provided the variable \"$\(variableName)\" which was not provided a runtime value.",
                        in: source, at: [node.value.location])
                }
                continue
            }
            isNull = value == .null
        }
        if isNull, type.isNonNull {
            throw GraphQLError(
                "Argument \"\(name)\" of non-null type \"\(type)\" must not be null.", in: source,
                at: [node.value.location])
        }
        guard let value = valueFromAST(node.value, type: type, variables: variables) else {
            throw GraphQLError(
                "Argument \"\(name)\" has invalid value \(Printer.print(node.value)).", in: source,
                at: [node.value.location])
        }
        coerced[name] = value
    }
    return coerced
}

// MARK: - Messages

/// A value as graphql-js's `inspect` shows it in messages.
func inspect(_ value: CoercedValue) -> String {
    switch value {
    case .null: "null"
    case .boolean(let flag): flag ? "true" : "false"
    case .int(let number): String(number)
    case .float(let number): number.javaScriptDescription
    case .string(let text), .enumValue(let text): JSON.serialize(.string(text))
    case .list(let items): items.isEmpty ? "[]" : "[" + items.map(inspect).joined(separator: ", ") + "]"
    case .object(let entries):
        entries.isEmpty ? "{}" : "{ " + entries.map { "\($0.name): \(inspect($0.value))" }.joined(separator: ", ") + " }"
    }
}

/// `.a[0].b` for a path inside a value.
func printPath(_ path: [PathComponent]) -> String {
    path.map { component in
        switch component {
        case .key(let key): ".\(key)"
        case .index(let index): "[\(index)]"
        }
    }.joined()
}
