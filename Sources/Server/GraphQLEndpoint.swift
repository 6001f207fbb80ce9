import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/graphql`: GraphQL over HTTP (the GraphQL-over-HTTP draft), from request bytes to a
/// GraphQL response.
///
/// The steps, each of which can end the request:
/// 1. a browser asking for HTML gets the playground (GET only);
/// 2. a method other than GET and POST gets `405`;
/// 3. `Accept` → the response media type, or `406`;
/// 4. the parameters: GET's query string, or POST's JSON body (`415` for another
///    `Content-Type`, `413` past the size limit, `400` for JSON that does not parse, `422`
///    for parameters of the wrong shape); a POST body may be a batch, an array of
///    request objects (`413` past the batch limit); variables past their size limit get `413`;
/// 5. admission by the service (who is asking, the rate limit), before any GraphQL work: the
///    caller it returns is the one step 8 executes for; then the document, from the document
///    cache or parsed and validated (`DocumentCache.prepare`; a syntax error ends it);
/// 6. GetOperation(), once, and `405` for a mutation over GET;
/// 7. the validation errors, if any, end it;
/// 8. execute the selected operation through the service.
struct GraphQLEndpoint<Service: GraphQLService>: Sendable {
    let service: Service
    let maxBodySize: Int
    /// The most bytes one request's variables may take as JSON.
    let maxVariablesSize: Int
    /// The most operations a batch may hold; 1 turns batching off.
    let maxBatchSize: Int
    let playground: PlaygroundFiles
    /// Documents parsed and validated already, by their text (shared by every request).
    let documents: DocumentCache
    let metrics: ServerMetrics
    let logger: Logger

    static var traceHeader: HTTPField.Name { HTTPField.Name("chorus-trace")! }

    /// Every GraphQL answer (errors included) gets `Cache-Control: private, no-store`: it
    /// depends on who is asking and may hold personal data, so no cache, shared or private,
    /// keeps it. The playground page keeps its own `Cache-Control`.
    func respond(to request: Request, context: ServerRequestContext) async throws -> Response {
        var response = try await answer(request, context: context)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "private, no-store" }
        return response
    }

    private func answer(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let receivedAt = ContinuousClock.now
        let accept = request.headers[values: .accept]
        let acceptValue = accept.isEmpty ? nil : accept.joined(separator: ", ")
        if request.method == .get, ResponseMediaType.prefersHTML(accept: acceptValue) {
            return playground.page(for: request)
        }
        let negotiated = ResponseMediaType.negotiate(accept: acceptValue)
        guard request.method == .get || request.method == .post else {
            return errorResponse(
                status: .methodNotAllowed, mediaType: negotiated ?? .json, headers: [.allow: "GET, POST, OPTIONS"],
                message: "GraphQL requests use GET or POST.")
        }
        guard let mediaType = negotiated else {
            return errorResponse(
                status: .notAcceptable, mediaType: .json,
                message: "The Accept header allows neither application/graphql-response+json nor application/json.")
        }

        var body: ByteBuffer?
        if request.method == .post {
            guard isJSONRequestBody(contentType: request.headers[.contentType]) else {
                return errorResponse(
                    status: .unsupportedMediaType, mediaType: mediaType,
                    message: "A POST body must be application/json in UTF-8.")
            }
            body = try await readBody(request)
            if body == nil {
                return errorResponse(
                    status: .contentTooLarge, mediaType: mediaType,
                    message: "The request body is larger than the limit of \(maxBodySize) bytes.")
            }
        }

        let requests: [RequestParameters]
        let batched: Bool
        do throws(ParameterError) {
            if let body {
                switch try RequestBody(jsonBody: body.readableBytesView) {
                case .single(let parameters): (requests, batched) = ([parameters], false)
                case .batch(let items): (requests, batched) = (items, true)
                }
            } else {
                (requests, batched) = ([try RequestParameters(queryString: request.uri.query)], false)
            }
        } catch {
            switch error {
            case .unreadableBody(let message):
                return errorResponse(status: .badRequest, mediaType: mediaType, message: message)
            case .malformed(let message):
                let status = HTTPResponse.Status(outcome: .malformedParameters)
                return errorResponse(status: status, mediaType: mediaType.forStatus(status), message: message)
            }
        }

        if batched, maxBatchSize <= 1 || requests.count > maxBatchSize {
            return Response(
                limitExceeded(
                    "batchSize", mediaType: mediaType,
                    message: maxBatchSize <= 1
                        ? "Batched requests are turned off: send one request object."
                        : "The batch holds \(requests.count) operations, over the limit of \(maxBatchSize) by \(requests.count - maxBatchSize)."
                ))
        }
        for (index, parameters) in requests.enumerated() {
            let size = parameters.variablesSize
            guard size > maxVariablesSize else { continue }
            return Response(
                limitExceeded(
                    "variablesSize", mediaType: mediaType,
                    message: (batched ? "Batch item \(index): " : "")
                        + "The variables take \(size) bytes, over the limit of \(maxVariablesSize) by \(size - maxVariablesSize)."
                ))
        }

        let client = ClientInfo(
            authorization: request.headers[.authorization],
            wantsTrace: request.headers[Self.traceHeader].map { $0[...].trimmingWhitespace() } == "1",
            address: context.remoteAddress.flatMap(Self.describe))
        guard batched else {
            return Response(
                await execute(
                    requests[0], method: request.method, client: client, mediaType: mediaType, receivedAt: receivedAt))
        }
        return Response(await executeBatch(requests, client: client, mediaType: mediaType, receivedAt: receivedAt))
    }

    /// A batch: its operations run concurrently, each as if sent alone (parsed, validated,
    /// admitted by the rate limit, executed), and their responses come back as a JSON array
    /// in the batch's order. The status is the one all of them share, else `200`.
    func executeBatch(
        _ requests: [RequestParameters], client: ClientInfo, mediaType: ResponseMediaType,
        receivedAt: ContinuousClock.Instant = .now
    ) async -> Answer {
        let answers = await withTaskGroup(of: (Int, Answer).self) { group in
            for (index, parameters) in requests.enumerated() {
                group.addTask {
                    (
                        index,
                        await execute(
                            parameters, method: .post, client: client, mediaType: mediaType, receivedAt: receivedAt)
                    )
                }
            }
            var answers = [Answer?](repeating: nil, count: requests.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers.compactMap { $0 }
        }
        let status = answers.allSatisfy({ $0.status == answers[0].status }) ? answers[0].status : .ok
        var headers = status == answers[0].status ? answers[0].headers : [:]
        headers[.contentType] = mediaType.forStatus(status).contentType
        return Answer(status: status, headers: headers, body: "[" + answers.map(\.body).joined(separator: ",") + "]")
    }

    /// A response before it is written: batches put several bodies in one.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
    }

    /// Steps 5 to 8: the GraphQL part, once the parameters are known.
    func execute(
        _ parameters: RequestParameters, method: HTTPRequest.Method, client: ClientInfo, mediaType: ResponseMediaType,
        receivedAt: ContinuousClock.Instant = .now
    ) async -> Answer {
        let caller: Service.Caller
        switch await service.admit(client) {
        case .admitted(let admitted): caller = admitted
        case .refused(let refusal):
            metrics.recordGraphQLErrors(refusal.result.errors.count, kind: .request)
            return serviceAnswer(refusal, outcome: RequestOutcome(refusal.result), mediaType: mediaType)
        }
        var missed = false
        let entry = documents.entry(for: parameters.query) {
            missed = true
            return DocumentCache.prepare(
                Source(body: parameters.query), schema: service.schema, rules: service.validationRules,
                parseOptions: service.parseOptions)
        }
        metrics.recordDocumentLookup(hit: !missed, documents)
        let source: Source
        let document: Document
        let validationErrors: [GraphQLError]
        switch entry {
        case .syntaxError(let error):
            metrics.recordGraphQLErrors(1, kind: .syntax)
            return graphQLResponse(
                ExecutionResult(data: nil, errors: [error]), outcome: .syntaxError, mediaType: mediaType)
        case .parsed(let parsedSource, let parsed, let errors):
            (source, document, validationErrors) = (parsedSource, parsed, errors)
        }

        // GET is safe: a mutation over it is refused before anything runs ("GET").
        let selection = selectOperation(document, name: parameters.operationName)
        if method == .get, case .success(let operation) = selection, operation.operation == .mutation {
            return errorAnswer(
                status: .methodNotAllowed, mediaType: mediaType, headers: [.allow: "POST"],
                error: GraphQLError(message: "Mutations must be sent with POST."))
        }
        if !validationErrors.isEmpty {
            metrics.recordGraphQLErrors(validationErrors.count, kind: .validation)
            return graphQLResponse(
                ExecutionResult(data: nil, errors: validationErrors), outcome: .requestError, mediaType: mediaType)
        }
        let operation: OperationDefinition
        switch selection {
        case .success(let selected): operation = selected
        case .failure(let error):
            metrics.recordGraphQLErrors(1, kind: .request)
            return graphQLResponse(
                ExecutionResult(data: nil, errors: [error]), outcome: .requestError, mediaType: mediaType)
        }

        let response = await service.execute(
            GraphQLRequest(
                document: document, source: source, operation: operation, variables: parameters.variables,
                extensions: parameters.extensions, receivedAt: receivedAt),
            as: caller)
        let outcome = RequestOutcome(response.result)
        metrics.recordGraphQLErrors(response.result.errors.count, kind: outcome == .requestError ? .request : .field)
        // The underlying error stays out of the response; its type (not its description, which
        // may hold private values) goes to the debug log.
        for error in response.result.errors {
            if let underlying = error.underlying {
                logger.debug(
                    "GraphQL error",
                    metadata: [
                        "graphql.error": "\(error.message)", "graphql.path": "\(error.path ?? [])",
                        "error.type": "\(type(of: underlying))",
                    ])
            }
        }
        return serviceAnswer(response, outcome: outcome, mediaType: mediaType)
    }

    /// The service's response with the status and headers it chose, if any.
    private func serviceAnswer(_ response: GraphQLResponse, outcome: RequestOutcome, mediaType: ResponseMediaType)
        -> Answer
    {
        var http = graphQLResponse(response.result, extensions: response.extensions, outcome: outcome, mediaType: mediaType)
        if let status = response.status { http.status = HTTPResponse.Status(code: status) }
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { http.headers[name] = header.value }
        }
        return http
    }

    // MARK: - Reading and writing

    /// The body, or nil when it is larger than the limit (by `Content-Length`, or as read).
    /// Other failures (the connection closing) are thrown.
    private func readBody(_ request: Request) async throws -> ByteBuffer? {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodySize { return nil }
        do {
            return try await request.body.collect(upTo: maxBodySize)
        } catch is NIOTooManyBytesError {
            return nil
        }
    }

    private func graphQLResponse(
        _ result: ExecutionResult, extensions: CoercedValue? = nil, outcome: RequestOutcome,
        mediaType: ResponseMediaType
    ) -> Answer {
        let status = HTTPResponse.Status(outcome: outcome)
        return Answer(
            status: status, headers: [.contentType: mediaType.forStatus(status).contentType],
            body: result.json(extensions: extensions))
    }

    /// A request over one of the limits above, refused before anything runs: `413`, with the
    /// error's `extensions` naming the limit (`LIMIT_EXCEEDED`, as the operation limits do).
    private func limitExceeded(_ limit: String, mediaType: ResponseMediaType, message: String) -> Answer {
        errorAnswer(
            status: .contentTooLarge, mediaType: mediaType,
            error: GraphQLError(message: message, extensions: ["code": "LIMIT_EXCEEDED", "limit": limit]))
    }

    /// A response for a request that never reached GraphQL, shaped as a GraphQL response
    /// (`{"errors":[{"message":…}]}`) so that every client can read it.
    private func errorResponse(
        status: HTTPResponse.Status, mediaType: ResponseMediaType, headers: HTTPFields = [:], message: String
    ) -> Response {
        Response(errorAnswer(status: status, mediaType: mediaType, headers: headers, error: GraphQLError(message: message)))
    }

    private func errorAnswer(
        status: HTTPResponse.Status, mediaType: ResponseMediaType, headers: HTTPFields = [:], error: GraphQLError
    ) -> Answer {
        var headers = headers
        headers[.contentType] = mediaType.contentType
        return Answer(status: status, headers: headers, body: ExecutionResult(data: nil, errors: [error]).json())
    }

    private static func describe(_ address: SocketAddress) -> String? {
        guard let ip = address.ipAddress else { return address.pathname }
        guard let port = address.port else { return ip }
        return address.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}

extension Response {
    init(_ answer: GraphQLEndpoint<some GraphQLService>.Answer) {
        self.init(
            status: answer.status, headers: answer.headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
