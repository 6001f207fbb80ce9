import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded

/// Sends a request straight to an application's responder, for what the test clients cannot
/// send (a body without `Content-Length`).
func respond<App: ApplicationProtocol>(_ app: App, to request: Request) async throws -> Response {
    let responder = try await app.responder
    let context = App.Context(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "chorus.server.tests")))
    return try await responder.respond(to: request, context: context)
}

/// A response body's bytes as text.
func collect(_ body: ResponseBody) async throws -> String {
    let writer = CollectingWriter()
    try await body.write(writer)
    return String(buffer: writer.buffer.withLockedValue { $0 })
}

private struct CollectingWriter: ResponseBodyWriter {
    let buffer = NIOLockedValueBox(ByteBuffer())

    mutating func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.withLockedValue { _ = $0.writeBuffer(&part) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
