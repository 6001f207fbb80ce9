import GraphQLLanguage

/// The literal that denotes `value` as a value of `type`, as graphql-js's `astFromValue`
/// writes it: `nil` when there is nothing to write (no value, or `null` for a non-null type,
/// or a value the type cannot serialize).
///
/// Numbers use JavaScript's formatting, and become IntValue when they look like integers;
/// an ID that looks like an integer is written as one; enum values as names; input objects
/// in the type's field order.
public func astFromValue(_ value: CoercedValue, type: GraphQLType) -> Value? {
    let here = Location(start: 0, end: 0)
    switch type {
    case .nonNull(let inner):
        let literal = astFromValue(value, type: inner)
        if case .null? = literal { return nil }
        return literal

    case .list(let itemType):
        if value == .null { return .null(NullValue(location: here)) }
        guard case .list(let items) = value else { return astFromValue(value, type: itemType) }
        return .list(ListValue(values: items.compactMap { astFromValue($0, type: itemType) }, location: here))

    case .named(let namedType):
        if value == .null { return .null(NullValue(location: here)) }
        switch namedType {
        case .inputObject(let inputObject):
            guard case .object = value else { return nil }
            var fields: [ObjectField] = []
            for field in inputObject.fields {
                guard let fieldValue = value[field: field.name],
                    let literal = astFromValue(fieldValue, type: field.type)
                else { continue }
                fields.append(
                    ObjectField(name: Name(value: field.name, location: here), value: literal, location: here))
            }
            return .object(ObjectValue(fields: fields, location: here))

        case .enumType(let enumType):
            switch value {
            case .enumValue(let name), .string(let name):
                guard enumType.value(named: name) != nil else { return nil }
                return .enumValue(EnumValue(value: name, location: here))
            default:
                return nil
            }

        case .scalar(let scalar):
            let serialized: CoercedValue
            if let coercion = scalar.coercion {
                guard let result = try? coercion.serialize(value) else { return nil }
                serialized = result
            } else {
                serialized = value
            }
            return literal(serialized, isID: scalar === ScalarType.id)

        case .object, .interface, .union:
            return nil
        }
    }
}

/// The literal for a serialized scalar value.
private func literal(_ value: CoercedValue, isID: Bool) -> Value? {
    let here = Location(start: 0, end: 0)
    switch value {
    case .null:
        return .null(NullValue(location: here))
    case .boolean(let flag):
        return .boolean(BooleanValue(value: flag, location: here))
    case .int(let number):
        return .int(IntValue(value: String(number), location: here))
    case .float(let number):
        guard number.isFinite else { return nil }
        let text = number.javaScriptDescription
        return looksLikeInteger(text)
            ? .int(IntValue(value: text, location: here)) : .float(FloatValue(value: text, location: here))
    case .string(let text), .enumValue(let text):
        if isID && looksLikeInteger(text) { return .int(IntValue(value: text, location: here)) }
        return .string(StringValue(value: text, location: here))
    case .list(let items):
        // graphql-js 16 cannot print these (it throws); write the plain literal instead.
        return .list(ListValue(values: items.compactMap { literal($0, isID: false) }, location: here))
    case .object(let entries):
        let fields = entries.compactMap { entry in
            literal(entry.value, isID: false).map {
                ObjectField(name: Name(value: entry.name, location: here), value: $0, location: here)
            }
        }
        return .object(ObjectValue(fields: fields, location: here))
    }
}

/// /^-?(?:0|[1-9][0-9]*)$/
private func looksLikeInteger(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
    if first == UInt8(ascii: "0") { return bytes.count == 1 }
    return bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
}
