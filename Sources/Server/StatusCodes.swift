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
    /// | outcome              | graphql-response+json | application/json (Appendix A) |
    /// |----------------------|-----------------------|-------------------------------|
    /// | malformed parameters | 422                   | 400                           |
    /// | syntax error         | 400                   | 200                           |
    /// | request error        | 422                   | 200                           |
    /// | data, no errors      | 200                   | 200                           |
    /// | data and errors      | 294                   | 200                           |
    ///
    /// With `application/json` every well-formed request gets `200`, since a client cannot
    /// tell a GraphQL response under any other status from a proxy's error page; only a
    /// request that is not well-formed gets `400`. With `application/graphql-response+json`
    /// the status says how far the request got: `400` when the document cannot be read,
    /// `422` when it can but cannot be processed (the split proposed in graphql-over-http
    /// #354), `294` when `data` comes with `errors` (even when `data` is null, as the draft
    /// words it).
    init(outcome: RequestOutcome, mediaType: ResponseMediaType) {
        switch (mediaType, outcome) {
        case (.json, .malformedParameters): self = .badRequest
        case (.json, _): self = .ok
        case (.graphQLResponse, .malformedParameters): self = .unprocessableContent
        case (.graphQLResponse, .syntaxError): self = .badRequest
        case (.graphQLResponse, .requestError): self = .unprocessableContent
        case (.graphQLResponse, .executed(let hasErrors)): self = hasErrors ? .partialSuccess : .ok
        }
    }
}
