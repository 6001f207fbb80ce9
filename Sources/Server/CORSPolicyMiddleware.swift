import HTTPTypes
import Hummingbird

/// Applies a `CORSPolicy`: answers preflights, and marks responses to allowed origins.
///
/// Hummingbird's own `CORSMiddleware` allows one origin or all; this one takes a list.
struct CORSPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: CORSPolicy

    /// The methods a cross-origin request may use: the GraphQL endpoint's.
    static var allowedMethods: String { "GET, POST, OPTIONS" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let origin = request.headers[.origin]
        let allowOrigin = origin.flatMap(policy.allowOrigin(for:))

        if origin != nil, request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard let allowOrigin else { return Response(status: .forbidden, headers: varyHeaders) }
            var headers = varyHeaders
            headers[.accessControlAllowOrigin] = allowOrigin
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = policy.allowedHeaders.joined(separator: ", ")
            headers[.accessControlMaxAge] = String(policy.maxAge.components.seconds)
            return Response(status: .noContent, headers: headers)
        }

        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        if let allowOrigin { response.headers[.accessControlAllowOrigin] = allowOrigin }
        response.headers.append(contentsOf: varyHeaders)
        return response
    }

    /// `Vary: Origin` on every response when the answer depends on the request's origin (a
    /// list of origins), so that a cache keeps one answer per origin.
    private var varyHeaders: HTTPFields {
        guard case .only(let origins) = policy.allowedOrigins, !origins.isEmpty else { return [:] }
        return [.vary: "Origin"]
    }
}
