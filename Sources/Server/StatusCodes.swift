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
    /// with both `data` and `errors`, only under `application/graphql-response+json`.
    static let partialSuccess = HTTPResponse.Status(code: 294, reasonPhrase: "Partial Success")

    /// The status of a GraphQL response ("Status Codes").
    ///
    /// | outcome              | graphql-response+json | application/json |
    /// |----------------------|-----------------------|------------------|
    /// | malformed parameters | 422                   | 422              |
    /// | syntax error         | 400                   | 400              |
    /// | request error        | 422                   | 422              |
    /// | data, no errors      | 200                   | 200              |
    /// | data and errors      | 294                   | 200              |
    ///
    /// The draft's rule is that a response without `data` is never `2xx`, whatever the media
    /// type: a request that cannot be executed says so by its status to every client, `400`
    /// when the document cannot be read and `422` when it can but cannot be processed (the
    /// split proposed in graphql-over-http #354), or when the parameters are not a
    /// GraphQL-over-HTTP request. Such answers are `application/graphql-response+json` even for
    /// a client that asked for `application/json` (`mediaType(forStatus:)`), so that no proxy's
    /// error page is mistaken for them. `294` (`data` with `errors`, even when `data` is null,
    /// as the draft words it) exists only under `application/graphql-response+json`; a legacy
    /// client gets `200` for any response with `data`.
    init(outcome: RequestOutcome, mediaType: ResponseMediaType) {
        switch (mediaType, outcome) {
        case (_, .malformedParameters): self = .unprocessableContent
        case (_, .syntaxError): self = .badRequest
        case (_, .requestError): self = .unprocessableContent
        case (.json, .executed): self = .ok
        case (.graphQLResponse, .executed(let hasErrors)): self = hasErrors ? .partialSuccess : .ok
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
