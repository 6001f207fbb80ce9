import GraphQLLanguage

/// Coerces a literal to a value of `type`, as graphql-js's `valueFromAST` does (spec §3.5
/// "Input Coercion" for each kind of type): `nil` means the literal is not a valid value of
/// the type. Variables are looked up in `variables`; a missing one makes the value invalid
/// where the type requires one.
public func valueFromAST(
    _ valueNode: Value, type: GraphQLType, variables: [String: CoercedValue]? = nil
) -> CoercedValue? {
    if case .variable(let variable) = valueNode {
        guard let value = variables?[variable.name.value] else { return nil }
        if value == .null && type.isNonNull { return nil }
        return value
    }

    switch type {
    case .nonNull(let inner):
        if case .null = valueNode { return nil }
        return valueFromAST(valueNode, type: inner, variables: variables)

    case .list(let itemType):
        if case .null = valueNode { return .null }
        guard case .list(let list) = valueNode else {
            // A single value stands for a list of one (spec §3.12 "Input Coercion").
            return valueFromAST(valueNode, type: itemType, variables: variables).map { .list([$0]) }
        }
        var items: [CoercedValue] = []
        items.reserveCapacity(list.values.count)
        for item in list.values {
            if isMissingVariable(item, variables) {
                if itemType.isNonNull { return nil }
                items.append(.null)
            } else {
                guard let coerced = valueFromAST(item, type: itemType, variables: variables) else { return nil }
                items.append(coerced)
            }
        }
        return .list(items)

    case .named(let namedType):
        if case .null = valueNode { return .null }
        switch namedType {
        case .inputObject(let inputObject):
            return inputObjectFromAST(valueNode, inputObject, variables)
        case .enumType(let enumType):
            guard case .enumValue(let literal) = valueNode, enumType.value(named: literal.value) != nil else {
                return nil
            }
            return .enumValue(literal.value)
        case .scalar(let scalar):
            guard let coercion = scalar.coercion else { return valueFromASTUntyped(valueNode, variables: variables) }
            return try? coercion.parseLiteral(valueNode)
        case .object, .interface, .union:
            return nil
        }
    }
}

private func inputObjectFromAST(
    _ valueNode: Value, _ type: InputObjectType, _ variables: [String: CoercedValue]?
) -> CoercedValue? {
    guard case .object(let object) = valueNode else { return nil }
    var fieldNodes: [String: ObjectField] = [:]
    for field in object.fields {
        fieldNodes[field.name.value] = field
    }
    var entries: [CoercedValue.Entry] = []
    for field in type.fields {
        guard let fieldNode = fieldNodes[field.name], !isMissingVariable(fieldNode.value, variables) else {
            if let defaultValue = field.defaultValue {
                entries.append(.init(name: field.name, value: defaultValue))
            } else if field.type.isNonNull {
                return nil
            }
            continue
        }
        guard let value = valueFromAST(fieldNode.value, type: field.type, variables: variables) else { return nil }
        entries.append(.init(name: field.name, value: value))
    }
    return .object(entries)
}

private func isMissingVariable(_ valueNode: Value, _ variables: [String: CoercedValue]?) -> Bool {
    guard case .variable(let variable) = valueNode else { return false }
    return variables?[variable.name.value] == nil
}

/// A literal's value without a type to guide it, as a custom scalar receives it: numbers
/// become JavaScript numbers, enum names strings, lists and objects their contents.
public func valueFromASTUntyped(_ valueNode: Value, variables: [String: CoercedValue]? = nil) -> CoercedValue? {
    switch valueNode {
    case .null: return .null
    case .int(let node):
        // parseInt: exact while the magnitude stays within 2^53, a double beyond.
        if let number = Int(node.value), abs(number) <= 1 << 53 { return .int(number) }
        return .float(Double(node.value) ?? .nan)
    case .float(let node): return .float(Double(node.value) ?? .nan)
    case .string(let node): return .string(node.value)
    case .enumValue(let node): return .string(node.value)
    case .boolean(let node): return .boolean(node.value)
    case .list(let node):
        return .list(node.values.map { valueFromASTUntyped($0, variables: variables) ?? .null })
    case .object(let node):
        var entries: [CoercedValue.Entry] = []
        for field in node.fields {
            let value = valueFromASTUntyped(field.value, variables: variables) ?? .null
            if let index = entries.firstIndex(where: { $0.name == field.name.value }) {
                entries[index].value = value
            } else {
                entries.append(.init(name: field.name.value, value: value))
            }
        }
        return .object(entries)
    case .variable(let variable):
        return variables?[variable.name.value]
    }
}
