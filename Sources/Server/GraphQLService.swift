import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation

/// What the HTTP edge needs from a GraphQL backend: who is asking, the schema and rules to
/// check requests against, a way to execute one, and the state of the stores behind it.
///
/// The server admits each operation first (`admit`), then parses and validates it with the
/// service's schema, rules and parse options (through its document cache), selects the
/// operation, and calls `execute` only for a document that passed, with the caller `admit`
/// returned. Conforming types are shared by every request, concurrently.
public protocol GraphQLService: Sendable {
    /// Who is asking, as the service knows them once admitted (a verified identity, say).
    associatedtype Caller: Sendable = Void
    /// The schema requests are validated against.
    var schema: Schema { get }
    /// The validation rules to run: `specifiedRules` plus any limits the service adds (depth,
    /// cost, aliases…), in the order their errors should come out.
    var validationRules: [any ValidationRule] { get }
    /// Bounds on the documents the server parses (tokens, nesting).
    var parseOptions: ParseOptions { get }
    /// Admits or refuses one operation before the server parses it, so that every operation
    /// counts against the client's rate, refused ones included: the caller, or a response
    /// refusing them (`401` for a refused credential, `429` over the rate). Called once per
    /// operation of a batch.
    func admit(_ client: ClientInfo) async -> Admission<Caller>
    /// Executes one validated request for the caller `admit` returned.
    ///
    /// The variables are the client's JSON; coercing them is the service's job (the engine's
    /// `execute` does it), and a coercion failure comes back as a result with `data == nil`.
    func execute(_ request: GraphQLRequest, as caller: Caller) async -> GraphQLResponse
    /// Each store's status, for `/health`. The service bounds how long this takes.
    func health() async -> [StoreStatus]
}

/// A service's decision on one operation: go ahead as `Caller`, or this response.
public enum Admission<Caller: Sendable>: Sendable {
    case admitted(Caller)
    case refused(GraphQLResponse)
}

extension GraphQLService where Caller == Void {
    /// Admits every operation.
    public func admit(_ client: ClientInfo) async -> Admission<Void> { .admitted(()) }
}

/// The parts of an HTTP request a service may act on: credentials, the trace switch, the
/// peer. The server fills it; the service never sees HTTP itself.
public struct ClientInfo: Sendable, Equatable {
    /// The `Authorization` header's value, as sent.
    public var authorization: String?
    /// Whether the request carried `chorus-trace: 1`, asking for `extensions.trace`.
    public var wantsTrace: Bool
    /// The address of the connection's peer (`ip:port`), when known. Behind a proxy this is
    /// the proxy's.
    public var address: String?

    public init(authorization: String? = nil, wantsTrace: Bool = false, address: String? = nil) {
        self.authorization = authorization
        self.wantsTrace = wantsTrace
        self.address = address
    }
}

/// The service's answer: the execution result, and the response's `extensions` entry (the
/// trace, for instance) when it has one.
public struct GraphQLResponse: Sendable {
    public var result: ExecutionResult
    public var extensions: CoercedValue?
    /// A status the service chooses over the one the GraphQL-over-HTTP rules give, for what
    /// those rules do not cover: `401` for a refused credential, `429` for a client over its
    /// rate. Nil for the usual status.
    public var status: Int?
    /// Headers to add (`WWW-Authenticate` with a 401, `Retry-After` with a 429).
    public var headers: [(name: String, value: String)]

    public init(
        result: ExecutionResult, extensions: CoercedValue? = nil, status: Int? = nil,
        headers: [(name: String, value: String)] = []
    ) {
        self.result = result
        self.extensions = extensions
        self.status = status
        self.headers = headers
    }
}

/// One store's state as `/health` reports it.
public struct StoreStatus: Sendable, Equatable {
    public var name: String
    public var isUp: Bool
    /// How long the check took, when it completed.
    public var latency: Duration?
    /// Why the store is down, in words safe to show an operator (no credentials, no data).
    public var error: String?

    public init(name: String, isUp: Bool, latency: Duration? = nil, error: String? = nil) {
        self.name = name
        self.isUp = isUp
        self.latency = latency
        self.error = error
    }
}
