import GraphQLLanguage

// MARK: - The five specified scalars (spec §3.5.1 – §3.5.5)

extension ScalarType {
    /// Int: a signed 32-bit integer (spec §3.5.1).
    public static let int = ScalarType(
        name: "Int",
        description: "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        coercion: IntCoercion()
    )

    /// Float: a double-precision finite value (spec §3.5.2).
    public static let float = ScalarType(
        name: "Float",
        description: "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        coercion: FloatCoercion()
    )

    /// String: a sequence of Unicode scalar values (spec §3.5.3).
    public static let string = ScalarType(
        name: "String",
        description: "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        coercion: StringCoercion()
    )

    /// Boolean: `true` or `false` (spec §3.5.4).
    public static let boolean = ScalarType(
        name: "Boolean",
        description: "The `Boolean` scalar type represents `true` or `false`.",
        coercion: BooleanCoercion()
    )

    /// ID: a unique identifier, serialized as a String (spec §3.5.5).
    public static let id = ScalarType(
        name: "ID",
        description: "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        coercion: IDCoercion()
    )

    /// The specified scalars in graphql-js's order.
    public static let specifiedScalarTypes: [ScalarType] = [string, int, float, boolean, id]

    /// A specified scalar by name.
    public static func specifiedScalar(named name: String) -> ScalarType? {
        specifiedScalarTypes.first { $0.name == name }
    }
}

/// Int accepts integer literals within 32 bits.
struct IntCoercion: ScalarCoercing {
    static let range = Int(Int32.min)...Int(Int32.max)

    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue {
        guard case .int(let node) = literal else {
            throw ScalarCoercionError("Int cannot represent non-integer value: \(Printer.print(literal))")
        }
        guard let number = Int(node.value), Self.range.contains(number) else {
            throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(node.value)")
        }
        return .int(number)
    }

    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue {
        switch value {
        case .int(let number) where Self.range.contains(number): return .int(number)
        case .float(let number):
            // Within range, truncation is exact exactly when the number is an integer.
            guard number >= Double(Int32.min), number <= Double(Int32.max), Double(Int(number)) == number,
                case let integer = Int(number)
            else {
                throw ScalarCoercionError("Int cannot represent value: \(value)")
            }
            return .int(integer)
        case .boolean(let flag): return .int(flag ? 1 : 0)
        default: throw ScalarCoercionError("Int cannot represent value: \(value)")
        }
    }
}

/// Float accepts integer and float literals.
struct FloatCoercion: ScalarCoercing {
    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue {
        switch literal {
        case .int(let node): return .float(Double(node.value) ?? .nan)
        case .float(let node): return .float(Double(node.value) ?? .nan)
        default: throw ScalarCoercionError("Float cannot represent non numeric value: \(Printer.print(literal))")
        }
    }

    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue {
        switch value {
        case .float(let number) where number.isFinite: return .float(number)
        case .int(let number): return .float(Double(number))
        case .boolean(let flag): return .float(flag ? 1 : 0)
        default: throw ScalarCoercionError("Float cannot represent non numeric value: \(value)")
        }
    }
}

/// String accepts string literals.
struct StringCoercion: ScalarCoercing {
    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue {
        guard case .string(let node) = literal else {
            throw ScalarCoercionError("String cannot represent a non string value: \(Printer.print(literal))")
        }
        return .string(node.value)
    }

    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue {
        switch value {
        case .string: return value
        case .boolean(let flag): return .string(flag ? "true" : "false")
        case .int(let number): return .string(String(number))
        case .float(let number) where number.isFinite: return .string(number.javaScriptDescription)
        default: throw ScalarCoercionError("String cannot represent value: \(value)")
        }
    }
}

/// Boolean accepts `true` and `false`.
struct BooleanCoercion: ScalarCoercing {
    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue {
        guard case .boolean(let node) = literal else {
            throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(Printer.print(literal))")
        }
        return .boolean(node.value)
    }

    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue {
        switch value {
        case .boolean: return value
        case .int(let number): return .boolean(number != 0)
        case .float(let number) where number.isFinite: return .boolean(number != 0)
        default: throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(value)")
        }
    }
}

/// ID accepts string and integer literals, and keeps them as strings.
struct IDCoercion: ScalarCoercing {
    func parseLiteral(_ literal: Value) throws(ScalarCoercionError) -> CoercedValue {
        switch literal {
        case .string(let node): return .string(node.value)
        case .int(let node): return .string(node.value)
        default:
            throw ScalarCoercionError(
                "ID cannot represent a non-string and non-integer value: \(Printer.print(literal))")
        }
    }

    func serialize(_ value: CoercedValue) throws(ScalarCoercionError) -> CoercedValue {
        switch value {
        case .string: return value
        case .int(let number): return .string(String(number))
        default: throw ScalarCoercionError("ID cannot represent value: \(value)")
        }
    }
}
