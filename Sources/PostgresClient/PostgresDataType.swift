/// A PostgreSQL type, by its OID in `pg_type`.
public struct PostgresDataType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Lets the server infer the type from the statement (used for `NULL` parameters).
    public static let unspecified = Self(rawValue: 0)
    public static let bool = Self(rawValue: 16)
    public static let bytea = Self(rawValue: 17)
    public static let name = Self(rawValue: 19)
    public static let int8 = Self(rawValue: 20)
    public static let int2 = Self(rawValue: 21)
    public static let int4 = Self(rawValue: 23)
    public static let text = Self(rawValue: 25)
    public static let oid = Self(rawValue: 26)
    public static let json = Self(rawValue: 114)
    public static let float4 = Self(rawValue: 700)
    public static let float8 = Self(rawValue: 701)
    public static let bpchar = Self(rawValue: 1042)
    public static let varchar = Self(rawValue: 1043)
    public static let date = Self(rawValue: 1082)
    public static let timestamp = Self(rawValue: 1114)
    public static let timestamptz = Self(rawValue: 1184)
    public static let numeric = Self(rawValue: 1700)
    public static let uuid = Self(rawValue: 2950)
    public static let jsonb = Self(rawValue: 3802)

    public static let boolArray = Self(rawValue: 1000)
    public static let byteaArray = Self(rawValue: 1001)
    public static let int2Array = Self(rawValue: 1005)
    public static let int4Array = Self(rawValue: 1007)
    public static let textArray = Self(rawValue: 1009)
    public static let varcharArray = Self(rawValue: 1015)
    public static let int8Array = Self(rawValue: 1016)
    public static let float4Array = Self(rawValue: 1021)
    public static let float8Array = Self(rawValue: 1022)
    public static let timestampArray = Self(rawValue: 1115)
    public static let timestamptzArray = Self(rawValue: 1185)
    public static let numericArray = Self(rawValue: 1231)
    public static let uuidArray = Self(rawValue: 2951)
    public static let jsonArray = Self(rawValue: 199)
    public static let jsonbArray = Self(rawValue: 3807)

    private static let arrays: [Self: Self] = [
        .bool: .boolArray, .bytea: .byteaArray, .int2: .int2Array, .int4: .int4Array,
        .text: .textArray, .varchar: .varcharArray, .int8: .int8Array, .float4: .float4Array,
        .float8: .float8Array, .timestamp: .timestampArray, .timestamptz: .timestamptzArray,
        .numeric: .numericArray, .uuid: .uuidArray, .json: .jsonArray, .jsonb: .jsonbArray,
    ]

    /// The one-dimensional array type of this element type, if this client knows it.
    public var arrayType: Self? { Self.arrays[self] }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int2: "int2"
        case .int4: "int4"
        case .int8: "int8"
        case .text: "text"
        case .float8: "float8"
        case .numeric: "numeric"
        case .uuid: "uuid"
        case .jsonb: "jsonb"
        case .timestamptz: "timestamptz"
        default:
            if let element = Self.arrays.first(where: { $0.value == self })?.key { "\(element)[]" } else { "oid \(rawValue)" }
        }
    }
}
