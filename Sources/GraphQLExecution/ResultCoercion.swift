import GraphQLLanguage
import GraphQLSchema

/// Result coercion of leaf values (spec §3.5.x "Result Coercion"), with graphql-js's rules:
/// Int and Float accept booleans and numeric strings, String accepts booleans and numbers,
/// Boolean accepts numbers, ID accepts integers; anything else is a field error.
func serializeScalar(_ resolved: FieldValue, _ scalar: ScalarType) throws(GraphQLError) -> CoercedValue {
    // String first, by identity (the built-in scalars are shared instances): it is the
    // commonest leaf, and needs neither the search of the specified scalars nor the switch.
    if scalar === ScalarType.string { return try serializeString(leafInput(resolved, typeName: scalar.name)) }
    guard scalar.isSpecifiedScalar else {
        // A custom scalar: its own coercion, or the value as it is.
        let value = try leafInput(resolved, typeName: scalar.name)
        guard let coercion = scalar.coercion else { return value }
        do {
            return try coercion.serialize(value)
        } catch {
            throw GraphQLError(message: error.message)
        }
    }
    let value = try leafInput(resolved, typeName: scalar.name)
    switch scalar.name {
    case "Int":
        let number: Double?
        switch value {
        case .boolean(let flag): number = flag ? 1 : 0
        case .string(let text): number = text.isEmpty ? nil : javaScriptNumber(text)
        default: number = value.number
        }
        guard let number, number.isFinite, number == number.rounded(.towardZero) else {
            throw GraphQLError(message: "Int cannot represent non-integer value: \(inspect(value))")
        }
        guard number >= Double(Int32.min), number <= Double(Int32.max) else {
            throw GraphQLError(message: "Int cannot represent non 32-bit signed integer value: \(inspect(value))")
        }
        return .int(Int(number))
    case "Float":
        let number: Double?
        switch value {
        case .boolean(let flag): number = flag ? 1 : 0
        case .string(let text): number = text.isEmpty ? nil : javaScriptNumber(text)
        default: number = value.number
        }
        guard let number, number.isFinite else {
            throw GraphQLError(message: "Float cannot represent non numeric value: \(inspect(value))")
        }
        return .float(number)
    case "Boolean":
        switch value {
        case .boolean: return value
        case .int(let number): return .boolean(number != 0)
        case .float(let number) where number.isFinite: return .boolean(number != 0)
        default: throw GraphQLError(message: "Boolean cannot represent a non boolean value: \(inspect(value))")
        }
    case "ID":
        switch value {
        case .string: return value
        case .int(let number): return .string(String(number))
        case .float(let number) where number.isFinite && number == number.rounded(.towardZero):
            return .string(number.javaScriptDescription)
        default: throw GraphQLError(message: "ID cannot represent value: \(inspect(value))")
        }
    default:
        return value
    }
}

/// String's result coercion.
private func serializeString(_ value: CoercedValue) throws(GraphQLError) -> CoercedValue {
    switch value {
    case .string, .enumValue: return value
    case .boolean(let flag): return .string(flag ? "true" : "false")
    case .int(let number): return .string(String(number))
    case .float(let number) where number.isFinite: return .string(number.javaScriptDescription)
    default: throw GraphQLError(message: "String cannot represent value: \(inspect(value))")
    }
}

/// An enum value: the name of one of the type's values.
func serializeEnum(_ resolved: FieldValue, _ enumType: EnumType) throws(GraphQLError) -> CoercedValue {
    let value = try leafInput(resolved, typeName: enumType.name)
    switch value {
    case .string(let name), .enumValue(let name):
        if enumType.hasValue(named: name) { return .string(name) }
    default:
        break
    }
    throw GraphQLError(message: "Enum \"\(enumType.name)\" cannot represent value: \(inspect(value))")
}

/// The JSON value a leaf type serializes; lists and opaque objects are not leaves.
private func leafInput(_ resolved: FieldValue, typeName: String) throws(GraphQLError) -> CoercedValue {
    switch resolved {
    case .json(let value): return value
    case .null: return .null
    case .list(let items):
        var values: [CoercedValue] = []
        for item in items {
            guard case .json(let value) = item else {
                throw GraphQLError(message: "\(typeName) cannot represent value: \(inspectFieldValue(resolved))")
            }
            values.append(value)
        }
        return .list(values)
    case .object, .pending:
        throw GraphQLError(message: "\(typeName) cannot represent value: \(inspectFieldValue(resolved))")
    }
}

/// JavaScript's `Number(text)` for the strings a JSON value can hold: decimal literals
/// (surrounding white space allowed), `0x`/`0o`/`0b` integers, and `Infinity`; `nil` for NaN.
func javaScriptNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingJavaScriptWhitespace()
    if trimmed.isEmpty { return 0 }
    switch trimmed {
    case "Infinity", "+Infinity": return .infinity
    case "-Infinity": return -.infinity
    default: break
    }
    let scalars = Array(trimmed.unicodeScalars)
    if scalars.count > 2, scalars[0] == "0" {
        let radix: Int? =
            switch scalars[1] {
            case "x", "X": 16
            case "o", "O": 8
            case "b", "B": 2
            default: nil
            }
        if let radix {
            var value = 0.0
            for scalar in scalars.dropFirst(2) {
                guard let digit = Int(String(scalar), radix: radix) else { return nil }
                value = value * Double(radix) + Double(digit)
            }
            return value
        }
    }
    // A decimal literal: sign, digits with at most one point, optional exponent.
    var index = 0
    if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
    var digits = 0
    while index < scalars.count, ("0"..."9").contains(scalars[index]) {
        index += 1
        digits += 1
    }
    if index < scalars.count, scalars[index] == "." {
        index += 1
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            index += 1
            digits += 1
        }
    }
    guard digits > 0 else { return nil }
    if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
        index += 1
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        var exponentDigits = 0
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            index += 1
            exponentDigits += 1
        }
        guard exponentDigits > 0 else { return nil }
    }
    guard index == scalars.count else { return nil }
    return Double(trimmed)
}

extension String {
    /// The string without JavaScript white space and line terminators at either end.
    fileprivate func trimmingJavaScriptWhitespace() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
                0x205F, 0x3000, 0xFEFF:
                true
            default: false
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
