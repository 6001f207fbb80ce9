import GraphQLExecution
import Hummingbird

/// How far a GraphQL-over-HTTP request got; with the response's media type, this decides the
/// status code.
enum RequestOutcome: Equatable {
    /// The parameters have the wrong shape: `query` missing or not a string, `variables` not
    /// an object… (not a well-formed GraphQL-over-HTTP request).
    case malformedParameters
    /// The document did not parse.
    case syntaxError
    /// A request error raised before execution — validation, GetOperation(),
    /// CoerceVariableValues() — so the response has no `data`.
    case requestError
    /// The operation ran: the response has `data` (perhaps null), and perhaps field errors.
    case executed(hasErrors: Bool)

    /// The outcome of a result the service returned.
    init(_ result: ExecutionResult) {
        self = result.data == nil ? .requestError : .executed(hasErrors: !result.errors.isEmpty)
    }
}

extension HTTPResponse.Status {
    /// `294 Partial Success`: the status the GraphQL-over-HTTP draft defines for a response
    /// with both `data` and `errors`.
    static let partialSuccess = HTTPResponse.Status(code: 294, reasonPhrase: "Partial Success")

    /// The status of a GraphQL response ("Status Codes"), whatever the media type.
    ///
    /// | outcome              | status |
    /// |----------------------|--------|
    /// | malformed parameters | 422    |
    /// | syntax error         | 400    |
    /// | request error        | 422    |
    /// | data, no errors      | 200    |
    /// | data and errors      | 294    |
    ///
    /// A response without `data` is never `2xx`: `400` when the document cannot be read, `422`
    /// when it can but cannot be processed, or when the parameters are not a GraphQL-over-HTTP
    /// request. `294 Partial Success` is `data` with `errors`, even when `data` is null, as the
    /// draft words it. A legacy client (one that accepts `application/json` only) is answered as
    /// if it had asked for `application/graphql-response+json`, except that a `2xx` answer is
    /// labelled `application/json` (`ResponseMediaType.forStatus`): the draft's advice, so that
    /// such a client reads a success as JSON and never mistakes an error for one.
    init(outcome: RequestOutcome) {
        switch outcome {
        case .malformedParameters: self = .unprocessableContent
        case .syntaxError: self = .badRequest
        case .requestError: self = .unprocessableContent
        case .executed(let hasErrors): self = hasErrors ? .partialSuccess : .ok
        }
    }
}

extension ResponseMediaType {
    /// The media type of a GraphQL response with this status: the negotiated one for `2xx`,
    /// `application/graphql-response+json` for every error status.
    func forStatus(_ status: HTTPResponse.Status) -> ResponseMediaType {
        status.kind == .successful ? self : .graphQLResponse
    }
}
