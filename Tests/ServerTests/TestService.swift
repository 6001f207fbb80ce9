import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Hummingbird
import Logging
import Prometheus
import Server

/// A GraphQL service over our real engine: a small schema built from SDL, default resolvers
/// over a root JSON value, and a few fields that fail or take their time.
struct EngineService: GraphQLService {
    static let sdl = """
        type Query {
          hello: String
          greeting(name: String!): String
          user(id: ID!): User
          broken: String
          brokenRequired: String!
          slow: String
        }

        type User {
          id: ID!
          name: String
        }

        type Mutation {
          rename(name: String!): String
        }
        """

    static let schema: Schema = {
        do {
            return try buildSchema(Source(body: sdl))
        } catch {
            fatalError("The test schema does not build: \(error)")
        }
    }()

    let schema: Schema = EngineService.schema
    let validationRules: [any ValidationRule] = specifiedRules
    let parseOptions = ParseOptions()
    let resolvers: Resolvers
    let stores: [StoreStatus]

    /// - Parameters:
    ///   - slowDelay: how long `slow` takes.
    ///   - slowStarted: called when `slow` starts resolving.
    init(
        stores: [StoreStatus] = [], slowDelay: Duration = .milliseconds(300),
        slowStarted: @escaping @Sendable () -> Void = {}
    ) {
        self.stores = stores
        self.resolvers = Resolvers(fields: [
            "Query": [
                "greeting": FieldResolver { _, arguments, _ in
                    guard case .string(let name)? = arguments["name"] else { return .null }
                    return .json(.string("Hello, \(name)!"))
                },
                "user": FieldResolver { _, arguments, _ in
                    guard case .string(let id)? = arguments["id"] else { return .null }
                    return .json(
                        .object([.init(name: "id", value: .string(id)), .init(name: "name", value: .string("Ada"))]))
                },
                "broken": FieldResolver { _, _, _ in throw GraphQLError(message: "The broken field failed.") },
                "brokenRequired": FieldResolver { _, _, _ in throw GraphQLError(message: "The broken field failed.") },
                "slow": .async { _, _, _ in
                    slowStarted()
                    try await Task.sleep(for: slowDelay)
                    return "done"
                },
            ],
            "Mutation": [
                "rename": FieldResolver { _, arguments, _ in
                    guard case .string(let name)? = arguments["name"] else { return .null }
                    return .json(.string("renamed to \(name)"))
                }
            ],
        ])
    }

    /// Admits everyone, keeping what the client sent so `execute` can echo it.
    func admit(_ client: ClientInfo) async -> Admission<ClientInfo> { .admitted(client) }

    func execute(_ request: GraphQLRequest, as client: ClientInfo) async -> GraphQLResponse {
        let result = await GraphQLExecution.execute(
            ExecutionRequest(
                schema: schema, document: request.document, source: request.source, operation: request.operation,
                variableValues: request.variables,
                rootValue: .json(.object([.init(name: "hello", value: .string("world"))])), resolvers: resolvers))
        // Echo what the server passed on, so tests can check it.
        guard client.wantsTrace else { return GraphQLResponse(result: result) }
        let trace: CoercedValue = .object([
            .init(name: "authorization", value: client.authorization.map { .string($0) } ?? .null),
            .init(
                name: "extensions",
                value: .object(
                    request.extensions.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) })),
        ])
        return GraphQLResponse(result: result, extensions: .object([.init(name: "trace", value: trace)]))
    }

    func health() async -> [StoreStatus] { stores }
}

/// A server over `EngineService`, with its own registry.
func makeTestServer(
    service: EngineService = EngineService(), configuration: ServerConfiguration = ServerConfiguration(),
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> some ApplicationProtocol {
    var logger = Logger(label: "chorus.server.tests")
    logger.logLevel = .warning
    return makeServer(service: service, configuration: configuration, registry: registry, logger: logger)
}
