import StoreSupport

/// A five-character SQLSTATE code (PostgreSQL manual, appendix A).
public struct SQLState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let uniqueViolation = Self(rawValue: "23505")
    public static let foreignKeyViolation = Self(rawValue: "23503")
    public static let checkViolation = Self(rawValue: "23514")
    public static let notNullViolation = Self(rawValue: "23502")
    public static let exclusionViolation = Self(rawValue: "23P01")
    public static let queryCanceled = Self(rawValue: "57014")
    public static let serializationFailure = Self(rawValue: "40001")
    public static let deadlockDetected = Self(rawValue: "40P01")
    public static let undefinedTable = Self(rawValue: "42P01")
    public static let undefinedColumn = Self(rawValue: "42703")
    public static let syntaxError = Self(rawValue: "42601")
    public static let invalidTextRepresentation = Self(rawValue: "22P02")
    public static let characterNotInRepertoire = Self(rawValue: "22021")
    public static let untranslatableCharacter = Self(rawValue: "22P05")
    public static let stringDataRightTruncation = Self(rawValue: "22001")
    public static let numericValueOutOfRange = Self(rawValue: "22003")
    public static let programLimitExceeded = Self(rawValue: "54000")
    public static let adminShutdown = Self(rawValue: "57P01")

    /// The class: the first two characters (`23` is integrity constraint violation).
    public var errorClass: String { String(rawValue.prefix(2)) }
    public var isIntegrityConstraintViolation: Bool { errorClass == "23" }

    public var description: String { rawValue }
}

/// What the server said about a failed statement.
///
/// `message` and `detail` may quote the values involved (a unique violation's detail names the
/// duplicate key): keep them in logs that may hold personal data, never in client responses.
public struct PostgresServerError: Sendable, Hashable {
    public var sqlState: SQLState
    public var severity: String
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
}

/// Every way a PostgreSQL call fails.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server rejected the statement; `sqlState` says why.
    case server(PostgresServerError)
    /// No connection could be opened (server down, wrong URL, authentication).
    case connectionFailed(message: String)
    /// The connection broke during the call; the statement may or may not have run.
    case connectionLost(message: String)
    /// The call passed its deadline; the server was asked to cancel it.
    case timeout(after: Duration)
    /// The calling task was cancelled; the server was asked to cancel the statement.
    case cancelled
    /// A parameter cannot be sent; `index` counts from 1, like `$1`.
    case invalidParameter(index: Int, reason: String)
    /// A result could not be decoded or converted to the requested Swift type.
    case decoding(column: String, reason: String)
    /// The URL or configuration is unusable.
    case invalidConfiguration(String)
    /// The client used the protocol wrongly (for example COPY in a non-COPY statement).
    case protocolViolation(String)

    /// The SQLSTATE, when the server reported the failure.
    public var sqlState: SQLState? {
        if case .server(let error) = self { return error.sqlState }
        return nil
    }

    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
    public var isForeignKeyViolation: Bool { sqlState == .foreignKeyViolation }
    public var isCheckViolation: Bool { sqlState == .checkViolation }

    /// The violated constraint's name, for mapping to user-facing errors.
    public var constraint: String? {
        if case .server(let error) = self { return error.constraint }
        return nil
    }

    /// Safe for operators' logs: no parameter values, and no server `detail` (which may quote data).
    public var description: String {
        switch self {
        case .server(let error):
            "PostgreSQL error \(error.sqlState): \(error.message)"
                + (error.constraint.map { " (constraint \($0))" } ?? "")
        case .connectionFailed(let message): "could not connect to PostgreSQL: \(message)"
        case .connectionLost(let message): "the PostgreSQL connection broke: \(message)"
        case .timeout(let after): "the PostgreSQL call exceeded its \(after.secondsDescription) timeout and was cancelled"
        case .cancelled: "the PostgreSQL call was cancelled with its task"
        case .invalidParameter(let index, let reason): "parameter $\(index) cannot be sent: \(reason)"
        case .decoding(let column, let reason): "cannot decode column \"\(column)\": \(reason)"
        case .invalidConfiguration(let reason): "invalid PostgreSQL configuration: \(reason)"
        case .protocolViolation(let reason): "PostgreSQL protocol misuse: \(reason)"
        }
    }
}
